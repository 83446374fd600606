//! `gongsi diff PLAN 검토본.hwpx`: a reviewer's edits made in gongsi's HWPX without 한글, by
//! python-hwpx (tests/hwpx_review.py: change a figure in a 【추진계획】 table, rewrite a
//! sentence, delete a 추진일정 row, add a ○ line, add a 메모, rebuild a table, drop gongsi's
//! marks), read back as exactly those changes, each placed in the plan's own files; HWPX
//! against HWPX and a workbook against an HWPX; and hostile 한글 files refused, bounded, in
//! Korean.

use std::fs;
use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::Command;

use serde_json::Value;

use crate::bad_input::bounded;
use crate::common::*;

/// The reference plan.
fn reference() -> PathBuf {
    root().join("content/2021-인천서구")
}

/// The reference plan's HWPX, built in `dir`.
fn built(dir: &Path) -> PathBuf {
    let file = dir.join("계획.hwpx");
    let out = run(
        dir,
        &[
            "build",
            reference().to_str().unwrap(),
            "-o",
            file.to_str().unwrap(),
        ],
    );
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    file
}

/// `file` edited by tests/hwpx_review.py with `edits`, saved as `name` beside it.
fn reviewed(file: &Path, name: &str, edits: &[&str]) -> PathBuf {
    let to = file.with_file_name(name);
    let out = Command::new("python3")
        .arg(root().join("tests/hwpx_review.py"))
        .arg(file)
        .arg(&to)
        .args(edits)
        .output()
        .expect("python3 runs (bash .ci/setup installs python-hwpx)");
    assert!(
        out.status.success(),
        "hwpx_review.py {edits:?}: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    to
}

/// `gongsi diff OLD NEW --format json`: exit code and the change list.
fn diff_json(old: &Path, new: &Path) -> (i32, Value) {
    let out = gongsi()
        .args(["diff", "--format", "json"])
        .arg(old)
        .arg(new)
        .output()
        .unwrap();
    let stdout = String::from_utf8_lossy(&out.stdout);
    let json = serde_json::from_str(&stdout)
        .unwrap_or_else(|e| panic!("{e}: {stdout}\n{}", String::from_utf8_lossy(&out.stderr)));
    (out.status.code().unwrap(), json)
}

/// Every change of a JSON change list.
fn changes(json: &Value) -> Vec<&Value> {
    json["sections"]
        .as_array()
        .unwrap()
        .iter()
        .flat_map(|s| s["changes"].as_array().unwrap())
        .collect()
}

/// The line a `file:줄` source names, read from the reference plan.
fn source_line(source: &str) -> String {
    let (file, line) = source.rsplit_once(':').unwrap();
    let line: usize = line.parse().unwrap();
    let text = fs::read_to_string(reference().join(file)).unwrap();
    text.lines().nth(line - 1).unwrap().to_string()
}

/// The change whose subject contains `subject`.
fn find<'a>(changes: &[&'a Value], subject: &str) -> &'a Value {
    let found: Vec<_> = changes
        .iter()
        .filter(|c| c["subject"].as_str().unwrap().contains(subject))
        .collect();
    assert_eq!(found.len(), 1, "{subject}: {changes:#?}");
    found[0]
}

