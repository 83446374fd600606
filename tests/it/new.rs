//! `gongsi new` end to end: next year's plan from the reference plan (a folder and the
//! workbook), checked, built, and the refusals.

use std::fs;
use std::path::Path;

use crate::common::*;

/// Runs `gongsi new --from <from> --year 2022 -o <dir>/2022` and returns the new folder.
fn new_ok(dir: &Path, from: &Path) -> std::path::PathBuf {
    let folder = dir.join("2022");
    let out = run(
        dir,
        &[
            "new",
            "--from",
            from.to_str().unwrap(),
            "--year",
            "2022",
            "-o",
            "2022",
        ],
    );
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert!(
        stdout.contains("# 검토할 곳: 2022년 인천광역시 서구"),
        "{stdout}"
    );
    assert!(stdout.contains("완료:"), "{stdout}");
    folder
}

/// The JSON findings of `gongsi check` on `plan`: (rule, path) of every finding.
fn findings(dir: &Path, plan: &Path) -> (u64, Vec<(String, String)>) {
    let out = run(dir, &["check", plan.to_str().unwrap(), "--format", "json"]);
    let json: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let list = json["findings"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| {
            (
                f["rule"].as_str().unwrap().to_string(),
                f["path"].as_str().unwrap().to_string(),
            )
        })
        .collect();
    (json["errors"].as_u64().unwrap(), list)
}

#[test]
fn next_years_plan_moves_targets_checks_and_builds() {
    let dir = tempfile::tempdir().unwrap();
    let plan = copy_of_reference(dir.path());
    let folder = new_ok(dir.path(), &plan);

    // Year and date advanced; comments kept.
    let info = fs::read_to_string(folder.join("plan.yaml")).unwrap();
    assert!(info.contains("year: 2022\n") && info.contains("date: \"2022-04-30\""));
    assert!(info.starts_with("# yaml-language-server"));
    // Last year's 목표 is this year's 전년도 목표; 실적 and the new 목표 left to fill.
    let goals = fs::read_to_string(folder.join("goals.yaml")).unwrap();
    assert!(
        goals.contains("    previous_target: 34.1\n    previous_result: ~\n    target: ~\n"),
        "{goals}"
    );
    assert!(
        goals.contains("    previous_target: 125000\n    previous_result: ~\n    target: ~\n"),
        "{goals}"
    );
    // Strategies, budgets and schedule kept as they were.
    for name in [
        "strategies/01-youth.yaml",
        "labour-market/01-population.yaml",
    ] {
        assert_eq!(
            fs::read_to_string(folder.join(name)).unwrap(),
            fs::read_to_string(plan.join(name)).unwrap()
        );
    }
    // The to-do list is in the folder and names the places with file:line.
    let review = fs::read_to_string(folder.join("검토할곳.md")).unwrap();
    assert!(
        review.contains("goals.yaml:9: 공통 일자리 목표 「취업률」의 2021년 실적이 아직 없습니다."),
        "{review}"
    );
    assert!(
        review.contains("strategies/01-youth.yaml:7: 「청년 창업 인프라 조성」"),
        "{review}"
    );
    assert!(
        review.contains("labour-market/01-population.yaml"),
        "{review}"
    );

    // check: no errors; the new warnings are only the missing figures, the others are last
    // year's, unchanged.
    let (errors, next) = findings(dir.path(), &folder);
    let (_, last) = findings(dir.path(), &plan);
    assert_eq!(errors, 0);
    let missing: Vec<_> = next
        .iter()
        .filter(|(rule, _)| rule == "missing-figure")
        .collect();
    assert_eq!(missing.len(), 4, "{next:?}");
    let carried: Vec<_> = next
        .iter()
        .filter(|(rule, _)| rule != "missing-figure")
        .cloned()
        .collect();
    assert_eq!(carried, last);

    // It builds, and the PDF is the 2022 plan.
    let pdf = build_ok(dir.path(), &[folder.to_str().unwrap()], "2022.pdf");
    let text = pdf_text(&pdf);
    assert_in_order(&text, &["2022년도 일자리대책", "III. 2022년 일자리 목표"]);
    assert_in_order(
        &text,
        &[
            "'21년 일자리 실적",
            "'22년 일자리 목표",
            "취업률",
            "34.1",
            "-",
            "-",
            "-",
            "-",
        ],
    );
}

#[test]
fn a_workbook_becomes_a_yaml_folder_for_next_year() {
    let dir = tempfile::tempdir().unwrap();
    let folder = new_ok(dir.path(), &root().join("content/2021-인천서구.xlsx"));
    assert!(folder.join("strategies/01-youth.yaml").is_file());
    let goals = fs::read_to_string(folder.join("goals.yaml")).unwrap();
    assert!(
        goals.contains("previous_target: 34.1\n  previous_result: ~\n  target: ~\n"),
        "{goals}"
    );
    let (errors, found) = findings(dir.path(), &folder);
    assert_eq!(errors, 0);
    assert_eq!(
        found.iter().filter(|(r, _)| r == "missing-figure").count(),
        4
    );
    build_ok(dir.path(), &[folder.to_str().unwrap()], "2022.pdf");
}

#[test]
fn a_non_empty_folder_or_a_skipped_year_is_refused() {
    let dir = tempfile::tempdir().unwrap();
    let plan = copy_of_reference(dir.path());
    fs::create_dir(dir.path().join("2022")).unwrap();
    fs::write(dir.path().join("2022/메모.txt"), "직원 메모").unwrap();
    let out = run(
        dir.path(),
        &["new", "--from", plan.to_str().unwrap(), "-o", "2022"],
    );
    assert_eq!(out.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&out.stderr).contains("비어 있지 않아"));
    assert_eq!(
        fs::read_to_string(dir.path().join("2022/메모.txt")).unwrap(),
        "직원 메모"
    );
    assert!(!dir.path().join("2022/plan.yaml").exists());

    let out = run(
        dir.path(),
        &[
            "new",
            "--from",
            plan.to_str().unwrap(),
            "--year",
            "2023",
            "-o",
            "2023",
        ],
    );
    assert_eq!(out.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&out.stderr).contains("2022년만 만들 수 있습니다"));
    assert!(!dir.path().join("2023").exists());

    // An empty folder is fine.
    fs::create_dir(dir.path().join("빈폴더")).unwrap();
    let out = run(
        dir.path(),
        &["new", "--from", plan.to_str().unwrap(), "-o", "빈폴더"],
    );
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(dir.path().join("빈폴더/goals.yaml").is_file());
}

fn copy_of_reference(dir: &Path) -> std::path::PathBuf {
    let plan = dir.join("2021");
    copy_dir(&root().join("content/2021-인천서구"), &plan);
    plan
}

#[test]
fn a_comment_line_naming_last_year_is_listed_too() {
    let dir = tempfile::tempdir().unwrap();
    let plan = copy_of_reference(dir.path());
    let goals = plan.join("goals.yaml");
    let text = fs::read_to_string(&goals).unwrap();
    fs::write(&goals, format!("{text}# 2021년 실적은 4월에 다시 확인\n")).unwrap();
    let out = run(
        dir.path(),
        &["new", "--from", "2021", "--year", "2022", "-o", "2022"],
    );
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let stdout = String::from_utf8_lossy(&out.stdout);
    let line = text.lines().count() + 1;
    assert!(
        stdout.contains(&format!(
            "goals.yaml:{line}: `# 2021년 실적은 4월에 다시 확인` (주석)"
        )),
        "{stdout}"
    );
}
