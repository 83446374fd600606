//! `gongsi check`: one fixture per rule with a seeded break (place and message asserted),
//! exit codes, JSON output, and `build` running the validator first.

use std::path::Path;
use std::process::Output;

use crate::common::*;

/// Runs `gongsi check` with `args` on `plan`; returns (exit code, stdout).
fn check(dir: &Path, plan: &str, args: &[&str]) -> (i32, String) {
    let mut all = vec!["check", plan];
    all.extend_from_slice(args);
    let out: Output = run(dir, &all);
    let stdout = String::from_utf8_lossy(&out.stdout).into_owned();
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(!stderr.contains("panicked"), "{stderr}");
    (out.status.code().unwrap_or(-1), stdout)
}

/// The minimal fixture with its population table's header, rows and relations replaced.
fn with_table(dir: &Path, header: &str, rows: &[&str], relations: &[&str]) -> String {
    broken_plan(dir, "labour-market/01-population.yaml", |t| {
        let start = t.find("          header:\n").unwrap();
        let end = t.find("      - chart:").unwrap();
        let lines = |items: &[&str]| -> String {
            items
                .iter()
                .map(|i| format!("            - {i}\n"))
                .collect()
        };
        format!(
            "{}          header:\n            - {header}\n          rows:\n{}          relations:\n{}{}",
            &t[..start],
            lines(rows),
            lines(relations),
            &t[end..]
        )
    })
}

/// The minimal fixture with a project budget whose 계 is 2,000 more than its splits.
fn total_off_by_2000(dir: &Path) -> String {
    broken_plan(dir, "strategies/01-youth.yaml", |t| {
        t.replace(
            "budget: {local: 50000}",
            "budget: {total: 52000, local: 50000}",
        )
    })
}

/// Asserts that `out` has a finding headed exactly `head` whose text contains `message`.
fn assert_finding(out: &str, head: &str, message: &str) {
    let at = out
        .find(head)
        .unwrap_or_else(|| panic!("no `{head}` in:\n{out}"));
    let rest = &out[at + head.len()..];
    let block = &rest[..rest.find("\n경고[").unwrap_or(rest.len())];
    assert!(block.contains(message), "`{message}` not in:\n{block}");
}

// The minimal fixture's two completeness warnings (no slogan, one task without 성과목표:
// see `the_minimal_plan_lacks_only_its_slogan_and_one_target`) come on top of every count
// of warnings below.

#[test]
fn budget_total_that_is_not_the_sum_of_its_splits() {
    let dir = tempfile::tempdir().unwrap();
    let plan = total_off_by_2000(dir.path());
    let (code, out) = check(dir.path(), &plan, &[]);
    assert_eq!(code, 0, "warnings alone pass: {out}");
    assert_finding(
        &out,
        "경고[budget-total]: strategies/01-youth.yaml:20:18 (tasks[0].projects[1].budget.total)",
        "계 52,000 ≠ 국비+도비+군비+민자 50,000 (차이 2,000). 계를 50,000(으)로 고치거나 나누어진 금액을 확인하세요.",
    );
    assert!(
        out.contains("budget: {total: 52000, local: 50000}"),
        "snippet: {out}"
    );
    assert!(out.contains("검사 결과: 오류 0건, 경고 3건."), "{out}");
    let (code, _) = check(dir.path(), &plan, &["--deny-warnings"]);
    assert_eq!(code, 2);
}

#[test]
fn table_change_rate() {
    let dir = tempfile::tempdir().unwrap();
    let plan = broken_plan(dir.path(), "labour-market/01-population.yaml", |t| {
        t.replace("[면부, 22871, 22518, -1.5]", "[면부, 22871, 22518, -1.7]")
    });
    let (_, out) = check(dir.path(), &plan, &[]);
    assert_finding(
        &out,
        "경고[table-change]: labour-market/01-population.yaml:19:34 (body[0].items[1].table.rows[2][3])",
        "「면부 / 증감률」(3줄 4열)의 증감률 △1.7 ≠ (22,518 − 22,871) ÷ 22,871 × 100 = △1.5 (차이 0.2).",
    );
}