/// The five edits as python-hwpx made them, read as exactly five things: four changed lines
/// and a 메모.
fn assert_the_five_edits(json: &Value, placed_in_yaml: bool) {
    let changes = changes(json);
    assert_eq!(changes.len(), 4, "{changes:#?}");
    assert_eq!(json["counts"]["texts"], 4);

    let figure = find(&changes, "「청년 창업 인프라 조성」 추진계획 · 표 행");
    assert_eq!(figure["old"], "사업비 | 계 | 44,000천원");
    assert_eq!(figure["new"], "사업비 | 계 | 45,000천원");
    assert_eq!(figure["figures"][0]["difference"], 1000);

    let sentence = find(&changes, "「청년 창업 인프라 조성」 · 문단");
    assert!(
        sentence["old"]
            .as_str()
            .unwrap()
            .contains("기존 취업연계 중심의")
    );
    assert!(
        sentence["new"]
            .as_str()
            .unwrap()
            .contains("기존 취업알선 중심의")
    );
    let words: Vec<&str> = sentence["words"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|w| w["op"] != "equal")
        .map(|w| w["text"].as_str().unwrap())
        .collect();
    assert_eq!(words, ["취업연계", "취업알선"]);

    let row = find(
        &changes,
        "추진일정 세부사업 「신중년 사회공헌 사업」 · 표 행 삭제",
    );
    assert!(
        row["old"]
            .as_str()
            .unwrap()
            .starts_with("③ 신중년 사회공헌 사업 |")
    );
    assert_eq!(row["new"], "");

    let line = find(&changes, "· 문단 추가");
    assert_eq!(line["old"], "");
    assert_eq!(
        line["new"],
        "○ 창업 공간 입주 기업의 고용 현황을 분기마다 점검"
    );

    let remarks = json["remarks"].as_array().unwrap();
    assert_eq!(remarks.len(), 1, "{remarks:#?}");
    assert_eq!(remarks[0]["kind"], "메모");
    assert_eq!(remarks[0]["author"], "검토자");
    assert_eq!(remarks[0]["text"], "근거 자료를 붙여 주세요");
    assert_eq!(remarks[0]["subject"], "실천과제 「청년 취업역량 강화」");

    if placed_in_yaml {
        let place = |c: &Value| c["source"].as_str().unwrap().to_string();
        assert!(source_line(&place(sentence)).contains("기존 취업연계 중심의"));
        // The deleted row's longest word is in the project's 추진일정 (its last bar's label).
        assert!(source_line(&place(row)).contains("사회공헌 활동 (참여자↔참여기관)"));
        assert!(place(figure).starts_with("strategies/01-youth.yaml:"));
        assert!(place(line).starts_with("strategies/01-youth.yaml:"));
        let memo = remarks[0]["source"].as_str().unwrap();
        assert!(
            source_line(memo).contains("청년층에 대한 취업역량강화"),
            "{memo}"
        );
    }
}

#[test]
fn a_reviewers_edits_read_back_as_exactly_those_changes_placed_in_the_plans_files() {
    let dir = tempfile::tempdir().unwrap();
    let file = built(dir.path());
    let edits = ["figure", "sentence", "row", "line", "memo"];
    let edited = reviewed(&file, "검토본.hwpx", &edits);
    let (code, json) = diff_json(&reference(), &edited);
    assert_eq!(code, 1);
    assert_the_five_edits(&json, true);
    assert!(json.get("notes").is_none(), "{json:#}");

    // The text list says each with its place, and the 메모 with its author.
    let out = gongsi()
        .arg("diff")
        .arg(reference())
        .arg(&edited)
        .output()
        .unwrap();
    let text = String::from_utf8(out.stdout).unwrap();
    // Same files → the same list, byte for byte.
    let again = gongsi()
        .arg("diff")
        .arg(reference())
        .arg(&edited)
        .output()
        .unwrap();
    assert_eq!(text.as_bytes(), &again.stdout[..]);
    assert!(text.contains("{+취업알선+}"), "{text}");
    assert!(text.contains("위치: strategies/01-youth.yaml:"), "{text}");
    assert!(
        text.contains("✉ 메모 (검토자) 「근거 자료를 붙여 주세요」"),
        "{text}"
    );

    // A file saved again with no edit is the same plan.
    let resaved = reviewed(&file, "다시저장.hwpx", &["resave"]);
    let (code, json) = diff_json(&reference(), &resaved);
    assert_eq!((code, json["same"].as_bool()), (0, Some(true)), "{json:#}");
}

#[test]
fn without_gongsis_marks_lines_match_by_content_and_order_and_the_diff_says_so() {
    let dir = tempfile::tempdir().unwrap();
    let file = built(dir.path());
    let edits = ["figure", "sentence", "row", "line", "memo", "unmark"];
    let edited = reviewed(&file, "표시없음.hwpx", &edits);
    let text = fs::read(&edited).unwrap();
    assert!(!String::from_utf8_lossy(&text).contains("gongsi:"));
    let (code, json) = diff_json(&reference(), &edited);
    assert_eq!(code, 1);
    // The same changes, placed through the plan's side.
    assert_the_five_edits(&json, true);
    let notes = json["notes"].as_array().unwrap();
    assert_eq!(notes.len(), 1);
    assert!(
        notes[0]
            .as_str()
            .unwrap()
            .contains("내용과 차례로만 맞추었습니다")
    );
}

