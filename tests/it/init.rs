//! `gongsi init`: the starter plan, as a YAML folder and as one workbook, checks without
//! errors, builds, holds no district's content, puts its placeholders where the district
//! writes, and is written whole or not at all.

use std::io::Read;
use std::path::Path;

use crate::common::*;

const DISTRICT: &str = "가나도 다라군";

fn text(out: &std::process::Output) -> String {
    format!(
        "{}{}",
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    )
}

fn init(dir: &Path, extra: &[&str]) -> std::process::Output {
    let mut args = vec!["init", "--district", DISTRICT, "--year", "2026"];
    args.extend_from_slice(extra);
    run(dir, &args)
}

/// Text of every file under `folder`, joined.
fn folder_text(folder: &Path) -> String {
    let mut all = String::new();
    for entry in walkdir::WalkDir::new(folder).sort_by_file_name() {
        let entry = entry.unwrap();
        if entry.file_type().is_file() {
            all.push_str(&std::fs::read_to_string(entry.path()).unwrap());
        }
    }
    all
}

/// No trace of the reference plan (or any district but the one given).
fn assert_neutral(text: &str, what: &str) {
    for word in ["서구", "인천", "youth", "청년 창업"] {
        assert!(!text.contains(word), "{what} holds `{word}`");
    }
}

#[test]
fn yaml_starter_checks_builds_and_shows_its_placeholders() {
    let dir = tempfile::tempdir().unwrap();
    let out = init(dir.path(), &["-o", "새계획", "--strategies", "2"]);
    assert!(out.status.success(), "{}", text(&out));
    assert!(
        text(&out).contains("완료: 본보기 계획 새계획"),
        "{}",
        text(&out)
    );
    let folder = dir.path().join("새계획");
    let mut names: Vec<String> = walkdir::WalkDir::new(&folder)
        .into_iter()
        .map(|e| e.unwrap())
        .filter(|e| e.file_type().is_file())
        .map(|e| {
            e.path()
                .strip_prefix(&folder)
                .unwrap()
                .display()
                .to_string()
        })
        .collect();
    names.sort();
    assert_eq!(
        names,
        [
            "goals.yaml",
            "labour-market/01-chapter-1.yaml",
            "labour-market/02-chapter-2.yaml",
            "plan.yaml",
            "strategies/01-strategy-1.yaml",
            "strategies/02-strategy-2.yaml",
        ]
    );
    let all = folder_text(&folder);
    assert_neutral(&all, "the YAML starter");
    // The placeholders are where the district writes its own content; figures are `~`.
    let goals = std::fs::read_to_string(folder.join("goals.yaml")).unwrap();
    assert!(goals.contains("vision: \"채울 곳: III의 일자리 비전을 한 문장으로\""));
    assert!(goals.contains("target: ~"));
    let strategy = std::fs::read_to_string(folder.join("strategies/02-strategy-2.yaml")).unwrap();
    assert!(strategy.contains("name: \"채울 곳: 추진전략 2의 이름\""));
    assert!(strategy.contains("id: project-2-2-1"));
    assert!(
        strategy.contains("# 일자리 창출 성과목표(명"),
        "field comments come from the guide"
    );

    // It checks without an error (its warnings are the places left to fill) …
    let out = run(dir.path(), &["check", "새계획"]);
    assert_eq!(out.status.code(), Some(0), "{}", text(&out));
    assert!(!text(&out).contains("오류:"), "{}", text(&out));

    // … and builds; the PDF shows the placeholders in their places, and no 서구.
    let pdf = build_ok(dir.path(), &["새계획"], "본보기.pdf");
    let pdf_text = squeeze(&pdf_text(&pdf));
    assert_neutral(&pdf_text, "the starter's PDF");
    assert_in_order(
        &pdf_text,
        &[
            "2026",
            &squeeze("채울 곳: 표지 비전 문구 첫 줄"),
            &squeeze(DISTRICT),
            &squeeze("채울 곳: 장 제목 (예: 인구변화)"),
            &squeeze("채울 곳: III의 일자리 비전을 한 문장으로"),
            &squeeze("채울 곳: 추진전략 1의 이름"),
            &squeeze("채울 곳: 실천과제 1-1의 이름"),
            &squeeze("채울 곳: 추진전략 2의 이름"),
        ],
    );
    assert!(pdf_text.contains(&squeeze("채울 곳: 세부사업 2-2-1의 이름")));
}