#[test]
fn table_sum_share_ratio_and_difference() {
    let dir = tempfile::tempdir().unwrap();
    let plan = with_table(
        dir.path(),
        "[구 분, 수, 구성비, 합, 비율, 증감]",
        &[
            "[합 계, {sum: true}, 100, ~, ~, ~]",
            "[가, 30, 31.0, 100, 30.0, 12]",
            "[나, 70, 70.0, 140, 55.0, 0]",
        ],
        &[
            "{kind: share, column: 3, of: [2]}",
            "{kind: sum, column: 4, of: [2, 3]}",
            "{kind: ratio, column: 5, of: [2, 4]}",
            "{kind: difference, column: 6, of: [3, 2]}",
        ],
    );
    let (code, out) = check(dir.path(), &plan, &[]);
    assert_eq!(code, 0, "{out}");
    let at = "labour-market/01-population.yaml";
    let cell = "body[0].items[1].table.rows";
    assert_finding(
        &out,
        &format!("경고[table-share]: {at}:18:23 ({cell}[1][2])"),
        "「가 / 구성비」(2줄 3열)의 구성비 31.0 ≠ 30 ÷ 100 × 100 = 30.0 (차이 1.0). 31.0을(를) 30.0(으)로 고치거나 계산에 쓴 값을 확인하세요.",
    );
    assert_finding(
        &out,
        &format!("경고[table-sum]: {at}:18:29 ({cell}[1][3])"),
        "「가 / 합」(2줄 4열)의 합계 100 ≠ 30 + 31.0 = 61 (차이 39).",
    );
    assert_finding(
        &out,
        &format!("경고[table-ratio]: {at}:19:34 ({cell}[2][4])"),
        "「나 / 비율」(3줄 5열)의 비율 55.0 ≠ 70 ÷ 140 × 100 = 50.0 (차이 5.0).",
    );
    assert_finding(
        &out,
        &format!("경고[table-difference]: {at}:18:40 ({cell}[1][5])"),
        "「가 / 증감」(2줄 6열)의 증감 12 ≠ 30 − 31.0 = △1.0 (차이 13.0).",
    );
    assert!(out.contains("검사 결과: 오류 0건, 경고 6건."), "{out}");
}

/// Rounded each on its own, 250,500 and 5,500천원 print 251 + 6 = 257 under a 합계 of 256.
/// Adjusted (단수 조정), the I 요약 prints 251 + 5 and the III 분야별 목표 adds up too, so
/// `check` has nothing to say about rounding.
#[test]
fn summaries_that_used_to_miss_their_total_now_add_up() {
    let dir = tempfile::tempdir().unwrap();
    let plan = broken_plan(dir.path(), "strategies/01-youth.yaml", |t| {
        t.replace("budget: {local: 50000}", "budget: {local: 50500}")
            .replace("budget: {local: 5000}", "budget: {local: 5500}")
    });
    let (code, out) = check(dir.path(), &plan, &[]);
    assert_eq!(code, 0, "{out}");
    // Only the fixture's two completeness warnings; nothing about rounding.
    assert!(out.contains("검사 결과: 오류 0건, 경고 2건."), "{out}");
    assert!(!out.contains("rounding"), "{out}");
    let pdf = build_ok(dir.path(), &[&plan], "p.pdf");
    let text = pdf_text(&pdf);
    assert_in_order(
        &text,
        &[
            "합 계",
            "120",
            "256",
            "청년 일자리 창출",
            "120",
            "251",
            "청년 역량 강화",
            "5",
        ],
    );
    // III 분야별 목표: 국 100 + 도 30 + 군 126 = 256, the strategy's row as the 총계.
    assert_in_order(&text, &["총 계", "120", "256", "100", "30", "126"]);
    assert!(
        !squeeze(&text).contains("단수조정으로"),
        "no note is needed"
    );
}

/// A 【추진계획】 table too wide for 천원 is printed in 억원; when its task's stated 계 is not
/// the sum of the splits it cannot be adjusted: each figure is rounded on its own, the table
/// says so, and `check` says where.
#[test]
fn a_table_that_cannot_be_adjusted_carries_the_note_and_check_says_where() {
    let dir = tempfile::tempdir().unwrap();
    let plan = broken_plan(dir.path(), "strategies/01-youth.yaml", |t| {
        t.replace(
            "budget: {local: 50000}",
            "budget: {total: 200000000, national: 150050000}",
        )
    });
    let (code, out) = check(dir.path(), &plan, &[]);
    assert_eq!(code, 0, "{out}");
    assert_finding(
        &out,
        "경고[rounding-note]: strategies/01-youth.yaml:4:5 (tasks[0])",
        "실천과제 「청년 일자리 창출」의 【추진계획】 표는 금액이 커서 억원(으)로 적는데",
    );
    let pdf = build_ok(dir.path(), &[&plan], "p.pdf");
    let text = squeeze(&pdf_text(&pdf));
    for printed in [
        "2,002억원",
        "1,502억원",
        "※단수조정으로합계가일치하지않을수있음",
    ] {
        assert!(text.contains(printed), "missing {printed}");
    }
}