#[test]
fn a_table_rebuilt_beyond_recognition_is_one_change_said_as_such() {
    let dir = tempfile::tempdir().unwrap();
    let file = built(dir.path());
    let edited = reviewed(&file, "표.hwpx", &["rebuild"]);
    let (code, json) = diff_json(&reference(), &edited);
    assert_eq!(code, 1);
    let changes = changes(&json);
    assert_eq!(changes.len(), 1, "{changes:#?}");
    let subject = changes[0]["subject"].as_str().unwrap();
    assert!(
        subject.contains("「청년 취업역량 강화」 추진계획 · 표를 알아볼 수 없게 고침(7행 → 7행"),
        "{subject}"
    );
}

#[test]
fn hwpx_against_hwpx_and_a_workbook_against_an_hwpx() {
    let dir = tempfile::tempdir().unwrap();
    let file = built(dir.path());
    let edits = ["figure", "sentence", "row", "line", "memo"];
    let edited = reviewed(&file, "검토본.hwpx", &edits);

    // Both 한글 files: the same changes, named by gongsi's marks (no plan to name them by).
    let (code, json) = diff_json(&file, &edited);
    assert_eq!(code, 1);
    let found = changes(&json);
    assert_eq!(found.len(), 4, "{found:#?}");
    assert!(found.iter().all(|c| c.get("source").is_none()));
    let row = found.iter().find(|c| c["new"] == "").unwrap();
    assert!(
        row["subject"]
            .as_str()
            .unwrap()
            .starts_with("추진일정 세부사업 `tailored-midlife-contribution` · 표 행 삭제")
            && row["path"]
                .as_str()
                .unwrap()
                .ends_with("/tailored-midlife-contribution"),
        "{row:#}"
    );

    // The workbook is the plan: the same changes, placed at its cells.
    let workbook = root().join("content/2021-인천서구.xlsx");
    let (code, json) = diff_json(&workbook, &edited);
    assert_eq!(code, 1);
    assert_the_five_edits(&json, false);
    for change in changes(&json) {
        let source = change["source"].as_str().unwrap();
        assert!(
            source.contains("2021-인천서구.xlsx ") && source.contains('!'),
            "{source}"
        );
    }
    let sentence = find(&changes(&json), "「청년 창업 인프라 조성」 · 문단");
    assert!(
        sentence["source"].as_str().unwrap().contains("본문!"),
        "{sentence:#}"
    );
}

#[test]
fn the_review_pdf_and_pages_with_a_hangul_draft_are_refused_in_korean() {
    let dir = tempfile::tempdir().unwrap();
    let file = built(dir.path());
    for flag in [["--pdf", "검토.pdf"], ["--pages", "쪽"]] {
        let out = run(
            dir.path(),
            &[
                "diff",
                reference().to_str().unwrap(),
                file.to_str().unwrap(),
                flag[0],
                flag[1],
            ],
        );
        assert_eq!(out.status.code(), Some(2));
        let said = String::from_utf8_lossy(&out.stderr);
        assert!(said.contains("--pdf와 --pages를 쓸 수 없습니다"), "{said}");
        assert!(!dir.path().join(flag[1]).exists());
    }
    let out = run(
        dir.path(),
        &["diff", reference().to_str().unwrap(), "없는.hwpx"],
    );
    assert_eq!(out.status.code(), Some(2));
    assert!(
        String::from_utf8_lossy(&out.stderr)
            .contains("비교할 한글 문서 `없는.hwpx`이(가) 없습니다")
    );
}

/// A zip of `parts` (name, bytes), deflated, at `path`.
fn zipped(path: &Path, parts: &[(&str, Vec<u8>)]) {
    zipped_as(path, parts, zip::CompressionMethod::Deflated);
}

/// A zip of `parts` compressed by `method`.
fn zipped_as(path: &Path, parts: &[(&str, Vec<u8>)], method: zip::CompressionMethod) {
    let mut zip = zip::ZipWriter::new(fs::File::create(path).unwrap());
    let options = zip::write::SimpleFileOptions::default()
        .compression_method(method)
        .large_file(true);
    for (name, bytes) in parts {
        zip.start_file(*name, options).unwrap();
        zip.write_all(bytes).unwrap();
    }
    zip.finish().unwrap();
}

/// A 한글 package with `section` as its only section, deflated.
fn package(path: &Path, section: Vec<u8>) {
    package_as(path, section, zip::CompressionMethod::Deflated);
}

