//! The help texts say what the commands take: `check` a folder or a workbook, the top level
//! YAML or Excel, `publish` the HTML page, and `new` without `--from` only `--from` missing (not the optional `--year`/`--output` it was given).

use crate::common::*;

fn help(args: &[&str]) -> String {
    let out = gongsi().args(args).output().unwrap();
    format!(
        "{}{}",
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    )
}

#[test]
fn check_takes_a_folder_or_a_workbook() {
    let text = help(&["check", "--help"]);
    assert!(text.contains("통합문서(.xlsx"), "{text}");
}

#[test]
fn top_level_help_names_yaml_and_excel() {
    let text = help(&["--help"]);
    assert!(!text.contains("데이터(YAML)"), "{text}");
    assert!(text.contains("엑셀"), "{text}");
    assert!(text.contains("init"), "{text}");
}

#[test]
fn publish_help_names_the_html_page() {
    let text = help(&["publish", "--help"]);
    assert!(text.contains("index.html"), "{text}");
}

#[test]
fn new_without_from_names_only_from_as_missing() {
    let dir = tempfile::tempdir().unwrap();
    let out = run(dir.path(), &["new", "--year", "2022", "-o", "x"]);
    assert_eq!(out.status.code(), Some(64));
    let text = String::from_utf8_lossy(&out.stderr).into_owned();
    assert!(text.contains("--from"), "{text}");
    let usage = text
        .lines()
        .find(|l| l.contains("사용법:"))
        .expect("usage line");
    assert!(
        !usage.contains("--year <") && !usage.contains("--output <"),
        "--year and --output are optional, yet the usage shows them as required: {usage}"
    );
}