#[test]
fn a_misdeclared_relation_is_an_error() {
    let dir = tempfile::tempdir().unwrap();
    let plan = broken_plan(dir.path(), "labour-market/01-population.yaml", |t| {
        t.replace("of: [2, 3]}", "of: [2, 9]}")
    });
    let (code, out) = check(dir.path(), &plan, &[]);
    assert_eq!(code, 1, "{out}");
    assert!(
        out.contains("오류[structure]: labour-market/01-population.yaml:"),
        "{out}"
    );
    assert!(
        out.contains("계산 관계가 표 밖을 가리킵니다: of의 열 9"),
        "{out}"
    );
    let out = run(dir.path(), &["build", &plan, "-o", "out.pdf"]);
    assert_eq!(out.status.code(), Some(1));
    assert!(!dir.path().join("out.pdf").exists());
}

#[test]
fn load_errors_are_findings_with_places() {
    let dir = tempfile::tempdir().unwrap();
    let plan = broken_plan(dir.path(), "strategies/01-youth.yaml", |t| {
        t.replace("target_people: 120", "target_people: 많이")
    });
    let (code, out) = check(dir.path(), &plan, &["--format", "json"]);
    assert_eq!(code, 1, "{out}");
    let json: serde_json::Value = serde_json::from_str(&out).unwrap();
    assert_eq!(json["errors"], 1);
    let finding = &json["findings"][0];
    assert_eq!(finding["rule"], "load");
    assert_eq!(finding["file"], "strategies/01-youth.yaml");
    assert_eq!(finding["line"], 6);
}

/// The reference plan as printed in 2021, with the typo its data corrects (docs/rounding.md:
/// 인쇄본을 고친 곳): a project printed "132,000천원(국 118,000, 구 13,200)".
fn reference_plan_as_printed(dir: &Path) -> String {
    let plan = dir.join("printed");
    copy_dir(&root().join("content/2021-인천서구"), &plan);
    let file = plan.join("strategies/02-tailored.yaml");
    let text = std::fs::read_to_string(&file).unwrap();
    let typo = text.replacen(
        "budget: {national: 118800, local: 13200}",
        "budget: {total: 132000, national: 118000, local: 13200}",
        1,
    );
    assert_ne!(typo, text, "the corrected budget is in the reference plan");
    std::fs::write(&file, typo).unwrap();
    plan.to_str().unwrap().to_string()
}

#[test]
fn reference_plan_findings_text_and_json_agree() {
    let dir = tempfile::tempdir().unwrap();
    let plan = reference_plan_as_printed(dir.path());
    let (code, out) = check(dir.path(), &plan, &[]);
    assert_eq!(code, 0, "{out}");
    // 17 of the reference plan, this one, and 3 tasks without 성과목표 (`incomplete`).
    assert!(out.contains("검사 결과: 오류 0건, 경고 21건."), "{out}");
    assert_finding(
        &out,
        "경고[budget-total]: strategies/02-tailored.yaml:",
        "계 132,000 ≠ 국비+시비+구비+민자 131,200 (차이 800).",
    );
    let (code, json) = check(dir.path(), &plan, &["--format", "json", "--deny-warnings"]);
    assert_eq!(code, 2);
    let json: serde_json::Value = serde_json::from_str(&json).unwrap();
    let warnings = json["warnings"].as_u64().unwrap() as usize;
    assert_eq!(
        out.matches("\n경고[").count() + usize::from(out.starts_with("경고[")),
        warnings
    );
    for finding in json["findings"].as_array().unwrap() {
        assert!(
            finding["line"].is_u64(),
            "every finding has a line: {finding}"
        );
        if finding["rule"] != "incomplete" {
            assert!(finding["expected"].is_number(), "{finding}");
        }
    }
}

#[test]
fn build_prints_warnings_and_writes_the_pdf_unless_denied() {
    let dir = tempfile::tempdir().unwrap();
    let plan = total_off_by_2000(dir.path());
    let out = run(
        dir.path(),
        &["build", &plan, "--deny-warnings", "-o", "out.pdf"],
    );
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(2), "{stderr}");
    assert!(stderr.contains("경고[budget-total]"), "{stderr}");
    assert!(stderr.contains("PDF를 만들지 않았습니다"), "{stderr}");
    assert!(!dir.path().join("out.pdf").exists());
    let pdf = build_ok(dir.path(), &[&plan], "out.pdf");
    assert!(pdf.exists());
}

