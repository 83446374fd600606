//! `gongsi diff`: two drafts of a plan, in any mix of folder and workbook, compared by id.
//! Each test copies the reference plan into a temp dir, edits the YAML text, and reads the
//! JSON (or text) change list and the exit code (0 same, 1 different, 2 error).

use std::path::{Path, PathBuf};

use crate::common::{self, copy_dir, root, run};
use serde_json::Value;

/// Two copies of the reference plan, `old` and `new`, in a temp dir.
fn drafts() -> (tempfile::TempDir, PathBuf, PathBuf) {
    let dir = tempfile::tempdir().unwrap();
    let reference = root().join("content/2021-인천서구");
    let (old, new) = (dir.path().join("old"), dir.path().join("new"));
    copy_dir(&reference, &old);
    copy_dir(&reference, &new);
    (dir, old, new)
}

/// Replaces `from` (which must be there, once) by `to` in `file` of the plan folder.
fn edit(plan: &Path, file: &str, from: &str, to: &str) {
    let path = plan.join(file);
    let text = std::fs::read_to_string(&path).unwrap();
    assert_eq!(text.matches(from).count(), 1, "`{from}` once in {file}");
    std::fs::write(&path, text.replacen(from, to, 1)).unwrap();
}

/// Runs `gongsi diff old new --format json`; the exit code and the parsed change list.
fn diff_json(old: &Path, new: &Path) -> (i32, Value) {
    let out = run(
        &root(),
        &[
            "diff",
            old.to_str().unwrap(),
            new.to_str().unwrap(),
            "--format",
            "json",
        ],
    );
    let code = out.status.code().unwrap();
    assert!(code < 2, "{}", String::from_utf8_lossy(&out.stderr));
    (code, serde_json::from_slice(&out.stdout).expect("JSON"))
}

/// Every change, flattened.
fn changes(diff: &Value) -> Vec<Value> {
    diff["sections"]
        .as_array()
        .unwrap()
        .iter()
        .flat_map(|s| s["changes"].as_array().unwrap().clone())
        .collect()
}

fn of_kind(diff: &Value, kind: &str) -> Vec<Value> {
    changes(diff)
        .into_iter()
        .filter(|c| c["kind"] == kind)
        .collect()
}

fn at_path(diff: &Value, path: &str) -> Value {
    changes(diff)
        .into_iter()
        .find(|c| c["path"] == path)
        .unwrap_or_else(|| panic!("no change at {path}: {diff:#}"))
}