/// A 한글 package with `section` as its only section, compressed by `method` (stored: no
/// ratio to refuse it by, so the reader's own bounds are met).
fn package_as(path: &Path, section: Vec<u8>, method: zip::CompressionMethod) {
    let parts = [
        ("mimetype", b"application/hwp+zip".to_vec()),
        ("Contents/section0.xml", section),
    ];
    zipped_as(path, &parts, method);
}

const SEC: &str = r#"<hs:sec xmlns:hs="http://www.hancom.co.kr/hwpml/2011/section" xmlns:hp="http://www.hancom.co.kr/hwpml/2011/paragraph">"#;

/// Makes a hostile file at the path given.
type Maker = Box<dyn Fn(&Path)>;

#[test]
fn hostile_hangul_files_are_refused_bounded_and_in_korean() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    let cases: Vec<(&str, Maker, &str)> = vec![
        (
            "글.hwpx",
            Box::new(|p| fs::write(p, "한글 문서가 아님").unwrap()),
            "zip 묶음으로 읽히지 않습니다",
        ),
        (
            "mimetype.hwpx",
            Box::new(|p| zipped(p, &[("mimetype", b"application/zip".to_vec())])),
            "`mimetype`이 `application/hwp+zip`이 아닙니다",
        ),
        (
            "빈.hwpx",
            Box::new(|p| zipped(p, &[("mimetype", b"application/hwp+zip".to_vec())])),
            "본문(Contents/section0.xml)이 없습니다",
        ),
        (
            "폭탄.hwpx",
            Box::new(|p| {
                let mut xml = SEC.as_bytes().to_vec();
                xml.resize(30 * 1024 * 1024, b' ');
                package(p, xml)
            }),
            "압축 폭탄일 수 있어 읽지 않았습니다",
        ),
        (
            "엔터티.hwpx",
            Box::new(|p| {
                let xml = format!(
                    r#"<?xml version="1.0"?><!DOCTYPE lol [<!ENTITY lol "lol"><!ENTITY lol2 "&lol;&lol;&lol;">]>{SEC}<hp:p><hp:run><hp:t>&lol2;</hp:t></hp:run></hp:p></hs:sec>"#
                );
                package(p, xml.into_bytes())
            }),
            "DTD(<!DOCTYPE>)가 들어 있습니다",
        ),
        (
            "이름엔터티.hwpx",
            Box::new(|p| {
                package(
                    p,
                    format!("{SEC}<hp:p><hp:run><hp:t>&lol;</hp:t></hp:run></hp:p></hs:sec>")
                        .into_bytes(),
                )
            }),
            "XML 엔터티(&이름;)가 들어 있습니다",
        ),
        (
            "문단.hwpx",
            Box::new(|p| {
                let mut xml = SEC.to_string();
                xml.push_str(&"<hp:p><hp:run><hp:t>가</hp:t></hp:run></hp:p>".repeat(1_000_000));
                xml.push_str("</hs:sec>");
                package_as(p, xml.into_bytes(), zip::CompressionMethod::Stored)
            }),
            "문단이 400000개 넘게 들어 있습니다",
        ),
        (
            "깊이.hwpx",
            Box::new(|p| {
                let xml = format!("{SEC}{}", "<hp:x>".repeat(100_000));
                package_as(p, xml.into_bytes(), zip::CompressionMethod::Stored)
            }),
            "XML이 256단계 넘게 겹쳐 있습니다",
        ),
        (
            "파일수.hwpx",
            Box::new(|p| {
                let mut parts = vec![("mimetype".to_string(), b"application/hwp+zip".to_vec())];
                parts.extend((0..2_100).map(|i| (format!("BinData/{i}.txt"), Vec::new())));
                let parts: Vec<(&str, Vec<u8>)> =
                    parts.iter().map(|(n, b)| (n.as_str(), b.clone())).collect();
                zipped(p, &parts)
            }),
            "파일이 2101개 들어 있어 읽지 않았습니다",
        ),
        (
            "큰.hwpx",
            Box::new(|p| fs::write(p, vec![0u8; 100 * 1024 * 1024 + 1]).unwrap()),
            "한글 문서가 100 MB보다 커서 읽지 않았습니다",
        ),
        (
            "깨진.hwpx",
            Box::new(|p| {
                package(
                    p,
                    format!("{SEC}<hp:p><hp:run><hp:t>가</hp:x></hs:sec>").into_bytes(),
                )
            }),
            "XML로 읽히지 않습니다",
        ),
    ];
    for (name, make, says) in cases {
        let file = d.join(name);
        make(&file);
        let out = bounded(
            d,
            &[
                "diff",
                reference().to_str().unwrap(),
                file.to_str().unwrap(),
            ],
        );
        let stderr = String::from_utf8_lossy(&out.stderr);
        assert_eq!(out.status.code(), Some(2), "{name}: {stderr}");
        assert!(stderr.contains(says), "{name}: {stderr}");
        assert!(stderr.contains(name), "{name}: {stderr}");
        assert!(!stderr.contains("panicked"), "{name}: {stderr}");
    }
}

