//! Workbooks in and out: the reference plan round-trips through its workbook, LibreOffice
//! files (xlsx, ods, xls) supply the figures of a YAML plan, and bad workbooks are reported
//! cell by cell.

use std::io::Read;
use std::path::{Path, PathBuf};

use crate::common::{build_ok, fixture, pdf_text, root, run, squeeze};
use calamine::{Reader, open_workbook_auto};

/// The committed reference workbook.
fn reference_workbook() -> PathBuf {
    root().join("content/2021-인천서구.xlsx")
}

/// A copy of the `mixed` fixture (YAML prose) with one workbook of figures beside it.
fn mixed_folder(dir: &Path, workbook: &str) -> PathBuf {
    let folder = dir.join("계획");
    copy_dir(&fixture("mixed"), &folder);
    std::fs::copy(fixture("workbooks").join(workbook), folder.join(workbook)).expect("copy");
    folder
}

fn copy_dir(from: &Path, to: &Path) {
    std::fs::create_dir_all(to).expect("mkdir");
    for entry in std::fs::read_dir(from).expect("read fixture") {
        let entry = entry.expect("entry");
        let target = to.join(entry.file_name());
        if entry.file_type().expect("type").is_dir() {
            copy_dir(&entry.path(), &target);
        } else {
            std::fs::copy(entry.path(), target).expect("copy");
        }
    }
}

fn stderr(out: &std::process::Output) -> String {
    String::from_utf8_lossy(&out.stderr).into_owned()
}

/// Builds `plan` in `dir` to `x.pdf`, expects exit code 1, returns the messages.
fn failing_build(dir: &Path, plan: &Path) -> String {
    let out = run(
        dir,
        &["build", plan.to_str().expect("utf-8"), "-o", "x.pdf"],
    );
    assert_eq!(out.status.code(), Some(1), "{}", stderr(&out));
    stderr(&out)
}

/// The message line that names `cell`.
fn line_naming<'a>(messages: &'a str, cell: &str) -> &'a str {
    messages
        .lines()
        .find(|l| l.contains(cell))
        .unwrap_or_else(|| panic!("{cell} missing in:\n{messages}"))
}

#[test]
fn committed_reference_workbook_is_the_export_of_the_yaml_plan() {
    let dir = tempfile::tempdir().expect("tempdir");
    let out = run(dir.path(), &["export", "xlsx", "-o", "내보내기.xlsx"]);
    assert!(out.status.success(), "{}", stderr(&out));
    let exported = std::fs::read(dir.path().join("내보내기.xlsx")).expect("exported");
    let committed = std::fs::read(reference_workbook()).expect("committed workbook");
    assert!(
        exported == committed,
        "content/2021-인천서구.xlsx is stale: run `cargo run -- export xlsx -o content/2021-인천서구.xlsx`"
    );
}

#[test]
fn reference_workbook_builds_the_same_pdf_as_the_yaml_plan() {
    let dir = tempfile::tempdir().expect("tempdir");
    let workbook = reference_workbook();
    let from_workbook = build_ok(dir.path(), &[workbook.to_str().expect("utf-8")], "엑셀.pdf");
    let from_yaml = build_ok(dir.path(), &[], "yaml.pdf");
    let (a, b) = (pdf_text(&from_workbook), pdf_text(&from_yaml));
    assert!(
        a.contains("청년") && a.len() > 20_000,
        "{}",
        &a[..200.min(a.len())]
    );
    assert_eq!(a, b, "the workbook lost or changed some text");
    // Stronger still: nothing at all differs.
    assert!(std::fs::read(&from_workbook).expect("pdf") == std::fs::read(&from_yaml).expect("pdf"));
}

/// Converts `file` with LibreOffice (`soffice --headless --convert-to`, installed by
/// `.ci/setup`) into `format` in folder `into`; its own profile under `dir`, so that
/// parallel tests do not share one.
fn libreoffice(dir: &Path, file: &Path, format: &str, into: &Path) -> PathBuf {
    let profile = format!("file://{}", dir.join("lo-profile").display());
    let out = std::process::Command::new("soffice")
        .args(["--headless", &format!("-env:UserInstallation={profile}")])
        .args(["--convert-to", format, "--outdir"])
        .args([into, file])
        .output()
        .expect("soffice (LibreOffice) runs: bash .ci/setup installs it");
    assert!(out.status.success(), "{}", stderr(&out));
    let stem = file.file_stem().expect("name").to_string_lossy();
    let made = into.join(format!("{stem}.{format}"));
    assert!(
        made.is_file(),
        "LibreOffice made no {}: {}",
        made.display(),
        stderr(&out)
    );
    made
}