#[test]
fn the_yaml_plan_and_its_workbook_are_the_same_plan() {
    let out = run(
        &root(),
        &[
            "diff",
            "content/2021-인천서구",
            "content/2021-인천서구.xlsx",
        ],
    );
    assert_eq!(
        out.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert!(stdout.contains("두 초안은 같은 계획입니다"), "{stdout}");
    // And the other way round, with the workbook first and plan.yaml for the folder.
    let out = run(
        &root(),
        &[
            "diff",
            "content/2021-인천서구.xlsx",
            "content/2021-인천서구/plan.yaml",
            "--format",
            "json",
        ],
    );
    assert_eq!(out.status.code(), Some(0));
    let json: Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(json["same"], true);
    assert_eq!(json["sections"].as_array().unwrap().len(), 0);
}

#[test]
fn a_changed_budget_shows_old_new_difference_and_every_total_it_moves() {
    let (_dir, old, new) = drafts();
    edit(
        &new,
        "strategies/01-youth.yaml",
        "budget: {local: 38000}",
        "budget: {local: 48000}",
    );
    let (code, diff) = diff_json(&old, &new);
    assert_eq!(code, 1);
    let local = at_path(&diff, "project/youth-startup-space/budget/local");
    assert_eq!(local["kind"], "number");
    assert_eq!(
        (&local["old"], &local["new"], &local["difference"]),
        (
            &Value::from(38_000),
            &Value::from(48_000),
            &Value::from(10_000)
        )
    );
    assert_eq!(local["unit"], "천원");
    // Task 44,000 → 54,000; strategy 700,483 → 710,483; plan total +10,000; 구비 alike.
    let task = at_path(&diff, "task/youth-startup/budget/total");
    assert_eq!(
        (task["old"].as_i64(), task["new"].as_i64()),
        (Some(44_000), Some(54_000))
    );
    let strategy = at_path(&diff, "strategy/youth/budget/local");
    assert_eq!(
        (strategy["old"].as_i64(), strategy["new"].as_i64()),
        (Some(523_483), Some(533_483))
    );
    let plan = at_path(&diff, "plan/budget/total");
    assert_eq!(plan["difference"], 10_000);
    assert_eq!(plan["kind"], "total");
    // 국비 did not change: no total for it, and no people total.
    assert!(
        changes(&diff)
            .iter()
            .all(|c| c["path"] != "plan/budget/national")
    );
    assert!(changes(&diff).iter().all(|c| c["path"] != "plan/people"));
    assert_eq!(diff["counts"]["numbers"], 2, "계 and 구비 of the project");
    // The text report says the same in Korean.
    let out = run(
        &root(),
        &["diff", old.to_str().unwrap(), new.to_str().unwrap()],
    );
    let text = String::from_utf8_lossy(&out.stdout);
    assert!(
        text.contains(
            "세부사업 「청년 창업 공간 조성사업」 사업예산 구비: 38,000 → 48,000천원 (+10,000)"
        ),
        "{text}"
    );
    assert!(
        text.contains("= 합계 계획 전체 구비: 20,241,689 → 20,251,689천원 (+10,000)"),
        "{text}"
    );
    assert!(!text.contains('\x1b'), "no colour when not on a terminal");
}

#[test]
fn a_lowered_target_shows_a_negative_difference_with_the_triangle() {
    let (_dir, old, new) = drafts();
    edit(
        &new,
        "strategies/01-youth.yaml",
        "target_people: 4\n",
        "target_people: 1\n",
    );
    let (_, diff) = diff_json(&old, &new);
    let people = at_path(&diff, "task/youth-startup/target_people");
    assert_eq!(people["difference"], -3);
    let out = run(
        &root(),
        &["diff", old.to_str().unwrap(), new.to_str().unwrap()],
    );
    let text = String::from_utf8_lossy(&out.stdout);
    assert!(text.contains("성과목표: 4 → 1명 (△3)"), "{text}");
    assert!(
        text.contains("= 합계 계획 전체 일자리 목표: 16,407 → 16,404명 (△3)"),
        "{text}"
    );
}

#[test]
fn changed_text_is_shown_word_by_word() {
    let (_dir, old, new) = drafts();
    edit(
        &new,
        "strategies/01-youth.yaml",
        "창업에 어려움을 겪고",
        "창업에 큰 어려움을 겪고",
    );
    edit(
        &new,
        "strategies/01-youth.yaml",
        "name: 청년 창업 공간 조성사업",
        "name: 청년 창업공간 조성사업",
    );
    let (_, diff) = diff_json(&old, &new);
    let texts = of_kind(&diff, "text");
    assert_eq!(texts.len(), 2, "{texts:#?}");
    let purpose = at_path(&diff, "task/youth-startup/purpose");
    let inserted: Vec<&str> = purpose["words"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|w| w["op"] == "insert")
        .map(|w| w["text"].as_str().unwrap().trim())
        .collect();
    assert_eq!(inserted, ["큰"]);
    let out = run(
        &root(),
        &[
            "diff",
            old.to_str().unwrap(),
            new.to_str().unwrap(),
            "--format",
            "md",
        ],
    );
    let md = String::from_utf8_lossy(&out.stdout);
    assert!(md.contains("~~창업 공간~~ **창업공간**"), "{md}");
    assert!(md.contains("창업에 **큰** 어려움을"), "{md}");
    // Nothing else: a text change moves no total.
    assert!(of_kind(&diff, "total").is_empty());
}

#[test]
fn a_changed_procedure_step_is_a_text_change_of_the_project() {
    let (_dir, old, new) = drafts();
    edit(
        &new,
        "strategies/01-youth.yaml",
        "steps: [창업 공모전, 대상자 선정,",
        "steps: [창업 공모전, 서류 심사, 대상자 선정,",
    );
    let (code, diff) = diff_json(&old, &new);
    assert_eq!(code, 1);
    let texts = of_kind(&diff, "text");
    assert_eq!(texts.len(), 1, "{texts:#?}");
    let change = at_path(&diff, "project/youth-startup-space/details");
    let inserted: Vec<&str> = change["words"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|w| w["op"] == "insert")
        .map(|w| w["text"].as_str().unwrap().trim())
        .collect();
    assert_eq!(inserted, ["서류 심사 →"], "{change:#}");
    assert!(change["subject"].as_str().unwrap().ends_with("추진절차"));
}

/// Edits a figure of a table in part II: 19세 이하 106,534 → 106,634.
fn raise_youngest_population(plan: &Path) {
    let file = "labour-market/01-population.yaml";
    let text = std::fs::read_to_string(plan.join(file)).unwrap();
    let line = text
        .lines()
        .find(|l| l.contains("[19세 이하"))
        .expect("the 19세 이하 row");
    edit(plan, file, line, &line.replace("106534", "106634"));
}

#[test]
fn a_changed_table_figure_carries_its_difference() {
    let (_dir, old, new) = drafts();
    raise_youngest_population(&new);
    let (_, diff) = diff_json(&old, &new);
    let texts = of_kind(&diff, "text");
    assert_eq!(texts.len(), 1, "{texts:#?}");
    assert_eq!(texts[0]["figures"][0]["old"], 106_534);
    assert_eq!(texts[0]["figures"][0]["difference"], 100);
    assert!(
        texts[0]["subject"]
            .as_str()
            .unwrap()
            .contains("연령별 주민등록인구")
    );
}

/// Adds 「청년 창업 자금 지원」 (국비 5,000, 구비 5,000) to the first task and drops strategy 5
/// (고용거버넌스) whole.
fn add_project_and_drop_a_strategy(plan: &Path) {
    edit(
        plan,
        "strategies/01-youth.yaml",
        "    effects:\n      - text: 서구만의",
        "      - id: youth-startup-fund\n        name: 청년 창업 자금 지원\n        budget: {national: 5000, local: 5000}\n    effects:\n      - text: 서구만의",
    );
    std::fs::remove_file(plan.join("strategies/05-governance.yaml")).unwrap();
}

#[test]
fn added_and_removed_projects_tasks_and_strategies_are_listed_with_their_totals() {
    let (_dir, old, new) = drafts();
    // A new project in the first task, a whole strategy dropped, a task added.
    add_project_and_drop_a_strategy(&new);
    let text = std::fs::read_to_string(new.join("strategies/04-industry.yaml")).unwrap();
    std::fs::write(
        new.join("strategies/04-industry.yaml"),
        format!(
            "{text}\n  - id: industry-new-task\n    name: 새 과제\n    target_people: 10\n    purpose: [{{text: 목적}}]\n    projects:\n      - id: industry-new-project\n        name: 새 사업\n        budget: {{local: 1000}}\n    effects: [{{text: 효과}}]\n"
        ),
    )
    .unwrap();
    let (code, diff) = diff_json(&old, &new);
    assert_eq!(code, 1);
    let added: Vec<(String, String)> = of_kind(&diff, "added")
        .iter()
        .map(|c| (c["item"].to_string(), c["id"].as_str().unwrap().to_string()))
        .collect();
    assert_eq!(
        added,
        [
            ("\"project\"".to_string(), "youth-startup-fund".to_string()),
            ("\"task\"".to_string(), "industry-new-task".to_string())
        ]
    );
    let removed = of_kind(&diff, "removed");
    assert_eq!(
        removed.len(),
        1,
        "only the strategy, not its tasks one by one"
    );
    assert_eq!(removed[0]["item"], "strategy");
    assert_eq!(removed[0]["id"], "governance");
    assert!(removed[0]["place"].as_str().unwrap().starts_with("전략5"));
    assert!(of_kind(&diff, "moved").is_empty());
    // The removed strategy is listed where it was: after strategy 4.
    let titles: Vec<&str> = diff["sections"]
        .as_array()
        .unwrap()
        .iter()
        .map(|s| s["title"].as_str().unwrap())
        .collect();
    let four = titles.iter().position(|t| t.contains("전략4")).unwrap();
    let five = titles.iter().position(|t| t.contains("전략5")).unwrap();
    assert!(four < five, "{titles:?}");
    let strategy = at_path(&diff, "strategy/youth/budget/national");
    assert_eq!(strategy["difference"], 5_000);
    let industry_people = at_path(&diff, "strategy/industry/people");
    assert_eq!(industry_people["difference"], 10);
}

#[test]
fn reordering_is_reported_as_moves_only() {
    let (_dir, old, new) = drafts();
    // Strategy 1 goes last (files are read in name order); two projects swap.
    std::fs::rename(
        new.join("strategies/01-youth.yaml"),
        new.join("strategies/09-youth.yaml"),
    )
    .unwrap();
    let path = new.join("strategies/09-youth.yaml");
    let text = std::fs::read_to_string(&path).unwrap();
    let a = text.find("      - id: youth-startup-space").unwrap();
    let b = text.find("      - id: youth-startup-academy").unwrap();
    let c = b + text[b..].find("    effects:").unwrap();
    let swapped = format!("{}{}{}{}", &text[..a], &text[b..c], &text[a..b], &text[c..]);
    std::fs::write(&path, swapped).unwrap();
    let (code, diff) = diff_json(&old, &new);
    assert_eq!(code, 1);
    let counts = &diff["counts"];
    assert_eq!(counts["moved"], 2, "{diff:#}");
    for kind in ["added", "removed", "numbers", "texts", "totals"] {
        assert_eq!(counts[kind], 0, "{kind}: {diff:#}");
    }
    let moved = of_kind(&diff, "moved");
    assert_eq!(moved[0]["id"], "youth");
    assert_eq!(
        (moved[0]["from"].as_str(), moved[0]["to"].as_str()),
        (Some("전략1"), Some("전략5"))
    );
    assert_eq!(moved[1]["item"], "project");
}

#[test]
fn a_task_moved_to_another_strategy_is_one_move_and_both_strategies_totals() {
    let (_dir, old, new) = drafts();
    let youth = std::fs::read_to_string(new.join("strategies/01-youth.yaml")).unwrap();
    let start = youth.find("  - id: youth-startup\n").unwrap();
    let end = start + 1 + youth[start + 1..].find("\n  - id: ").unwrap() + 1;
    let task = youth[start..end].to_string();
    std::fs::write(
        new.join("strategies/01-youth.yaml"),
        format!("{}{}", &youth[..start], &youth[end..]),
    )
    .unwrap();
    let industry = std::fs::read_to_string(new.join("strategies/04-industry.yaml")).unwrap();
    std::fs::write(
        new.join("strategies/04-industry.yaml"),
        format!("{}\n{task}", industry.trim_end()),
    )
    .unwrap();
    let (_, diff) = diff_json(&old, &new);
    let moved = of_kind(&diff, "moved");
    assert_eq!(moved.len(), 1, "{moved:#?}");
    assert_eq!(moved[0]["item"], "task");
    assert!(moved[0]["to"].as_str().unwrap().starts_with("전략4"));
    assert!(of_kind(&diff, "added").is_empty() && of_kind(&diff, "removed").is_empty());
    assert_eq!(
        at_path(&diff, "strategy/youth/budget/total")["difference"],
        -44_000
    );
    assert_eq!(
        at_path(&diff, "strategy/industry/budget/total")["difference"],
        44_000
    );
    assert!(
        changes(&diff)
            .iter()
            .all(|c| c["path"] != "plan/budget/total")
    );
}

#[test]
fn an_unreadable_draft_is_an_error_with_exit_code_2_and_its_place() {
    let (_dir, old, new) = drafts();
    edit(
        &new,
        "strategies/01-youth.yaml",
        "target_people: 4\n",
        "target_poeple: 4\n",
    );
    let out = run(
        &root(),
        &["diff", old.to_str().unwrap(), new.to_str().unwrap()],
    );
    assert_eq!(out.status.code(), Some(2));
    let stderr = String::from_utf8_lossy(&out.stderr);
    let place = new.join("strategies/01-youth.yaml");
    assert!(
        stderr.contains(&format!("{}:", place.display())),
        "{stderr}"
    );
    assert!(stderr.contains("target_poeple"), "{stderr}");
    let out = run(&root(), &["diff", old.to_str().unwrap(), "없는폴더"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("비교할 계획 `없는폴더`이(가) 없습니다"));
}

#[test]
fn help_documents_the_exit_codes() {
    let out = run(&root(), &["diff", "--help"]);
    let help = String::from_utf8_lossy(&out.stdout);
    assert!(help.contains("0 두 초안이 같음, 1 다름, 2 오류"), "{help}");
}

/// Two copies of the small fixture plan, with the new one edited: 구비 of 「청년 인턴 사업」
/// (군비) 70,000 → 80,000, 「청년 창업 지원」 removed, 「청년 창업 자금」 added.
fn small_drafts() -> (tempfile::TempDir, PathBuf, PathBuf) {
    let dir = tempfile::tempdir().unwrap();
    let (old, new) = (dir.path().join("old"), dir.path().join("new"));
    copy_dir(&common::fixture("minimal"), &old);
    copy_dir(&common::fixture("minimal"), &new);
    let file = "strategies/01-youth.yaml";
    edit(&new, file, "local: 70000}", "local: 80000}");
    edit(
        &new,
        file,
        "      - id: youth-jobs-startup\n        name: 청년 창업 지원\n        budget: {local: 50000}\n        schedule:\n          - {from: 4, to: 11, label: 창업 공간 운영}\n",
        "      - id: youth-jobs-fund\n        name: 청년 창업 자금\n        budget: {local: 30000}\n",
    );
    edit(
        &new,
        file,
        "name: 청년 일자리 창출",
        "name: 청년 일자리 발굴",
    );
    edit(
        &new,
        file,
        "지역 청년의 정착 지원",
        "지역 청년의 정착과 취업 지원",
    );
    (dir, old, new)
}

/// The review PDF of `old` → `new` (`diff --pdf`, which exits 1: the drafts differ) and
/// its text.
fn review_text(old: &Path, new: &Path, pdf: &Path) -> String {
    let out = run(
        &root(),
        &[
            "diff",
            old.to_str().unwrap(),
            new.to_str().unwrap(),
            "--pdf",
            pdf.to_str().unwrap(),
        ],
    );
    assert_eq!(
        out.status.code(),
        Some(1),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    common::pdf_text(pdf)
}

#[test]
fn the_review_pdf_summarises_then_redlines_the_new_draft() {
    let (dir, old, new) = small_drafts();
    let pdf = dir.path().join("검토.pdf");
    let text = review_text(&old, &new, &pdf);
    // First the summary (before the cover), with old and new figures and the difference.
    let first = text.split("일자리대책 연차별 세부계획").next().unwrap();
    // (Table cells come out of pdftotext column by column: check presence, not order.)
    for needle in [
        "검토용 비교: 바뀐 곳 요약",
        "바뀐 곳 6건: 추가 1, 삭제 1, 이동 0, 숫자 2, 글 2",
        "세부사업 「청년 인턴 사업」 사업예산 군비",
        "70,000천원",
        "80,000천원",
        "+10,000",
        "청년 창업 자금",
    ] {
        assert!(
            common::squeeze(first).contains(&common::squeeze(needle)),
            "`{needle}` not in the summary:\n{first}"
        );
    }
    assert!(first.contains("삭제"), "{first}");
    // Then the plan itself: a changed line word by word (the old words struck before the
    // new ones), the removed project put back where it was and struck through after
    // `삭제됨`, the added one with `추가`.
    common::assert_in_order(
        &text,
        &[
            "사업예산 : 200,000천원(국 210,000천원(국 100,000, 도 30,000, 군 70,000) 80,000)",
            "삭제됨 청년 창업 지원",
            "사업예산 : 50,000천원(전액 군비)",
            "청년 창업 자금 추가",
            "사업예산 : 30,000천원(전액 군비)",
        ],
    );
    // The same marks wherever a template prints the projects: in the 추진일정 too, with
    // the removed project's bar.
    let schedule = text.split("V. 추진일정").last().unwrap();
    common::assert_in_order(
        schedule,
        &[
            "삭제됨 청년 창업 지원",
            "창업 공간 운영",
            "청년 창업 자금 추가",
        ],
    );
    // The task's 【추진계획】 table: 계 250,000 → 240,000 with the old value beside it.
    common::assert_in_order(&text, &["240,000천원", "250,000천원"]);
    // Changed body text: the old word struck through beside the new words, in the line.
    common::assert_in_order(&text, &["사업목적", "지역 청년의 정착 정착과 취업 지원"]);
    // The task name changed: in the summary and the lists (old name struck beside it).
    assert!(text.contains("청년 일자리 발굴"));
    assert_eq!(
        common::pdf_pages(&pdf),
        common::pdf_pages(&common::build_ok(
            dir.path(),
            &[new.to_str().unwrap()],
            "new.pdf"
        )) + 1
    );
}

#[test]
fn a_template_that_knows_nothing_of_the_review_still_shows_every_change_it_prints() {
    let (dir, old, new) = small_drafts();
    let templates = dir.path().join("나의 서식");
    std::fs::create_dir_all(&templates).unwrap();
    std::fs::write(
        templates.join("summary.typ"),
        "= 나의 요약\n{% for s in plan.strategies %}{% for t in s.tasks %}\n\
         과제 {{ t.name }}: {{ t.millions | million }}백만원\n\n\
         {% for p in t.projects %}사업 {{ p.list_name }}\n\n{% endfor %}\
         {% endfor %}{% endfor %}\n",
    )
    .unwrap();
    let pdf = dir.path().join("검토.pdf");
    let out = run(
        &root(),
        &[
            "diff",
            old.to_str().unwrap(),
            new.to_str().unwrap(),
            "--templates",
            templates.to_str().unwrap(),
            "--pdf",
            pdf.to_str().unwrap(),
        ],
    );
    assert_eq!(
        out.status.code(),
        Some(1),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let text = common::pdf_text(&pdf);
    let mine = text.split("나의 요약").last().unwrap();
    common::assert_in_order(
        mine,
        &[
            // A changed name and figure: the new value, the old one beside it.
            "과제 청년 일자리 발굴 청년 일자리 창출: 240 250백만원",
            "사업 청년 인턴 사업",
            "사업 삭제됨 청년 창업 지원",
            "사업 청년 창업 자금 추가",
            "과제 청년 역량 강화: 5백만원",
        ],
    );
}

#[test]
fn pages_that_differ_are_written_as_highlighted_images_with_a_summary() {
    let (dir, old, new) = small_drafts();
    let pages = dir.path().join("쪽");
    std::fs::create_dir_all(&pages).unwrap();
    std::fs::write(pages.join("page-999.png"), b"stale").unwrap();
    let out = run(
        &root(),
        &[
            "diff",
            old.to_str().unwrap(),
            new.to_str().unwrap(),
            "--pages",
            pages.to_str().unwrap(),
            "--page-width",
            "400",
        ],
    );
    assert_eq!(
        out.status.code(),
        Some(1),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(stderr.contains("쪽 비교:"), "{stderr}");
    let summary: Value =
        serde_json::from_str(&std::fs::read_to_string(pages.join("summary.json")).unwrap())
            .unwrap();
    let changed = summary["changed"].as_array().unwrap();
    assert!(!changed.is_empty());
    // The cover and the contents do not change; the summary (I) and the task pages do.
    let numbers: Vec<u64> = changed
        .iter()
        .map(|c| c["page"].as_u64().unwrap())
        .collect();
    assert!(!numbers.contains(&1), "{numbers:?}");
    assert!(
        !pages.join("page-999.png").exists(),
        "stale images are removed"
    );
    for page in changed {
        let png = std::fs::read(pages.join(page["file"].as_str().unwrap())).unwrap();
        assert_eq!(&png[1..4], b"PNG");
        let width = u32::from_be_bytes(png[16..20].try_into().unwrap());
        assert_eq!(width, 400);
        assert!(page["pixels"].as_u64().unwrap() > 0);
    }
    // The same draft twice: no page differs, exit 0.
    let out = run(
        &root(),
        &[
            "diff",
            old.to_str().unwrap(),
            old.to_str().unwrap(),
            "--pages",
            pages.to_str().unwrap(),
        ],
    );
    assert_eq!(out.status.code(), Some(0));
    let summary: Value =
        serde_json::from_str(&std::fs::read_to_string(pages.join("summary.json")).unwrap())
            .unwrap();
    assert_eq!(summary["changed"].as_array().unwrap().len(), 0);
    assert!(!pages.join(changed[0]["file"].as_str().unwrap()).exists());
}

#[test]
fn a_project_moved_into_a_new_task_is_a_move_not_an_addition() {
    let (_dir, old, new) = drafts();
    let path = new.join("strategies/01-youth.yaml");
    let text = std::fs::read_to_string(&path).unwrap();
    let a = text.find("      - id: youth-startup-academy").unwrap();
    let b = a + text[a..].find("    effects:").unwrap();
    let project = text[a..b].to_string();
    let rest = format!("{}{}", &text[..a], &text[b..]);
    std::fs::write(
        &path,
        format!(
            "{}\n  - id: youth-new\n    name: 새 과제\n    purpose: [{{text: 목적}}]\n    projects:\n{project}    effects: [{{text: 효과}}]\n",
            rest.trim_end()
        ),
    )
    .unwrap();
    let (_, diff) = diff_json(&old, &new);
    let added: Vec<Value> = of_kind(&diff, "added");
    assert_eq!(added.len(), 1);
    assert_eq!(added[0]["id"], "youth-new");
    let moved = of_kind(&diff, "moved");
    assert_eq!(moved.len(), 1, "{moved:#?}");
    assert_eq!(moved[0]["id"], "youth-startup-academy");
    assert!(moved[0]["to"].as_str().unwrap().contains("새 과제"));
    assert_eq!(
        at_path(&diff, "task/youth-startup/budget/total")["difference"],
        -6_000
    );
    assert!(
        changes(&diff)
            .iter()
            .all(|c| c["path"] != "strategy/youth/budget/total")
    );
}

#[test]
fn a_changed_year_is_printed_as_a_year_not_an_amount() {
    let (_dir, old, new) = drafts();
    edit(&new, "plan.yaml", "year: 2021", "year: 2022");
    let (_, diff) = diff_json(&old, &new);
    let year = at_path(&diff, "plan/year");
    assert_eq!(year["kind"], "text", "{year:#}");
    assert_eq!(
        year["figures"].as_array().map(Vec::len),
        Some(0),
        "{year:#}"
    );
    let out = run(
        &root(),
        &["diff", old.to_str().unwrap(), new.to_str().unwrap()],
    );
    let text = String::from_utf8_lossy(&out.stdout);
    let line = text
        .lines()
        .find(|l| l.contains("계획 연도"))
        .unwrap_or_else(|| panic!("{text}"));
    assert!(line.contains("2021") && line.contains("2022"), "{line}");
    assert!(!text.contains("2,021") && !text.contains("2,022"), "{text}");
}

/// A marked value right before template text that Typst would read as a call (`(%)` after the
/// target's name in I's header: `'25년 목표 고용률(%)`) still typesets: every mark ends its
/// embedded expression as every escaped value does.
#[test]
fn a_review_marks_a_value_followed_by_a_parenthesis() {
    let dir = tempfile::tempdir().unwrap();
    let pdf = dir.path().join("검토.pdf");
    let old = root().join("content/2021-인천서구");
    let text = review_text(&old, &common::fixture("second"), &pdf);
    // Common targets are matched by name, as in the change list: the renamed one is the old
    // target put back struck through after `삭제됨` and the new one with `추가`, each with its
    // unit right after the mark.
    let flat = common::squeeze(&text);
    assert!(
        flat.contains("삭제됨목표취업률(%)") && flat.contains("고용률추가(%)"),
        "{text}"
    );
}

/// The review marks what the change list names, and only that: a changed figure in a table
/// of part II is printed with its old value beside it (the comparison found it, so the review
/// shows it), and a 백만원 figure that 단수 조정 moved in another strategy is listed as a
/// total of its own.
#[test]
fn the_review_marks_what_the_change_list_names() {
    let (dir, old, new) = drafts();
    raise_youngest_population(&new);
    add_project_and_drop_a_strategy(&new);
    let (_, diff) = diff_json(&old, &new);
    let shifted: Vec<Value> = of_kind(&diff, "total")
        .into_iter()
        .filter(|c| c["unit"] == "백만원")
        .collect();
    assert!(!shifted.is_empty(), "{diff:#}");
    for change in &shifted {
        assert!(
            change["measure"].as_str().unwrap().contains("단수 조정"),
            "{change:#}"
        );
        assert_eq!(
            change["difference"].as_i64().unwrap().abs(),
            1,
            "{change:#}"
        );
    }
    let pdf = dir.path().join("검토.pdf");
    let text = review_text(&old, &new, &pdf);
    // New value, then the old one struck through beside it, in the table's row.
    common::assert_in_order(&text, &["19세 이하", "106,634 106,534"]);
    let figure = |side: &str| gongsi::model::number::integer(shifted[0][side].as_i64().unwrap());
    let (before, after) = (figure("old"), figure("new"));
    assert!(
        common::squeeze(&text).contains(&format!("{after}{before}")),
        "{after} beside {before} not in the review"
    );
}
