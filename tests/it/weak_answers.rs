//! The answers a user would expect (issue 23, part 6): `init --xlsx` never writes over an
//! existing file, a workbook holding two parts of one name is refused, and published names
//! are safe as links.

use std::fs;
use std::io::Write;

use crate::common::*;

#[test]
fn init_xlsx_refuses_an_existing_file_as_the_folder_form_does() {
    let dir = tempfile::tempdir().unwrap();
    fs::write(dir.path().join("계획.xlsx"), b"filled in by hand").unwrap();
    let out = run(
        dir.path(),
        &[
            "init",
            "--district",
            "가상군",
            "--year",
            "2026",
            "--xlsx",
            "-o",
            "계획.xlsx",
        ],
    );
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(1), "{stderr}");
    assert!(stderr.contains("이미 있어"), "{stderr}");
    assert_eq!(
        fs::read(dir.path().join("계획.xlsx")).unwrap(),
        b"filled in by hand"
    );
}

#[test]
fn an_overlong_district_is_said_of_the_argument() {
    let dir = tempfile::tempdir().unwrap();
    let district = "가".repeat(40_000);
    let out = run(
        dir.path(),
        &[
            "init",
            "--district",
            &district,
            "--year",
            "2026",
            "-o",
            "새계획",
        ],
    );
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_ne!(out.status.code(), Some(0), "{stderr}");
    assert!(
        stderr.contains("--district가 너무 깁니다: 40,000자"),
        "{stderr}"
    );
    assert!(!stderr.contains("plan.yaml"), "{stderr}");
    assert!(!dir.path().join("새계획").exists());
}

#[test]
fn a_workbook_with_two_parts_of_one_name_is_refused() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("둘.xlsx");
    // The reference workbook with a second `xl/worksheets/sheet1.xml`: written under a name
    // of the same length, then renamed in the file's bytes (a zip writer refuses the twin).
    let mut archive =
        zip::ZipArchive::new(fs::File::open(root().join("content/2021-인천서구.xlsx")).unwrap())
            .unwrap();
    let mut zip = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
    let options =
        zip::write::SimpleFileOptions::default().compression_method(zip::CompressionMethod::Stored);
    for i in 0..archive.len() {
        let mut part = archive.by_index(i).unwrap();
        let name = part.name().unwrap().to_string();
        let mut data = Vec::new();
        std::io::Read::read_to_end(&mut part, &mut data).unwrap();
        zip.start_file(name.as_str(), options).unwrap();
        zip.write_all(&data).unwrap();
    }
    zip.start_file("xl/worksheets/sheet1.xmZ", options).unwrap();
    zip.write_all(b"<worksheet/>").unwrap();
    let mut bytes = zip.finish().unwrap().into_inner();
    let (from, to) = (b"xl/worksheets/sheet1.xmZ", b"xl/worksheets/sheet1.xml");
    let mut at = 0;
    while let Some(found) = bytes[at..].windows(from.len()).position(|w| w == from) {
        bytes[at + found..at + found + to.len()].copy_from_slice(to);
        at += found + to.len();
    }
    fs::write(&path, bytes).unwrap();
    let out = run(dir.path(), &["check", "둘.xlsx"]);
    let said = String::from_utf8_lossy(&out.stdout);
    assert_eq!(out.status.code(), Some(1), "{said}");
    assert!(
        said.contains("둘.xlsx") && said.contains("두 번 들어 있습니다"),
        "{said}"
    );
}

#[test]
fn published_names_are_safe_as_links() {
    let dir = tempfile::tempdir().unwrap();
    let plan = broken_plan(dir.path(), "plan.yaml", |t| {
        t.replace(
            "district: 경기도 가상군",
            "district: \"가상군 A&B #1 100%\"",
        )
    });
    let out = run(
        dir.path(),
        &[
            "publish",
            &plan,
            "-o",
            "site",
            "--preview-width",
            "40",
            "--thumbnail-width",
            "40",
        ],
    );
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    for entry in fs::read_dir(dir.path().join("site")).unwrap() {
        let name = entry.unwrap().file_name().to_string_lossy().into_owned();
        assert!(
            !name.contains(['#', '%', '&', '+', ';', '\'']),
            "{name} is not safe as a link"
        );
    }
}

/// `init`'s numbers out of range are command-line errors, exit 64 as README says for a wrong
/// argument, each saying the range it must be in; nothing is written.
#[test]
fn init_numbers_out_of_range_are_command_line_errors() {
    let dir = tempfile::tempdir().unwrap();
    for (args, range) in [
        (&["--year", "1999"][..], "2000부터 2100까지만"),
        (&["--year", "2101"][..], "2000부터 2100까지만"),
        (
            &["--year", "2026", "--strategies", "0"][..],
            "1부터 20까지만",
        ),
        (
            &["--year", "2026", "--strategies", "21"][..],
            "1부터 20까지만",
        ),
    ] {
        let mut all = vec!["init", "--district", "가나구", "-o", "x"];
        all.extend_from_slice(args);
        let out = run(dir.path(), &all);
        let stderr = String::from_utf8_lossy(&out.stderr);
        assert_eq!(out.status.code(), Some(64), "{args:?}: {stderr}");
        assert!(stderr.contains(range), "{args:?}: {stderr}");
        assert!(!dir.path().join("x").exists());
    }
}

