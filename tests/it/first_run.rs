//! A first run reads well: `build` sums its warnings up by rule — what they are, how many,
//! the first place, and `gongsi check로 모두 보기` — unless `--verbose`; a starter's
//! placeholders are not called 계산; a failure names the document it did not make.

use std::fs;

use crate::common::*;

/// The lines of `text` that name a warning rule (`  경고[rule] …`).
fn rule_lines(text: &str) -> Vec<&str> {
    text.lines()
        .filter(|l| l.trim_start().starts_with("경고["))
        .collect()
}

/// A fresh `gongsi init` starter in `dir/새 계획`.
fn starter(dir: &std::path::Path) -> String {
    let out = run(
        dir,
        &[
            "init",
            "--district",
            "가나구",
            "--year",
            "2027",
            "-o",
            "새 계획",
        ],
    );
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    "새 계획".to_string()
}

#[test]
fn a_fresh_starter_builds_with_its_placeholders_summed_up_not_called_arithmetic() {
    let dir = tempfile::tempdir().unwrap();
    let plan = starter(dir.path());
    let out = run(dir.path(), &["build", &plan, "-o", "새.pdf"]);
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(out.status.success(), "{stderr}");
    assert!(
        !stderr.contains("계산"),
        "placeholders are not 계산: {stderr}"
    );
    let total: usize = stderr
        .lines()
        .next()
        .and_then(|l| l.strip_prefix("경고 "))
        .and_then(|l| l.split('건').next())
        .and_then(|n| n.parse().ok())
        .unwrap_or_else(|| panic!("a first line `경고 N건 …`: {stderr}"));
    let rules = rule_lines(&stderr);
    assert_eq!(
        rules.len(),
        3,
        "one line per rule (placeholder, incomplete, missing-figure): {stderr}"
    );
    let placeholders = rules
        .iter()
        .find(|l| l.contains("경고[placeholder] 채우지 않은 「채울 곳」 "))
        .unwrap_or_else(|| panic!("{stderr}"));
    assert!(
        placeholders.contains("— 처음: plan.yaml:"),
        "{placeholders}"
    );
    assert!(
        rules
            .iter()
            .any(|l| l.contains("경고[incomplete] 빠진 내용 ")),
        "{stderr}"
    );
    assert!(
        rules
            .iter()
            .any(|l| l.contains("경고[missing-figure] 아직 적지 않은 숫자(~) ")),
        "{stderr}"
    );
    // The counts of the rules add up to the total.
    let counted: usize = rules
        .iter()
        .map(|l| {
            let before = l.split("건 — 처음:").next().unwrap();
            before.rsplit(' ').next().unwrap().parse::<usize>().unwrap()
        })
        .sum();
    assert_eq!(counted, total, "{stderr}");
    assert!(
        stderr.contains("gongsi check로 모두 보기: gongsi check '새 계획'"),
        "{stderr}"
    );
    assert!(stderr.lines().count() <= 6, "a short summary: {stderr}");
    assert!(!stderr.contains("도움말:"), "no full report: {stderr}");
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert!(stdout.starts_with("완료: 새.pdf ("), "{stdout}");
}

#[test]
fn verbose_prints_every_warning_in_full() {
    let dir = tempfile::tempdir().unwrap();
    let plan = starter(dir.path());
    let out = run(dir.path(), &["build", &plan, "-o", "새.pdf", "--verbose"]);
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(out.status.success(), "{stderr}");
    let check = run(dir.path(), &["check", &plan, "--format", "json"]);
    let json: serde_json::Value = serde_json::from_slice(&check.stdout).unwrap();
    let warnings = json["warnings"].as_u64().unwrap() as usize;
    assert!(warnings > 50, "{json}");
    let reports = stderr.lines().filter(|l| l.starts_with("경고[")).count();
    assert_eq!(reports, warnings, "{stderr}");
    assert!(stderr.contains("도움말:"), "{stderr}");
    let closing = stderr.lines().last().unwrap();
    assert!(
        closing.starts_with(&format!("경고 {warnings}건을 적힌 그대로 조판했습니다: ")),
        "{closing}"
    );
    assert!(closing.contains("채우지 않은 「채울 곳」"), "{closing}");
    assert!(!closing.contains("계산"), "{closing}");
}