#[test]
fn workbook_starter_checks_builds_the_same_pdf_and_carries_the_guide() {
    let dir = tempfile::tempdir().unwrap();
    let out = init(dir.path(), &["--xlsx", "-o", "본보기.xlsx"]);
    assert!(out.status.success(), "{}", text(&out));
    let book_path = dir.path().join("본보기.xlsx");
    let out = run(dir.path(), &["check", "본보기.xlsx"]);
    assert_eq!(out.status.code(), Some(0), "{}", text(&out));
    assert!(!text(&out).contains("오류:"), "{}", text(&out));
    let from_book = build_ok(dir.path(), &["본보기.xlsx"], "통합문서.pdf");

    let out = init(dir.path(), &["-o", "폴더"]);
    assert!(out.status.success(), "{}", text(&out));
    let from_yaml = build_ok(dir.path(), &["폴더"], "폴더.pdf");
    assert_eq!(
        pdf_text(&from_book),
        pdf_text(&from_yaml),
        "the workbook and the folder are the same starter"
    );
    assert_neutral(&pdf_text(&from_book), "the workbook starter's PDF");

    // The 안내 sheet and a note on every column header; the placeholders are in the cells.
    let mut book = calamine::open_workbook_auto(&book_path).unwrap();
    use calamine::Reader;
    assert_eq!(book.sheet_names()[0], "안내");
    let plan = book.worksheet_range("계획").unwrap();
    let cells: Vec<String> = plan.cells().map(|(_, _, c)| c.to_string()).collect();
    assert!(cells.contains(&DISTRICT.to_string()), "{cells:?}");
    assert!(cells.iter().any(|c| c.starts_with("채울 곳:")), "{cells:?}");
    let mut zip = zip::ZipArchive::new(std::fs::File::open(&book_path).unwrap()).unwrap();
    let mut notes = String::new();
    for i in 0..zip.len() {
        let mut file = zip.by_index(i).unwrap();
        if file.name().unwrap_or_default().starts_with("xl/comments") {
            file.read_to_string(&mut notes).unwrap();
        }
    }
    assert!(
        notes.contains("사업이 속한 실천과제(과제 시트의 과제ID)."),
        "no note on 사업!B1"
    );
    assert!(notes.contains("이 지자체의 내용으로 바꾸세요"));
    let all: String = book
        .sheet_names()
        .iter()
        .filter(|name| *name != "안내")
        .flat_map(|name| {
            let range = book.worksheet_range(name).unwrap();
            range
                .cells()
                .map(|(_, _, c)| c.to_string())
                .collect::<Vec<_>>()
        })
        .collect::<Vec<_>>()
        .join("\n");
    assert_neutral(&all, "the workbook starter");
}

#[test]
fn strategies_count_and_refusals() {
    let dir = tempfile::tempdir().unwrap();
    let out = init(dir.path(), &["--strategies", "5"]);
    assert!(out.status.success(), "{}", text(&out));
    // Default name from the data, as `new` names folders.
    let folder = dir.path().join("2026-가나도다라군");
    assert_eq!(
        std::fs::read_dir(folder.join("strategies"))
            .unwrap()
            .count(),
        5
    );

    // A folder that is not empty is left alone.
    let taken = dir.path().join("있던폴더");
    std::fs::create_dir(&taken).unwrap();
    std::fs::write(taken.join("메모.txt"), "내 파일").unwrap();
    let out = init(dir.path(), &["-o", "있던폴더"]);
    assert_eq!(out.status.code(), Some(1), "{}", text(&out));
    assert!(text(&out).contains("비어 있지 않아"), "{}", text(&out));
    assert_eq!(std::fs::read_dir(&taken).unwrap().count(), 1);

    // A number out of range is a command-line error (64), said with the range.
    let out = init(dir.path(), &["--strategies", "0", "-o", "x"]);
    assert_eq!(out.status.code(), Some(64), "{}", text(&out));
    assert!(text(&out).contains("1부터 20까지만"), "{}", text(&out));
    assert!(!dir.path().join("x").exists());

    let out = run(dir.path(), &["init", "--district", " ", "--year", "2026"]);
    assert_eq!(out.status.code(), Some(1), "{}", text(&out));
    assert!(text(&out).contains("--district"), "{}", text(&out));

    // --district and --year are required: a command-line error (64) that names them.
    let out = run(dir.path(), &["init", "-o", "y"]);
    assert_eq!(out.status.code(), Some(64), "{}", text(&out));
    assert!(text(&out).contains("--district"), "{}", text(&out));
}