#[test]
fn a_procedure_needs_steps_and_one_or_two_rows() {
    let dir = tempfile::tempdir().unwrap();
    let plan = broken_plan(dir.path(), "strategies/01-youth.yaml", |t| {
        t.replace(
            "          - text: \"사업대상 : 관내 청년 40명\"",
            "          - text: \"사업대상 : 관내 청년 40명\"\n          - procedure: {steps: [모집, \" \"], rows: 3}",
        )
    });
    let (code, out) = check(dir.path(), &plan, &[]);
    assert_eq!(code, 1, "{out}");
    assert!(
        out.contains("오류[structure]: strategies/01-youth.yaml:14:13 (tasks[0].projects[0].details[1].procedure)")
            && out.contains("추진절차에 빈 단계가 있거나 단계가 하나도 없습니다."),
        "{out}"
    );
    assert!(
        out.contains(
            "strategies/01-youth.yaml:14:43 (tasks[0].projects[0].details[1].procedure.rows)"
        ),
        "{out}"
    );
    assert!(
        out.contains("추진절차의 줄 수 3은(는) 쓸 수 없습니다."),
        "{out}"
    );
    assert!(out.contains("검사 결과: 오류 2건"), "{out}");
}

// ---- Completeness, placeholders, one message per mistake (issue 17, items 3 and 4) ----

/// One finding of `check --format json`: (severity, rule, file, line, path, message).
type Found = (String, String, String, u64, String, String);

/// `check --format json` of `plan`: exit code and the findings.
fn findings(dir: &Path, plan: &str) -> (i32, Vec<Found>) {
    let (code, out) = check(dir, plan, &["--format", "json"]);
    let json: serde_json::Value = serde_json::from_str(&out).unwrap();
    let list = json["findings"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| {
            let s = |k: &str| f[k].as_str().unwrap_or_default().to_string();
            let line = f["line"].as_u64().unwrap_or(0);
            (
                s("severity"),
                s("rule"),
                s("file"),
                line,
                s("path"),
                s("message"),
            )
        })
        .collect();
    (code, list)
}

#[test]
fn the_minimal_plan_lacks_only_its_slogan_and_one_target() {
    // The fixture stays minimal: it has no slogan and one task without 성과목표, which
    // print as nothing and "-"; the completeness rules say so, and nothing else.
    let (code, found) = findings(&root(), fixture("minimal").to_str().unwrap());
    assert_eq!(code, 0);
    let got: Vec<(&str, &str, &str)> = found
        .iter()
        .map(|f| (f.1.as_str(), f.2.as_str(), f.4.as_str()))
        .collect();
    assert_eq!(
        got,
        [
            ("incomplete", "plan.yaml", "cover.slogan"),
            (
                "incomplete",
                "strategies/01-youth.yaml",
                "tasks[1].target_people"
            ),
        ]
    );
}

#[test]
fn an_incomplete_yaml_plan_gets_every_gap_at_once_each_at_its_place() {
    let dir = tempfile::tempdir().unwrap();
    let plan = broken_plan(dir.path(), "goals.yaml", |t| {
        t.replace("vision: 모두가 일하는 가상군", "vision: \"\"")
    });
    let folder = Path::new(&plan);
    std::fs::remove_file(folder.join("labour-market/01-population.yaml")).unwrap();
    let strategy = folder.join("strategies/01-youth.yaml");
    let text = std::fs::read_to_string(&strategy).unwrap();
    let text = text.replacen("    purpose:\n      - text: 지역 청년의 정착 지원\n", "", 1);
    std::fs::write(&strategy, text).unwrap();
    let (code, found) = findings(dir.path(), &plan);
    assert_eq!(code, 0, "warnings, not errors: {found:#?}");
    let at = |file: &str, path: &str, message: &str| {
        let f = found
            .iter()
            .find(|f| f.2 == file && f.4 == path)
            .unwrap_or_else(|| panic!("no {file} {path} in {found:#?}"));
        assert_eq!(f.0, "warning");
        assert_eq!(f.1, "incomplete");
        assert!(f.5.contains(message), "{f:?}");
        f.3
    };
    at(
        "labour-market",
        "",
        "II장(지역 노동시장 현황)이 비어 있습니다",
    );
    assert_eq!(at("goals.yaml", "vision", "비전이 비어 있습니다"), 1);
    assert_eq!(
        at(
            "strategies/01-youth.yaml",
            "tasks[0].purpose",
            "사업목적이(가) 비어 있습니다"
        ),
        4
    );
    at("plan.yaml", "cover.slogan", "슬로건이 비어 있습니다");
    assert_eq!(found.len(), 5, "{found:#?}");
    // --deny-warnings refuses it, and build writes no PDF then.
    let (code, _) = check(dir.path(), &plan, &["--deny-warnings"]);
    assert_eq!(code, 2);

    // The same plan as a workbook: the same rules, each at a cell.
    let out = run(dir.path(), &["export", "xlsx", &plan, "-o", "plan.xlsx"]);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let (code, book) = findings(dir.path(), dir.path().join("plan.xlsx").to_str().unwrap());
    assert_eq!(code, 0, "{book:#?}");
    let rules = |f: &[(String, String, String, u64, String, String)]| -> Vec<(String, String)> {
        let mut v: Vec<_> = f.iter().map(|x| (x.1.clone(), x.5.clone())).collect();
        v.sort();
        v
    };
    assert_eq!(rules(&book), rules(&found));
}