/// The number of warnings `gongsi check` finds in `plan`.
fn warnings(dir: &Path, plan: &Path) -> u64 {
    let out = run(
        dir,
        &["check", plan.to_str().expect("utf-8"), "--format", "json"],
    );
    let json: serde_json::Value = serde_json::from_slice(&out.stdout).expect("json");
    assert_eq!(json["errors"], 0, "{}: {json:#}", plan.display());
    json["warnings"].as_u64().expect("warnings")
}

#[test]
fn the_reference_plan_saved_by_libreoffice_builds_the_same_pdf_text() {
    let dir = tempfile::tempdir().expect("tempdir");
    let out = run(dir.path(), &["export", "xlsx", "-o", "서구.xlsx"]);
    assert!(out.status.success(), "{}", stderr(&out));
    let exported = dir.path().join("서구.xlsx");
    let (ods, xls, back) = (
        dir.path().join("ods"),
        dir.path().join("xls"),
        dir.path().join("back"),
    );
    let ods_file = libreoffice(dir.path(), &exported, "ods", &ods);
    let xls_file = libreoffice(dir.path(), &exported, "xls", &xls);
    let xlsx_file = libreoffice(dir.path(), &ods_file, "xlsx", &back);
    let yaml = root().join("content/2021-인천서구");
    let expected = pdf_text(&build_ok(
        dir.path(),
        &[yaml.to_str().expect("utf-8")],
        "yaml.pdf",
    ));
    let expected_warnings = warnings(dir.path(), &yaml);
    for (i, file) in [&ods_file, &xls_file, &xlsx_file].into_iter().enumerate() {
        let name = file
            .strip_prefix(dir.path())
            .expect("inside")
            .display()
            .to_string();
        // Merged cells, units (LibreOffice writes `#,##0"명"` as `#,##0\명`) and decimal
        // places read as exported: the same totals and shares, so the same warnings.
        assert_eq!(warnings(dir.path(), file), expected_warnings, "{name}");
        let pdf = build_ok(
            dir.path(),
            &[file.to_str().expect("utf-8")],
            &format!("{i}.pdf"),
        );
        let text = pdf_text(&pdf);
        if text != expected {
            let first = text
                .lines()
                .zip(expected.lines())
                .position(|(a, b)| a != b)
                .unwrap_or(0);
            let around = |t: &str| {
                t.lines()
                    .skip(first.saturating_sub(3))
                    .take(8)
                    .collect::<Vec<_>>()
                    .join("\n")
            };
            panic!(
                "{name}: PDF text differs at line {first}:\n{}\n--- YAML:\n{}",
                around(&text),
                around(&expected)
            );
        }
    }
}

#[test]
fn libreoffice_xlsx_supplies_the_figures_of_a_yaml_plan() {
    let dir = tempfile::tempdir().expect("tempdir");
    let folder = mixed_folder(dir.path(), "수치.xlsx");
    let mixed = build_ok(dir.path(), &[folder.to_str().expect("utf-8")], "mixed.pdf");
    let minimal = build_ok(
        dir.path(),
        &[fixture("minimal").to_str().expect("utf-8")],
        "minimal.pdf",
    );
    // Formulas, a merged group header, empty rows, trailing spaces and numbers typed as
    // text all read as the YAML of `minimal` has them.
    assert_eq!(pdf_text(&mixed), pdf_text(&minimal));
}

#[test]
fn libreoffice_ods_and_xls_supply_the_same_figures() {
    let dir = tempfile::tempdir().expect("tempdir");
    let minimal = build_ok(
        dir.path(),
        &[fixture("minimal").to_str().expect("utf-8")],
        "minimal.pdf",
    );
    // calamine reads no number formats from ods and xls files; gongsi reads them itself,
    // so a whole number formatted `0.0` (-1.0) prints as published (△1.0) there too.
    let expected = pdf_text(&minimal);
    for workbook in ["수치.ods", "수치.xls"] {
        let folder = mixed_folder(&dir.path().join(workbook), workbook);
        let pdf = build_ok(
            dir.path(),
            &[folder.to_str().expect("utf-8")],
            &format!("{workbook}.pdf"),
        );
        assert_eq!(pdf_text(&pdf), expected, "{workbook}");
    }
}

