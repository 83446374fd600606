//! The help texts say what the commands take (`check` a folder or a workbook, the top level
//! YAML or Excel, `publish` the HTML page, `new` without `--from` only `--from` missing) and
//! are Korean throughout: no word of clap's English in any command's `-h`, `--help` or
//! `gongsi help <명령>`.

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

/// What clap writes in English when it is left to itself.
const CLAP_ENGLISH: [&str; 10] = [
    "Usage:",
    "Options:",
    "Commands:",
    "Arguments:",
    "Print help",
    "Print version",
    "[OPTIONS]",
    "<COMMAND>",
    "[default:",
    "ossible values",
];

/// The commands `gongsi --help` lists under 명령.
fn commands() -> Vec<String> {
    let top = help(&["--help"]);
    let list = top
        .split_once("\n명령:\n")
        .expect("a 명령 heading")
        .1
        .split("\n\n")
        .next()
        .unwrap()
        .to_string();
    list.lines()
        .filter_map(|l| l.split_whitespace().next())
        .map(str::to_string)
        .collect()
}

#[test]
fn every_help_page_is_korean_throughout() {
    let names = commands();
    assert!(
        names.len() >= 11 && names.iter().any(|n| n == "build"),
        "{names:?}"
    );
    let mut pages = vec![
        ("gongsi --help".to_string(), help(&["--help"])),
        ("gongsi -h".to_string(), help(&["-h"])),
        ("gongsi help".to_string(), help(&["help"])),
    ];
    for name in &names {
        for flag in ["-h", "--help"] {
            pages.push((format!("gongsi {name} {flag}"), help(&[name, flag])));
        }
        pages.push((format!("gongsi help {name}"), help(&["help", name])));
    }
    for (asked, page) in &pages {
        assert!(page.contains("사용법: gongsi"), "{asked}:\n{page}");
        assert!(page.contains("도움말을 봅니다"), "{asked}:\n{page}");
        for english in CLAP_ENGLISH {
            assert!(!page.contains(english), "`{english}` in {asked}:\n{page}");
        }
    }
    let build = help(&["build", "--help"]);
    assert!(
        build.contains("사용법: gongsi build [옵션] [계획]..."),
        "{build}"
    );
    assert!(
        build.contains("\n인자:\n") && build.contains("\n옵션:\n"),
        "{build}"
    );
    assert!(build.contains("- hwpx: 한글 문서 (HWPX)"), "{build}");
    let init = help(&["init", "-h"]);
    assert!(init.contains("[기본: 3]"), "{init}");
    let version = gongsi().arg("--version").output().unwrap();
    assert!(version.status.success());
    assert!(String::from_utf8_lossy(&version.stdout).starts_with("gongsi "));
}

#[test]
fn help_of_a_command_is_its_long_help_and_an_unknown_one_is_refused() {
    assert_eq!(help(&["help", "check"]), help(&["check", "--help"]));
    let out = gongsi().args(["help", "nope"]).output().unwrap();
    assert_eq!(out.status.code(), Some(64));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("알 수 없는 명령 `nope`"), "{err}");
}