#[test]
fn tracked_changes_read_as_accepted_and_are_listed_with_their_author_either_way_round() {
    let dir = tempfile::tempdir().unwrap();
    let file = built(dir.path());
    let edited = reviewed(&file, "추적.hwpx", &["track", "memo"]);
    let (code, json) = diff_json(&reference(), &edited);
    assert_eq!(code, 1);
    let found = changes(&json);
    assert_eq!(found.len(), 1, "{found:#?}");
    let words: Vec<(&str, &str)> = found[0]["words"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|w| w["op"] != "equal")
        .map(|w| {
            (
                w["op"].as_str().unwrap(),
                w["text"].as_str().unwrap().trim(),
            )
        })
        .collect();
    assert_eq!(
        words,
        [("delete", "지속가능한"), ("insert", "및 관리 강화")]
    );
    let source = found[0]["source"].as_str().unwrap();
    assert!(
        source_line(source).contains("지속가능한 창업환경"),
        "{source}"
    );
    let remarks: Vec<(&str, &str, &str)> = json["remarks"]
        .as_array()
        .unwrap()
        .iter()
        .map(|r| {
            (
                r["kind"].as_str().unwrap(),
                r["author"].as_str().unwrap(),
                r["text"].as_str().unwrap(),
            )
        })
        .collect();
    assert_eq!(
        remarks,
        [
            ("변경 추적: 지움", "검토자", "지속가능한"),
            ("변경 추적: 넣음", "검토자", "및 관리 강화"),
            ("메모", "검토자", "근거 자료를 붙여 주세요"),
        ]
    );

    // The 한글 file first, the plan second: the same remarks, the change the other way.
    let (code, back) = diff_json(&edited, &reference());
    assert_eq!(code, 1);
    assert_eq!(back["remarks"], json["remarks"]);
    assert_eq!(changes(&back)[0]["old"], found[0]["new"]);
}

#[test]
fn a_project_deleted_whole_is_one_removed_project_as_between_two_plans() {
    let dir = tempfile::tempdir().unwrap();
    let file = built(dir.path());
    let edited = reviewed(&file, "사업삭제.hwpx", &["project"]);
    let (code, json) = diff_json(&reference(), &edited);
    assert_eq!(code, 1);
    let found = changes(&json);
    assert_eq!(found.len(), 1, "{found:#?}");
    assert_eq!(found[0]["kind"], "removed");
    assert_eq!(found[0]["item"], "project");
    assert_eq!(found[0]["id"], "tailored-midlife-contribution");
    assert_eq!(found[0]["name"], "신중년 사회공헌 사업");
    let place = found[0]["place"].as_str().unwrap();
    assert!(
        source_line(place).contains("id: tailored-midlife-contribution"),
        "{place}"
    );
    assert_eq!(json["counts"]["removed"], 1);
}

#[test]
fn files_hangul_saved_read_back_and_two_of_them_differ_by_their_text() {
    let dir = fixture("hwpx-hangul");
    let mut files: Vec<PathBuf> = fs::read_dir(&dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|e| e == "hwpx"))
        .collect();
    files.sort();
    assert!(files.len() >= 5, "{files:?}");
    for file in &files {
        let (code, json) = diff_json(file, file);
        assert_eq!(
            (code, &json["same"]),
            (0, &Value::Bool(true)),
            "{file:?}: {json:#}"
        );
        // No gongsi marks in a file 한글 wrote: said for each side.
        assert_eq!(json["notes"].as_array().unwrap().len(), 2, "{json:#}");
    }
    let (code, json) = diff_json(&files[0], &files[1]);
    assert_eq!(code, 1);
    assert!(!changes(&json).is_empty());
}