#[test]
fn formula_without_a_saved_value_is_named_by_sheet_and_cell() {
    let dir = tempfile::tempdir().expect("tempdir");
    let folder = mixed_folder(dir.path(), "수식값없음.xlsx");
    let err = failing_build(dir.path(), &folder);
    for cell in ["목표!F4 [올해 목표]", "사업!F4 [계]", "일정!C3 [종료 월]"] {
        assert!(err.contains(cell), "{cell} missing in:\n{err}");
    }
    // A table sheet's SUM needs no saved value: gongsi computes the total itself.
    assert!(!err.contains("연도별 인구!C7"), "{err}");
    assert!(
        err.contains("계산된 값이 파일에 저장되어 있지 않습니다"),
        "{err}"
    );
    assert!(!dir.path().join("x.pdf").exists());
}

#[test]
fn bad_workbook_reports_every_problem_with_its_cell_and_writes_nothing() {
    let dir = tempfile::tempdir().expect("tempdir");
    std::fs::write(dir.path().join("x.pdf"), b"good old pdf").expect("write");
    let workbook = fixture("workbooks").join("잘못된계획.xlsx");
    let out = run(
        dir.path(),
        &["build", workbook.to_str().expect("utf-8"), "-o", "x.pdf"],
    );
    assert_eq!(out.status.code(), Some(1));
    let err = stderr(&out);
    for (cell, message) in [
        ("과제!E2 [성과목표(명)]", "숫자가 와야 할 칸에 글 `많음`"),
        (
            "사업!B3 [과제ID]",
            "과제ID `youth-job`이(가) `과제` 시트에 없습니다",
        ),
        ("사업!A4 [사업ID]", "사업ID `intern`이(가) 두 번 나옵니다"),
        ("일정!A1", "`일정` 시트가 없습니다"),
        (
            "본문!A3 [위치]",
            "`과제 youth-jobz 목적`은(는) 알 수 없는 위치입니다",
        ),
    ] {
        let line = line_naming(&err, cell);
        assert!(line.contains(message), "{line}");
    }
    // The 목표 figure columns may be missing or empty now (figures not known yet: `~`),
    // reported by check as missing figures, not as a refused workbook.
    assert!(err.contains("문제가 5건"), "{err}");
    assert_eq!(
        std::fs::read(dir.path().join("x.pdf")).expect("pdf"),
        b"good old pdf"
    );
}

#[test]
fn figure_in_both_yaml_and_workbook_is_an_error() {
    // `minimal` already has every figure that 수치.xlsx supplies.
    let dir = tempfile::tempdir().expect("tempdir");
    let folder = dir.path().join("계획");
    copy_dir(&fixture("minimal"), &folder);
    std::fs::copy(fixture("workbooks/수치.xlsx"), folder.join("수치.xlsx")).expect("copy");
    let err = failing_build(dir.path(), &folder);
    for cell in [
        "목표!A2 [지표]",
        "과제!E2 [성과목표(명)]",
        "사업!F4 [계]",
        "일정!B2 [시작 월]",
    ] {
        let line = line_naming(&err, cell);
        assert!(line.contains("모두 있습니다"), "{line}");
    }
}

#[test]
fn table_naming_a_sheet_needs_a_workbook() {
    let dir = tempfile::tempdir().expect("tempdir");
    let folder = dir.path().join("계획");
    copy_dir(&fixture("mixed"), &folder);
    let err = failing_build(dir.path(), &folder);
    assert!(
        err.contains("labour-market/01-population.yaml:10") && err.contains("통합문서가 없습니다"),
        "{err}"
    );
}