#[test]
fn placeholders_left_are_warnings_at_their_lines() {
    let dir = tempfile::tempdir().unwrap();
    let plan = broken_plan(dir.path(), "goals.yaml", |t| {
        t.replace(
            "vision: 모두가 일하는 가상군",
            "vision: \"채울 곳: 우리 군의 일자리 비전을 한 문장으로\"",
        )
    });
    let (code, found) = findings(dir.path(), &plan);
    assert_eq!(code, 0);
    let placeholders: Vec<_> = found.iter().filter(|f| f.1 == "placeholder").collect();
    assert_eq!(placeholders.len(), 1, "{found:#?}");
    let (severity, _, file, line, path, message) = placeholders[0];
    assert_eq!(
        (severity.as_str(), file.as_str(), *line, path.as_str()),
        ("warning", "goals.yaml", 1, "vision")
    );
    assert!(
        message.starts_with("채울 곳이 남아 있습니다: 우리 군의"),
        "{message}"
    );
    let (code, _) = check(dir.path(), &plan, &["--deny-warnings"]);
    assert_eq!(code, 2);
}

#[test]
fn a_misindented_key_is_one_message_at_its_line() {
    // `effects:` of the first task pushed under its last project.
    let dir = tempfile::tempdir().unwrap();
    let plan = broken_plan(dir.path(), "strategies/01-youth.yaml", |t| {
        t.replacen(
            "    effects:\n      - text: 청년 인구 유출 완화\n",
            "        effects:\n          - text: 청년 인구 유출 완화\n",
            1,
        )
    });
    let text = std::fs::read_to_string(Path::new(&plan).join("strategies/01-youth.yaml")).unwrap();
    let line = text.lines().position(|l| l == "        effects:").unwrap() as u64 + 1;
    let (code, found) = findings(dir.path(), &plan);
    assert_eq!(code, 1);
    let errors: Vec<_> = found.iter().filter(|f| f.0 == "error").collect();
    assert_eq!(errors.len(), 1, "{found:#?}");
    let (_, rule, file, at, _, message) = errors[0];
    assert_eq!(
        (rule.as_str(), file.as_str(), *at),
        ("load", "strategies/01-youth.yaml", line)
    );
    assert!(
        message.contains("`effects`의 들여쓰기가 맞지 않습니다"),
        "{message}"
    );
    assert!(message.contains("`tasks[0]`의 항목"), "{message}");
    let (_, out) = check(dir.path(), &plan, &[]);
    assert!(out.contains("5번째 칸에서 시작하세요"), "{out}");
}

#[test]
fn a_misindented_required_key_is_not_also_missing() {
    // `projects:` of the second task pushed under its purpose's text block.
    let dir = tempfile::tempdir().unwrap();
    let plan = broken_plan(dir.path(), "strategies/01-youth.yaml", |t| {
        t.replacen(
            "      - text: 취업 역량 강화\n    projects:\n      - id: youth-skills-class\n        name: 취업 특강\n",
            "      - text: 취업 역량 강화\n        projects:\n          - id: youth-skills-class\n            name: 취업 특강\n",
            1,
        )
    });
    let (code, found) = findings(dir.path(), &plan);
    assert_eq!(code, 1);
    assert_eq!(found.len(), 1, "{found:#?}");
    assert!(
        found[0].5.contains("`projects`의 들여쓰기가 맞지 않습니다"),
        "{found:#?}"
    );
    assert!(!found[0].5.contains("필수 항목"), "{found:#?}");
}