#[test]
fn the_reference_plan_says_its_twenty_warnings_in_a_few_lines() {
    let dir = tempfile::tempdir().unwrap();
    let out = run(dir.path(), &["build", "-o", "참고.pdf"]);
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(out.status.success(), "{stderr}");
    assert!(
        stderr.starts_with("경고 20건 (규칙별 건수와 처음 나온 곳):\n"),
        "{stderr}"
    );
    let rules = rule_lines(&stderr);
    assert!(
        rules.iter().any(|l| l.starts_with(
            "  경고[table-share] 표의 구성비가 맞지 않음 14건 — 처음: labour-market/"
        )),
        "{stderr}"
    );
    assert!(
        stderr.contains("gongsi check로 모두 보기: gongsi check\n"),
        "{stderr}"
    );
    assert_eq!(stderr.lines().count(), rules.len() + 2, "{stderr}");
}

#[test]
fn a_failed_hwpx_build_says_the_hwpx_was_not_made() {
    let dir = tempfile::tempdir().unwrap();
    let plan = broken_plan(dir.path(), "plan.yaml", |t| t.replace("year:", "year: ["));
    for args in [
        vec!["build", plan.as_str(), "-o", "out.hwpx"],
        vec!["build", plan.as_str(), "--to", "hwpx"],
    ] {
        let out = run(dir.path(), &args);
        let stderr = String::from_utf8_lossy(&out.stderr);
        assert_eq!(out.status.code(), Some(1), "{stderr}");
        assert!(
            stderr.contains("한글 문서(HWPX)를 만들지 않았습니다."),
            "{args:?}: {stderr}"
        );
        assert!(!stderr.contains("PDF"), "{args:?}: {stderr}");
    }
    let out = run(dir.path(), &["build", &plan, "-o", "out.pdf"]);
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(stderr.contains("PDF를 만들지 않았습니다."), "{stderr}");
}

#[test]
fn denied_warnings_are_summed_up_and_name_the_document_not_made() {
    let dir = tempfile::tempdir().unwrap();
    let plan = starter(dir.path());
    let out = run(
        dir.path(),
        &["build", &plan, "-o", "새.hwpx", "--deny-warnings"],
    );
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(2), "{stderr}");
    assert_eq!(rule_lines(&stderr).len(), 3, "{stderr}");
    assert!(
        stderr.contains("있어 한글 문서(HWPX)를 만들지 않았습니다 (--deny-warnings)"),
        "{stderr}"
    );
    assert!(
        !stderr.contains("계산") && !stderr.contains("숫자를 고치"),
        "{stderr}"
    );
    assert!(!dir.path().join("새.hwpx").exists());
}

#[test]
fn a_batch_names_what_each_plans_warnings_are() {
    let dir = tempfile::tempdir().unwrap();
    starter(dir.path());
    fs::create_dir(dir.path().join("계획들")).unwrap();
    fs::rename(dir.path().join("새 계획"), dir.path().join("계획들/가나구")).unwrap();
    copy_dir(&fixture("minimal"), &dir.path().join("계획들/예제"));
    let out = run(dir.path(), &["build", "계획들", "-o", "pdf"]);
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert!(
        out.status.success(),
        "{stdout}{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let line = stdout
        .lines()
        .find(|l| l.contains("성공  계획들/가나구"))
        .unwrap_or_else(|| panic!("{stdout}"));
    assert!(line.contains("채우지 않은 「채울 곳」"), "{line}");
    assert!(
        line.contains("gongsi check 계획들/가나구로 모두 보기"),
        "{line}"
    );
    assert!(!line.contains("계산"), "{line}");
}