#[test]
fn blank_template_has_every_sheet_with_korean_headers_frozen_and_drop_downs() {
    let dir = tempfile::tempdir().expect("tempdir");
    let out = run(dir.path(), &["template", "xlsx", "-o", "빈양식.xlsx"]);
    assert!(out.status.success(), "{}", stderr(&out));
    let path = dir.path().join("빈양식.xlsx");
    let mut book = open_workbook_auto(&path).expect("open template");
    assert_eq!(
        book.sheet_names(),
        [
            "안내", "계획", "목표", "전략", "과제", "사업", "일정", "본문", "관계", "표01"
        ]
    );
    let projects = book.worksheet_range("사업").expect("사업");
    let header: Vec<String> = projects
        .rows()
        .next()
        .expect("header")
        .iter()
        .map(|c| c.to_string())
        .collect();
    assert_eq!(
        header,
        [
            "사업ID",
            "과제ID",
            "사업명",
            "목록 이름",
            "목록 표시",
            "계",
            "국비",
            "시도비",
            "시군구비",
            "민자"
        ]
    );
    let guide = book.worksheet_range("안내").expect("안내");
    let guide_text: String = guide
        .cells()
        .map(|(_, _, c)| c.to_string())
        .collect::<Vec<_>>()
        .join("\n");
    assert!(
        guide_text.contains("사업이 속한 실천과제(과제 시트의 과제ID)"),
        "{guide_text}"
    );

    // Sheet XML: frozen header, number formats, drop-down of 과제 ids on 사업!B.
    let mut zip = zip::ZipArchive::new(std::fs::File::open(&path).expect("file")).expect("zip");
    let mut xml = String::new();
    zip.by_name("xl/worksheets/sheet6.xml")
        .expect("사업 sheet")
        .read_to_string(&mut xml)
        .expect("xml");
    assert!(xml.contains(r#"<pane ySplit="1""#), "no frozen header");
    assert!(
        xml.contains(r#"type="list""#) && xml.contains("'과제'!$A$2:$A$2001"),
        "no 과제ID drop-down"
    );
    let mut styles = String::new();
    zip.by_name("xl/styles.xml")
        .expect("styles")
        .read_to_string(&mut styles)
        .expect("xml");
    assert!(styles.contains("#,##0"), "no money format");

    // A blank template is not a plan: it says what is missing instead of failing oddly.
    let out = run(dir.path(), &["build", "빈양식.xlsx", "-o", "x.pdf"]);
    assert_eq!(out.status.code(), Some(1));
    assert!(
        stderr(&out).contains("`계획` 시트에 항목 `지자체`의 값이 없습니다"),
        "{}",
        stderr(&out)
    );
}

#[test]
fn template_input_checks_fit_each_column() {
    let dir = tempfile::tempdir().expect("tempdir");
    let out = run(dir.path(), &["template", "xlsx", "-o", "빈양식.xlsx"]);
    assert!(out.status.success(), "{}", stderr(&out));
    let path = dir.path().join("빈양식.xlsx");
    let mut book = open_workbook_auto(&path).expect("open template");
    let names = book.sheet_names();
    let mut zip = zip::ZipArchive::new(std::fs::File::open(&path).expect("file")).expect("zip");
    let money = ["계", "국비", "시도비", "시군구비", "민자"];
    let (mut checked, mut from_one) = (0, 0);
    for (i, name) in names.iter().enumerate() {
        let header: Vec<String> = book
            .worksheet_range(name)
            .expect("sheet")
            .rows()
            .next()
            .map(|r| r.iter().map(|c| c.to_string()).collect())
            .unwrap_or_default();
        let mut xml = String::new();
        zip.by_name(&format!("xl/worksheets/sheet{}.xml", i + 1))
            .expect("sheet xml")
            .read_to_string(&mut xml)
            .expect("xml");
        for rule in xml.split("<dataValidation ").skip(1) {
            let attr = |key: &str| {
                rule.split(&format!("{key}=\""))
                    .nth(1)
                    .and_then(|v| v.split('"').next())
                    .unwrap_or_default()
                    .to_string()
            };
            let column = attr("sqref").chars().next().expect("sqref") as usize - 'A' as usize;
            let header = header[column].as_str();
            let error = attr("error");
            let minimum = rule
                .split("<formula1>")
                .nth(1)
                .and_then(|v| v.split('<').next())
                .unwrap_or_default();
            checked += 1;
            assert_eq!(
                error.contains("천원"),
                money.contains(&header),
                "{name} {header}: {error}"
            );
            if header == "단계" {
                from_one += 1;
                assert_eq!(minimum, "1", "{name} {header}: {rule}");
            }
        }
    }
    assert!(checked > 10 && from_one == 1, "{checked} {from_one}");
}

#[test]
fn exported_workbook_of_a_small_plan_is_read_back_the_same() {
    let dir = tempfile::tempdir().expect("tempdir");
    let minimal = fixture("minimal");
    let out = run(
        dir.path(),
        &[
            "export",
            "xlsx",
            minimal.to_str().expect("utf-8"),
            "-o",
            "작은계획.xlsx",
        ],
    );
    assert!(out.status.success(), "{}", stderr(&out));
    let from_workbook = build_ok(dir.path(), &["작은계획.xlsx"], "a.pdf");
    let from_yaml = build_ok(dir.path(), &[minimal.to_str().expect("utf-8")], "b.pdf");
    assert_eq!(pdf_text(&from_workbook), pdf_text(&from_yaml));
}

#[test]
fn a_file_that_is_not_a_workbook_is_named_and_explained() {
    let dir = tempfile::tempdir().expect("tempdir");
    std::fs::write(dir.path().join("계획.xlsx"), b"this is not a zip file").expect("write");
    let err = failing_build(dir.path(), &dir.path().join("계획.xlsx"));
    assert!(
        err.contains("계획.xlsx") && err.contains("통합문서를 읽을 수 없습니다: 손상되었거나"),
        "{err}"
    );
    // One problem, about the file: nothing about sheets it cannot have.
    assert!(err.contains("문제가 1건"), "{err}");
    assert!(!dir.path().join("x.pdf").exists());
}

#[test]
fn a_plan_folder_takes_one_workbook_only() {
    let dir = tempfile::tempdir().expect("tempdir");
    let folder = mixed_folder(dir.path(), "수치.xlsx");
    std::fs::copy(fixture("workbooks/수치.ods"), folder.join("수치.ods")).expect("copy");
    // An office lock file is not a second workbook.
    std::fs::write(folder.join("~$수치.xlsx"), b"lock").expect("write");
    let err = failing_build(dir.path(), &folder);
    assert!(err.contains("통합문서가 여러 개 있습니다"), "{err}");
    assert!(!err.contains("~$"), "{err}");
}

#[test]
fn check_finds_the_same_breaks_in_the_workbook_and_names_their_cells() {
    let dir = tempfile::tempdir().expect("tempdir");
    let findings = |plan: &str| -> serde_json::Value {
        let out = run(dir.path(), &["check", plan, "--format", "json"]);
        assert!(out.status.success(), "{}", stderr(&out));
        serde_json::from_slice(&out.stdout).expect("json")
    };
    let yaml = findings(
        root()
            .join("content/2021-인천서구")
            .to_str()
            .expect("utf-8"),
    );
    let book = findings(reference_workbook().to_str().expect("utf-8"));
    let list = |v: &serde_json::Value| -> Vec<(String, String, String)> {
        v["findings"]
            .as_array()
            .expect("findings")
            .iter()
            .map(|f| {
                let s = |k: &str| f[k].as_str().unwrap_or_default().to_string();
                (s("rule"), s("path"), s("message"))
            })
            .collect()
    };
    assert_eq!(list(&yaml).len(), 20, "{yaml}");
    assert_eq!(list(&book), list(&yaml));
    for finding in book["findings"].as_array().expect("findings") {
        let cell = finding["cell"].as_str().unwrap_or_default();
        assert!(cell.contains('!'), "no sheet cell: {finding}");
    }
}

// ---- One mistake, one message; completeness of a workbook (issue 17, items 3 and 4) ----

/// `gongsi check --format json` of `plan`: the findings as (severity, rule, cell, message,
/// hint).
fn check_json(dir: &Path, plan: &Path) -> Vec<(String, String, String, String, String)> {
    let out = run(
        dir,
        &["check", plan.to_str().expect("utf-8"), "--format", "json"],
    );
    assert!(!stderr(&out).contains("panicked"), "{}", stderr(&out));
    let json: serde_json::Value = serde_json::from_slice(&out.stdout).expect("json");
    json["findings"]
        .as_array()
        .expect("findings")
        .iter()
        .map(|f| {
            let s = |k: &str| f[k].as_str().unwrap_or_default().to_string();
            (s("severity"), s("rule"), s("cell"), s("message"), s("hint"))
        })
        .collect()
}

/// The workbook `gongsi export xlsx` writes for the `minimal` fixture, at `dir/name`.
fn minimal_workbook(dir: &Path, name: &str) -> PathBuf {
    let out = run(
        dir,
        &[
            "export",
            "xlsx",
            fixture("minimal").to_str().expect("utf-8"),
            "-o",
            name,
        ],
    );
    assert!(out.status.success(), "{}", stderr(&out));
    dir.join(name)
}

/// Workbook `from` written again with rust_xlsxwriter — each sheet's values, formulas with
/// their saved results, and merged cells, as calamine reads them — after `edit` has changed
/// the values of a sheet (0-based row and column). More sheets can be added before saving.
fn rewrite(
    from: &Path,
    mut edit: impl FnMut(&str, &mut calamine::Range<calamine::Data>),
) -> rust_xlsxwriter::Workbook {
    use calamine::{Data, Xlsx, open_workbook};
    use rust_xlsxwriter::{Format, Formula};
    let mut source: Xlsx<_> = open_workbook(from).expect("open");
    let mut book = rust_xlsxwriter::Workbook::new();
    for name in source.sheet_names() {
        let mut values = source.worksheet_range(&name).expect("sheet");
        let formulas = source.worksheet_formula(&name).expect("formulas");
        let merges: Vec<calamine::Dimensions> = source
            .merge_cells_by_sheet_name(&name)
            .expect("merged cells");
        edit(&name, &mut values);
        let sheet = book.add_worksheet();
        sheet.set_name(&name).expect("name");
        for d in &merges {
            let text = match values.get_value(d.start) {
                Some(Data::String(s)) => s.clone(),
                _ => String::new(),
            };
            sheet
                .merge_range(
                    d.start.0,
                    d.start.1 as u16,
                    d.end.0,
                    d.end.1 as u16,
                    &text,
                    &Format::new(),
                )
                .expect("merge");
        }
        let (top, left) = values.start().unwrap_or((0, 0));
        for (r, c, value) in values.used_cells() {
            let (row, col) = (top + r as u32, (left + c as u32) as u16);
            let formula = formulas
                .get_value((row, col as u32))
                .filter(|f| !f.is_empty());
            if let Some(f) = formula {
                let formula = Formula::new(format!("={f}")).set_result(value.to_string());
                sheet.write_formula(row, col, formula).expect("formula");
                continue;
            }
            match value {
                Data::String(s) => sheet.write_string(row, col, s).map(|_| ()),
                Data::Float(n) => sheet.write_number(row, col, *n).map(|_| ()),
                Data::Int(n) => sheet.write_number(row, col, *n as f64).map(|_| ()),
                Data::Bool(b) => sheet.write_boolean(row, col, *b).map(|_| ()),
                _ => Ok(()),
            }
            .expect("write");
        }
    }
    book
}

/// The 0-based column of `header` in the first row of `range`, and the row whose column
/// `key_header` holds `key`.
fn find_cell(
    range: &calamine::Range<calamine::Data>,
    header: &str,
    key_header: &str,
    key: &str,
) -> (u32, u32) {
    let text = |r: u32, c: u32| {
        range
            .get_value((r, c))
            .map(|v| v.to_string())
            .unwrap_or_default()
    };
    let (_, width) = range.end().expect("cells");
    let col = |h: &str| {
        (0..=width)
            .find(|&c| text(0, c).trim() == h)
            .unwrap_or_else(|| panic!("no {h}"))
    };
    let (c, k) = (col(header), col(key_header));
    let (height, _) = range.end().expect("cells");
    let row = (1..=height)
        .find(|&r| text(r, k) == key)
        .unwrap_or_else(|| panic!("no {key}"));
    (row, c)
}

#[test]
fn the_rewritten_minimal_workbook_checks_like_the_yaml_plan() {
    // The helper below must not itself change the plan: the same findings as the YAML.
    let dir = tempfile::tempdir().expect("tempdir");
    let exported = minimal_workbook(dir.path(), "export.xlsx");
    rewrite(&exported, |_, _| {})
        .save(dir.path().join("copy.xlsx"))
        .expect("save");
    let copy = check_json(dir.path(), &dir.path().join("copy.xlsx"));
    let yaml = check_json(dir.path(), &fixture("minimal"));
    let rules = |f: &[(String, String, String, String, String)]| -> Vec<(String, String)> {
        f.iter().map(|x| (x.1.clone(), x.3.clone())).collect()
    };
    assert_eq!(rules(&copy), rules(&yaml));
}

#[test]
fn one_mistyped_task_id_in_the_projects_sheet_is_one_message() {
    let dir = tempfile::tempdir().expect("tempdir");
    let exported = minimal_workbook(dir.path(), "export.xlsx");
    let mut at = None;
    let mut book = rewrite(&exported, |name, range| {
        if name == "사업" {
            let (row, col) = find_cell(range, "과제ID", "사업ID", "youth-jobs-intern");
            range.set_value((row, col), calamine::Data::String("youth-jobz".into()));
            at = Some(format!("사업!{}{}", (b'A' + col as u8) as char, row + 1));
        }
    });
    book.save(dir.path().join("typo.xlsx")).expect("save");
    let found = check_json(dir.path(), &dir.path().join("typo.xlsx"));
    assert_eq!(found.len(), 1, "one typo, one message: {found:#?}");
    let at = at.expect("사업 sheet");
    assert!(found[0].2.starts_with(&at), "{found:#?} not at {at}");
    assert!(found[0].3.contains("과제ID `youth-jobz`"), "{found:#?}");
}

#[test]
fn a_mistyped_plan_item_is_one_message_at_its_row() {
    let dir = tempfile::tempdir().expect("tempdir");
    let exported = minimal_workbook(dir.path(), "export.xlsx");
    let mut at = None;
    let mut book = rewrite(&exported, |name, range| {
        if name == "계획" {
            let (row, col) = find_cell(range, "항목", "항목", "지자체");
            range.set_value((row, col), calamine::Data::String("지자채".into()));
            at = Some(format!("계획!A{}", row + 1));
        }
    });
    book.save(dir.path().join("typo.xlsx")).expect("save");
    let found = check_json(dir.path(), &dir.path().join("typo.xlsx"));
    assert_eq!(found.len(), 1, "{found:#?}");
    let at = at.expect("계획 sheet");
    assert!(found[0].2.starts_with(&at), "{found:#?} not at {at}");
    assert!(found[0].3.contains("`지자채`"), "{found:#?}");
}

#[test]
fn the_summary_column_order_is_a_plan_item() {
    let dir = tempfile::tempdir().expect("tempdir");
    let exported = minimal_workbook(dir.path(), "export.xlsx");
    let with_order = |word: &str, file: &str| {
        let mut at = None;
        let mut book = rewrite(&exported, |name, range| {
            if name == "계획" {
                let (row, col) = find_cell(range, "값", "항목", "요약 열 차례");
                range.set_value((row, col), calamine::Data::String(word.into()));
                at = Some(format!("계획!{}{}", (b'A' + col as u8) as char, row + 1));
            }
        });
        book.save(dir.path().join(file)).expect("save");
        at.expect("the export writes the item")
    };
    // minimal lists 고용률 (rate) first; `적은 차례` keeps it first in the summary.
    with_order("적은 차례", "written.xlsx");
    let pdf = build_ok(dir.path(), &["written.xlsx"], "written.pdf");
    let text = squeeze(&pdf_text(&pdf));
    let summary = &text[text.find("목표요약").expect("summary")..];
    let rate = summary.find("목표고용률").expect("rate");
    assert!(rate < summary.find("목표고용보험피보험자수").expect("count"));
    // A word it does not know is refused at its cell, with the words it knows.
    let at = with_order("아무렇게나", "unknown.xlsx");
    let found = check_json(dir.path(), &dir.path().join("unknown.xlsx"));
    assert_eq!(found.len(), 1, "{found:#?}");
    assert!(found[0].2.starts_with(&at), "{found:#?} not at {at}");
    assert!(found[0].4.contains("인원 먼저"), "{found:#?}");
}

#[test]
fn the_type_scale_is_a_plan_item() {
    let dir = tempfile::tempdir().expect("tempdir");
    let exported = minimal_workbook(dir.path(), "export.xlsx");
    let with_scale = |word: &str, file: &str| {
        let mut at = None;
        let mut book = rewrite(&exported, |name, range| {
            if name == "계획" {
                let (row, col) = find_cell(range, "값", "항목", "글자 크기");
                range.set_value((row, col), calamine::Data::String(word.into()));
                at = Some(format!("계획!{}{}", (b'A' + col as u8) as char, row + 1));
            }
        });
        book.save(dir.path().join(file)).expect("save");
        at.expect("the export writes the item")
    };
    with_scale("공문서", "official.xlsx");
    with_scale("작게", "compact.xlsx");
    let official = build_ok(dir.path(), &["official.xlsx"], "official.pdf");
    let compact = build_ok(dir.path(), &["compact.xlsx"], "compact.pdf");
    // The □ 사업목적 line: 15 pt in 공문서, 12 pt in 작게.
    let height = |pdf: &Path| {
        let pages = crate::common::pdf_layout(pdf);
        let word = pages
            .iter()
            .flat_map(|p| p.lines.iter().flatten())
            .find(|w| w.text == "사업목적")
            .expect("사업목적");
        word.y_max - word.y_min
    };
    let (big, small) = (height(&official), height(&compact));
    assert!(
        small * 1.15 < big,
        "작게 sets smaller text: {small} vs {big}"
    );
    let at = with_scale("아주 크게", "unknown.xlsx");
    let found = check_json(dir.path(), &dir.path().join("unknown.xlsx"));
    assert_eq!(found.len(), 1, "{found:#?}");
    assert!(found[0].2.starts_with(&at), "{found:#?} not at {at}");
    assert!(found[0].4.contains("작게"), "{found:#?}");
}

#[test]
fn a_task_total_beside_project_budgets_gets_a_hint_in_sheet_terms() {
    let dir = tempfile::tempdir().expect("tempdir");
    let exported = minimal_workbook(dir.path(), "export.xlsx");
    let mut book = rewrite(&exported, |name, range| {
        if name == "과제" {
            let (row, col) = find_cell(range, "국비", "과제ID", "youth-jobs");
            range.set_value((row, col), calamine::Data::Float(1000.0));
        }
    });
    book.save(dir.path().join("both.xlsx")).expect("save");
    let found = check_json(dir.path(), &dir.path().join("both.xlsx"));
    let errors: Vec<_> = found.iter().filter(|f| f.0 == "error").collect();
    assert_eq!(errors.len(), 1, "{found:#?}");
    let (_, rule, cell, message, hint) = errors[0];
    assert_eq!(rule, "structure");
    assert!(cell.starts_with("과제!"), "{cell}");
    assert!(message.contains("과제 행에도 사업비"), "{message}");
    assert!(
        hint.contains("`과제` 시트") && hint.contains("`사업` 시트"),
        "{hint}"
    );
    assert!(
        !hint.contains("budget"),
        "YAML words in a workbook hint: {hint}"
    );
}

#[test]
fn a_blank_template_gives_all_its_problems_at_once_each_at_its_cell() {
    let dir = tempfile::tempdir().expect("tempdir");
    let out = run(dir.path(), &["template", "xlsx", "-o", "빈양식.xlsx"]);
    assert!(out.status.success(), "{}", stderr(&out));
    let found = check_json(dir.path(), &dir.path().join("빈양식.xlsx"));
    assert!(!found.is_empty());
    for f in &found {
        assert!(f.2.contains('!'), "no sheet and cell: {f:?}");
    }
    let at = |cell: &str, message: &str| {
        assert!(
            found
                .iter()
                .any(|f| f.2.starts_with(cell) && f.3.contains(message)),
            "{message} not at {cell}: {found:#?}"
        );
    };
    at("목표!A2", "공통 일자리 목표가 하나도 없습니다");
    at("전략!A2", "추진전략이 하나도 없습니다");
    at("계획!B2", "`지자체`의 값이 없습니다");
}

#[test]
fn an_unused_example_sheet_and_empty_parts_of_a_workbook_are_warnings_at_their_cells() {
    let dir = tempfile::tempdir().expect("tempdir");
    let exported = minimal_workbook(dir.path(), "export.xlsx");
    let mut book = rewrite(&exported, |name, range| {
        if name == "계획" {
            let (row, col) = find_cell(range, "값", "항목", "목표 비전");
            range.set_value((row, col), calamine::Data::Empty);
        }
    });
    let example = book.add_worksheet();
    example.set_name("표99").expect("name");
    example.write_string(0, 0, "제목").expect("write");
    book.save(dir.path().join("plan.xlsx")).expect("save");
    let found = check_json(dir.path(), &dir.path().join("plan.xlsx"));
    let incomplete: Vec<_> = found.iter().filter(|f| f.1 == "incomplete").collect();
    assert!(found.iter().all(|f| f.0 == "warning"), "{found:#?}");
    let at = |cell: &str, message: &str| {
        assert!(
            incomplete
                .iter()
                .any(|f| f.2.starts_with(cell) && f.3.contains(message)),
            "{message} not at {cell}: {found:#?}"
        );
    };
    at(
        "표99!A1",
        "시트 `표99`은(는) 계획 어디에서도 쓰이지 않습니다",
    );
    at("계획!B", "III장 일자리 목표의 비전이 비어 있습니다");
    at("계획!", "표지의 슬로건이 비어 있습니다");
}