/// A character the document's fonts lack (a bracket of math, an emoji, a rare Hanja of
/// CJK extension B) is an error at the field that holds it, from `check` as from `build`,
/// naming the character; before, `check` passed and only the PDF failed, at a generated line.
#[test]
fn a_character_the_fonts_lack_is_refused_where_it_is_written() {
    let dir = tempfile::tempdir().unwrap();
    let plan = dir.path().join("plan");
    copy_dir(&fixture("minimal"), &plan);
    let file = plan.join("strategies/01-youth.yaml");
    let text = fs::read_to_string(&file).unwrap();
    assert!(text.contains("    name: 청년 일자리 창출\n"), "{text}");
    fs::write(
        &file,
        text.replace(
            "    name: 청년 일자리 창출\n",
            "    name: 청년 ⟦일자리⟧ 창출 😀 𠀀\n",
        ),
    )
    .unwrap();
    for command in ["check", "build"] {
        let out = run(dir.path(), &[command, "plan"]);
        // `check` reports on standard output, `build` on standard error.
        let stderr = String::from_utf8_lossy(&out.stdout) + String::from_utf8_lossy(&out.stderr);
        assert_eq!(out.status.code(), Some(1), "{command}: {stderr}");
        assert!(
            stderr.contains("strategies/01-youth.yaml:5:5"),
            "{command}: {stderr}"
        );
        for named in [
            "`⟦` (U+27E6)",
            "`⟧` (U+27E7)",
            "`😀` (U+1F600)",
            "`𠀀` (U+20000)",
        ] {
            assert!(stderr.contains(named), "{command}: {named}: {stderr}");
        }
        assert!(!stderr.contains("Typst"), "{command}: {stderr}");
    }
}

/// A plan file saved while a command ran (half-written when it was read) never gives a
/// document with exit 0: before writing, the command checks that every file it read is still
/// as it was, and refuses, naming the file, when one changed.
#[test]
fn a_file_changed_after_it_was_read_is_never_used() {
    let dir = tempfile::tempdir().unwrap();
    let plan = dir.path().join("plan");
    copy_dir(&fixture("minimal"), &plan);
    let checked = gongsi::pipeline::load_and_check(Some(&plan)).unwrap();
    assert!(!checked.read.0.is_empty());
    assert!(checked.read.unchanged().is_ok());
    // The writer goes on saving after the plan was read.
    let file = plan.join("strategies/01-youth.yaml");
    let mut text = fs::read_to_string(&file).unwrap();
    text.push_str("# 저장 중\n");
    fs::write(&file, text).unwrap();
    let refused = checked.read.unchanged().unwrap_err().to_string();
    assert!(refused.contains("01-youth.yaml"), "{refused}");
    assert!(
        refused.contains("바뀌어 결과를 쓰지 않았습니다"),
        "{refused}"
    );
    // Read again, the plan is whole and nothing stands in the way.
    let again = gongsi::pipeline::load_and_check(Some(&plan)).unwrap();
    assert!(again.read.unchanged().is_ok());
}

/// A font given with `--font-path` counts: a character it has is no longer refused.
#[test]
fn a_font_path_font_prints_what_the_embedded_fonts_lack() {
    let dir = tempfile::tempdir().unwrap();
    let plan = dir.path().join("plan");
    copy_dir(&fixture("minimal"), &plan);
    let file = plan.join("strategies/01-youth.yaml");
    let text = fs::read_to_string(&file).unwrap();
    // U+265E ♞: not in Nanum Myeongjo nor Pretendard GOV; DejaVu Sans (fonts-dejavu-core,
    // installed by .ci/setup) has it.
    fs::write(
        &file,
        text.replace(
            "    name: 청년 일자리 창출\n",
            "    name: 청년 일자리 창출 ♞\n",
        ),
    )
    .unwrap();
    let out = run(dir.path(), &["build", "plan", "-o", "a.pdf"]);
    assert_eq!(out.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&out.stderr).contains("U+265E"));
    let fonts = dir.path().join("fonts");
    fs::create_dir(&fonts).unwrap();
    fs::copy(
        "/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf",
        fonts.join("DejaVuSans.ttf"),
    )
    .unwrap();
    let out = run(
        dir.path(),
        &["build", "plan", "-o", "b.pdf", "--font-path", "fonts"],
    );
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(pdf_text(&dir.path().join("b.pdf")).contains('♞'));
}
