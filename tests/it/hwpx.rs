//! The HWPX rendition (`gongsi build -o x.hwpx`), checked without 한글 by tools that share no
//! code with gongsi (tests/hwpx_check.py): python-hwpx validates the package and every XML
//! part against the OWPML schemas; rhwp reads the file back, and its text and table grids
//! (spans included) are compared with the plan model and with the PDF.

use std::collections::BTreeSet;
use std::fs;
use std::io::Read;
use std::path::{Path, PathBuf};
use std::process::Command;

use gongsi::model::content::{BlockView, TableView};
use gongsi::model::plan::Plan;
use serde_json::Value;

use crate::common::*;

/// Runs tests/hwpx_check.py with `args`, asserting it succeeds; its standard output.
fn check_script(args: &[&str]) -> String {
    let out = Command::new("python3")
        .arg(root().join("tests/hwpx_check.py"))
        .args(args)
        .output()
        .expect("python3 runs (bash .ci/setup installs python-hwpx and rhwp-python)");
    assert!(
        out.status.success(),
        "hwpx_check.py {args:?} failed:\n{}\n{}",
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8(out.stdout).unwrap()
}

/// Validates `file` (package and schemas) and returns what python-hwpx said.
fn validate(file: &Path) -> String {
    let said = check_script(&["validate", file.to_str().unwrap()]);
    assert!(!said.contains("ERROR"), "{said}");
    assert!(said.contains("All schema validations passed."), "{said}");
    assert!(said.contains("validated Contents/section0.xml"), "{said}");
    said
}

/// rhwp's reading of `file`: `{paragraphs, tables, footnotes}`.
pub fn read_back(file: &Path) -> Value {
    serde_json::from_str(&check_script(&["read", file.to_str().unwrap()])).unwrap()
}

/// All the text rhwp reads from `file` (body, cells, footnotes), one paragraph a line, and
/// the alternative text of its pictures, after validating it.
pub fn validated_text(file: &Path) -> String {
    validate(file);
    let mut text = text_of(&read_back(file));
    for alt in alt_texts(file) {
        text.push('\n');
        text.push_str(&alt);
    }
    text
}

/// The alternative text (개체 설명문, `hp:shapeComment`) of every picture in `file`, read
/// from its sections by an XML parser (rhwp does not report it).
fn alt_texts(file: &Path) -> Vec<String> {
    let mut alts = Vec::new();
    for (name, _, bytes) in entries(file) {
        if name.starts_with("Contents/section") {
            let xml = String::from_utf8(bytes).unwrap();
            let doc = roxmltree::Document::parse(&xml).unwrap();
            for pic in doc.descendants().filter(|n| n.tag_name().name() == "pic") {
                let alt = pic
                    .children()
                    .find(|n| n.tag_name().name() == "shapeComment")
                    .and_then(|n| n.text())
                    .unwrap_or_default();
                alts.push(alt.to_string());
            }
        }
    }
    alts
}

fn text_of(read: &Value) -> String {
    let mut lines: Vec<&str> = Vec::new();
    for key in ["paragraphs", "footnotes"] {
        lines.extend(
            read[key]
                .as_array()
                .unwrap()
                .iter()
                .filter_map(Value::as_str),
        );
    }
    lines.join("\n")
}

/// Builds the reference plan as HWPX in `dir`.
fn reference_hwpx(dir: &Path) -> PathBuf {
    let out = run(dir, &["build", "-o", "plan.hwpx"]);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert!(stdout.contains("완료: plan.hwpx ("), "{stdout}");
    dir.join("plan.hwpx")
}

/// The entries of the zip `file`: `(name, stored uncompressed, bytes)`.
pub fn entries(file: &Path) -> Vec<(String, bool, Vec<u8>)> {
    let mut zip = zip::ZipArchive::new(fs::File::open(file).unwrap()).unwrap();
    (0..zip.len())
        .map(|i| {
            let mut entry = zip.by_index(i).unwrap();
            let mut bytes = Vec::new();
            entry.read_to_end(&mut bytes).unwrap();
            let stored = entry.compression() == zip::CompressionMethod::Stored;
            (entry.name().unwrap().to_string(), stored, bytes)
        })
        .collect()
}

#[test]
fn the_package_is_an_owpml_zip_with_mimetype_first_and_stored() {
    let dir = tempfile::tempdir().unwrap();
    let file = reference_hwpx(dir.path());
    let entries = entries(&file);
    let names: Vec<&str> = entries.iter().map(|(n, _, _)| n.as_str()).collect();
    assert_eq!(names[0], "mimetype");
    assert!(entries[0].1, "mimetype is stored, not compressed");
    assert_eq!(entries[0].2, b"application/hwp+zip");
    for part in [
        "version.xml",
        "META-INF/container.xml",
        "META-INF/manifest.xml",
        "Contents/content.hpf",
        "Contents/header.xml",
        "Contents/section0.xml",
        "Contents/section1.xml",
        "settings.xml",
    ] {
        assert!(names.contains(&part), "{part} in {names:?}");
    }
    // The zip's own bytes: the entry's name right after the first local header.
    let bytes = fs::read(&file).unwrap();
    assert_eq!(&bytes[30..38], b"mimetype");
    assert_eq!(
        &bytes[38..38 + 19],
        b"application/hwp+zip",
        "no extra field"
    );

    let part = |name: &str| {
        let (_, _, bytes) = entries.iter().find(|(n, _, _)| n == name).unwrap();
        String::from_utf8(bytes.clone()).unwrap()
    };
    // Korean typesetting: every paragraph shape breaks lines between words (어절), the PDF's
    // two typefaces are named, with the stand-ins 한글 has.
    let header = part("Contents/header.xml");
    let doc = roxmltree::Document::parse(&header).unwrap();
    let breaks: Vec<_> = doc
        .descendants()
        .filter(|n| n.tag_name().name() == "breakSetting")
        .collect();
    assert!(breaks.len() > 20, "{} paragraph shapes", breaks.len());
    assert!(
        breaks
            .iter()
            .all(|b| b.attribute("breakNonLatinWord") == Some("KEEP_WORD"))
    );
    for face in ["Pretendard GOV", "나눔명조", "함초롬돋움", "함초롬바탕"] {
        assert!(header.contains(&format!("face=\"{face}\"")), "{face}");
    }
    // The □ ○ - · ladder as named styles with hanging indents.
    for style in [
        "○ 글머리 1단계",
        "- 글머리 2단계",
        "□ 제목",
        "표 제목",
        "단위",
    ] {
        assert!(header.contains(&format!("name=\"{style}\"")), "{style}");
    }
    // A4 with the PDF's margins (20 mm = 5669), the schedule landscape; page numbers.
    let first = part("Contents/section0.xml");
    assert!(first.contains(r#"landscape="WIDELY" width="59528" height="84186""#));
    assert!(first.contains(r#"left="5669" right="5669" top="5669""#));
    assert!(first.contains(r#"<hp:pageNum pos="BOTTOM_CENTER""#));
    assert!(part("Contents/section1.xml").contains(r#"landscape="NARROWLY""#));
    // Every chart, the vision diagram and every procedure is a picture drawn by the PDF's
    // layout, described by the PDF's alternative text, its PNG in BinData and listed in the
    // package.
    let plan = gongsi::pipeline::load_and_check(None).unwrap().plan;
    let mut charts = Vec::new();
    for c in &plan.chapters {
        gongsi::model::walk::views(&c.body, 1, &mut |b, _| {
            if let BlockView::Chart(chart) = b {
                charts.push(chart.description.clone());
            }
        });
    }
    let mut procedures = Vec::new();
    for t in plan.strategies.iter().flat_map(|s| &s.tasks) {
        let mut lists: Vec<&[BlockView]> = vec![&t.purpose, &t.intro];
        lists.extend(t.projects.iter().map(|p| &p.details[..]));
        lists.push(&t.effects);
        for blocks in lists {
            gongsi::model::walk::views(blocks, 1, &mut |b, _| {
                if let BlockView::Procedure(p) = b {
                    procedures.push(p.description.clone());
                }
            });
        }
    }
    assert!(!charts.is_empty() && !procedures.is_empty());
    let alts = alt_texts(&file);
    assert_eq!(alts.len(), charts.len() + 1 + procedures.len(), "{alts:?}");
    assert_eq!(alts[..charts.len()], charts[..]);
    let vision = &alts[charts.len()];
    assert!(
        vision.starts_with(&format!(
            "비전 체계도. 비전: {}. 전략 1. ",
            plan.goals.vision
        )),
        "{vision}"
    );
    for s in &plan.strategies {
        assert!(vision.contains(&s.name), "{vision}");
    }
    assert_eq!(alts[charts.len() + 1..], procedures[..]);
    let pictures: Vec<_> = entries
        .iter()
        .filter(|(n, _, _)| n.starts_with("BinData/image"))
        .collect();
    assert_eq!(pictures.len(), alts.len());
    assert!(
        pictures
            .iter()
            .all(|(_, _, png)| png.starts_with(b"\x89PNG"))
    );
    let hpf = part("Contents/content.hpf");
    assert!(hpf.contains(r#"href="BinData/image1.png" media-type="image/png""#));
    assert!(
        hpf.contains(
            "<opf:title>2021년도 일자리대책 연차별 세부계획 - 인천광역시 서구</opf:title>"
        )
    );
    assert!(hpf.contains("2021-04-30T00:00:00Z") || hpf.contains("T00:00:00Z"));
}

#[test]
fn the_same_plan_gives_the_same_bytes() {
    let dir = tempfile::tempdir().unwrap();
    let first = fs::read(reference_hwpx(dir.path())).unwrap();
    fs::remove_file(dir.path().join("plan.hwpx")).unwrap();
    std::thread::sleep(std::time::Duration::from_millis(1100));
    let second = fs::read(reference_hwpx(dir.path())).unwrap();
    assert!(first == second, "two builds differ");
}

#[test]
fn the_format_follows_the_extension_or_to() {
    let dir = tempfile::tempdir().unwrap();
    let out = run(dir.path(), &["build", "--to", "hwpx"]);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let default = dir.path().join("2021-인천광역시서구-연차별세부계획.hwpx");
    assert!(fs::read(&default).unwrap().starts_with(b"PK"));
    let out = run(dir.path(), &["build", "-o", "a.pdf", "--to", "hwpx"]);
    assert!(!out.status.success());
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(
        stderr.contains("-o의 확장자(.pdf)와 --to hwpx가 다릅니다."),
        "{stderr}"
    );
    assert!(!dir.path().join("a.pdf").exists());
}

/// The reference plan validates, and rhwp reads back every figure of the 2021 document
/// that the PDF text test finds (tests/it/reference_figures.rs), and every word of the PDF.
#[test]
fn the_reference_plan_validates_and_reads_back_with_the_pdfs_words_and_figures() {
    let dir = tempfile::tempdir().unwrap();
    let file = reference_hwpx(dir.path());
    let text = validated_text(&file);
    let flat = squeeze(&text);

    let figures = fs::read_to_string(fixture("seed-table-figures.txt")).unwrap();
    let mut checked = 0;
    let missing: Vec<&str> = figures
        .lines()
        .filter(|l| !l.starts_with('#') && !l.is_empty())
        .map(|f| if f == "1600" { "1,600" } else { f })
        .inspect(|_| checked += 1)
        .filter(|f| !flat.contains(f))
        .collect();
    assert!(checked > 600);
    assert!(
        missing.is_empty(),
        "figures missing from the HWPX: {missing:?}"
    );

    let pdf = build_ok(dir.path(), &[], "plan.pdf");
    let pdf = pdf_text(&pdf).replace('\u{2060}', "");
    let pdf = crate::html::without_footnote_marks(&crate::html::without_page_numbers(&pdf));
    // pdftotext may read the next · bullet between the two lines of a · line (as html.rs).
    let pdf_flat = squeeze(&pdf).replace('·', "");
    // The PDF's charts label their value axis (model/axis.rs); the HWPX's are pictures.
    let plan = gongsi::pipeline::load_and_check(None).unwrap().plan;
    let mut ticks = BTreeSet::new();
    for c in &plan.chapters {
        gongsi::model::walk::views(&c.body, 1, &mut |b, _| {
            if let BlockView::Chart(chart) = b {
                let values: Vec<f64> = chart.series.iter().flat_map(|s| s.values.clone()).collect();
                let bars = chart.style == gongsi::model::written::ChartKind::Bar;
                ticks.extend(
                    gongsi::model::axis::axis(&values, bars)
                        .ticks
                        .into_iter()
                        .map(|t| t.1),
                );
            }
        });
    }
    let missing_here: BTreeSet<&str> = pdf
        .split_whitespace()
        .filter(|w| !flat.contains(w))
        // The PDF's 순서 has page numbers; the HWPX's leaves them to 한글 (docs/hwpx.md).
        .filter(|w| !w.chars().all(|c| c.is_ascii_digit()))
        // The vision diagram's arrow is drawn in its picture, and said by no text.
        .filter(|w| *w != "▼")
        .filter(|w| !ticks.contains(*w))
        .collect();
    assert!(
        missing_here.is_empty(),
        "words of the PDF not in the HWPX: {missing_here:?}"
    );
    // (The pictures' alternative text is not drawn in the PDF either.)
    let drawn = text_of(&read_back(&file));
    let missing_there: BTreeSet<&str> = drawn
        .split_whitespace()
        .filter(|w| !pdf_flat.contains(&w.replace('·', "")))
        .collect();
    assert!(
        missing_there.is_empty(),
        "words of the HWPX not in the PDF: {missing_there:?}"
    );
}

/// A table as rhwp reads it: `(row, col, rows, cols, text)` per cell, sorted.
type Grid = Vec<(u64, u64, u64, u64, String)>;

fn grids(read: &Value) -> Vec<Grid> {
    read["tables"]
        .as_array()
        .unwrap()
        .iter()
        .map(|t| {
            let mut cells: Grid = t["cells"]
                .as_array()
                .unwrap()
                .iter()
                .map(|c| {
                    let n = |k: &str| c[k].as_u64().unwrap();
                    let text = c["text"].as_str().unwrap().replace('\n', " ");
                    (n("row"), n("col"), n("rows"), n("cols"), text)
                })
                .collect();
            cells.sort();
            cells
        })
        .collect()
}

/// For each table of the HWPX `file` in document order, how many rows it starts with that
/// repeat rows of the table before it (a part of a table the PDF splits across pages).
fn repeated_rows(file: &Path) -> Vec<usize> {
    let mut counts = Vec::new();
    for name in ["Contents/section0.xml", "Contents/section1.xml"] {
        let xml = part_xml(file, name);
        let doc = roxmltree::Document::parse(&xml).unwrap();
        for tbl in doc.descendants().filter(|n| n.tag_name().name() == "tbl") {
            let repeated = tbl
                .children()
                .filter(|n| n.tag_name().name() == "tr")
                .take_while(|tr| {
                    tr.children()
                        .filter(|n| n.tag_name().name() == "tc")
                        .all(|tc| {
                            tc.attribute("name") == Some(gongsi::model::printed::Scope::REPEATED)
                        })
                })
                .count();
            counts.push(repeated);
        }
    }
    counts
}

/// `grids` with each part of a split table (`repeated[i]` > 0) joined to the table before
/// it, its repeated rows dropped.
fn joined_parts(grids: Vec<Grid>, repeated: &[usize]) -> Vec<Grid> {
    assert_eq!(grids.len(), repeated.len(), "rhwp reads every table");
    let mut joined: Vec<Grid> = Vec::new();
    for (grid, &skip) in grids.into_iter().zip(repeated) {
        match joined.last_mut() {
            Some(before) if skip > 0 => {
                let next = before.iter().map(|c| c.0 + c.2).max().unwrap_or(0);
                let skip = skip as u64;
                before.extend(
                    grid.into_iter()
                        .filter(|c| c.0 >= skip)
                        .map(|(r, c, rows, cols, t)| (r - skip + next, c, rows, cols, t)),
                );
                before.sort();
            }
            _ => joined.push(grid),
        }
    }
    joined
}

/// The grid a data table of the plan must have.
fn expected_grid(t: &TableView) -> Grid {
    let mut cells = Grid::new();
    let rows = t.header.iter().zip(&t.header_places);
    let body = t.rows.iter().zip(&t.places);
    for (r, (row, places)) in rows.chain(body).enumerate() {
        for (c, &col) in row.iter().zip(places) {
            let text = c.text.replace('\n', " ");
            cells.push((r as u64, col as u64, c.rows.into(), c.cols.into(), text));
        }
    }
    cells.sort();
    cells
}

/// The plan's data tables in document order (II, III 4, then each task's blocks).
fn plan_tables(plan: &Plan) -> Vec<&TableView> {
    let mut lists: Vec<&[BlockView]> = plan.chapters.iter().map(|c| &c.body[..]).collect();
    lists.push(&plan.goals.term_plan);
    for t in plan.strategies.iter().flat_map(|s| &s.tasks) {
        lists.push(&t.purpose);
        lists.push(&t.intro);
        lists.extend(t.projects.iter().map(|p| &p.details[..]));
        lists.push(&t.effects);
    }
    let mut tables = Vec::new();
    for blocks in lists {
        collect_tables(blocks, &mut tables);
    }
    tables
}

fn collect_tables<'a>(blocks: &'a [BlockView], tables: &mut Vec<&'a TableView>) {
    for block in blocks {
        if let BlockView::Table(t) = block {
            tables.push(t);
        }
        collect_tables(gongsi::model::walk::items(block), tables);
    }
}

/// Every table of the plan is read back, in order, with the plan's grid: each cell's text at
/// its row and column with its spans; the summary's strategy cells span their tasks' rows,
/// and every schedule bar spans its months.
#[test]
fn tables_read_back_with_the_plans_cells_and_spans() {
    let dir = tempfile::tempdir().unwrap();
    let file = reference_hwpx(dir.path());
    let read = read_back(&file);
    let found = joined_parts(grids(&read), &repeated_rows(&file));
    let plan = gongsi::pipeline::load_and_check(None).unwrap().plan;

    // The plan's data tables, as a subsequence of the document's tables (a table the PDF
    // splits across pages, split there in the HWPX, joined back).
    let mut at = 0;
    let tables = plan_tables(&plan);
    assert!(tables.len() > 25, "{} tables", tables.len());
    for (i, table) in tables.iter().enumerate() {
        let want = expected_grid(table);
        match found[at..].iter().position(|g| *g == want) {
            Some(p) => at += p + 1,
            None => panic!(
                "table {i} ({:?}) not read back with its grid: {want:?}",
                table.caption
            ),
        }
    }

    // I 요약 「핵심 전략」: 합계 across three columns, each strategy spanning its tasks.
    let summary = &found[0];
    assert!(summary.contains(&(1, 0, 1, 3, "합 계".into())));
    let mut row = 2;
    for s in &plan.strategies {
        let cell = (row, 0, s.tasks.len() as u64, 1, s.name.clone());
        assert!(summary.contains(&cell), "{cell:?}");
        row += s.tasks.len() as u64;
    }

    // V 추진일정: the last table; every bar at its first month, across its months.
    let schedule = found.last().unwrap();
    assert!(schedule.contains(&(0, 12, 1, 1, "12월".into())));
    let bars: Vec<(u64, u64, String)> = plan
        .strategies
        .iter()
        .flat_map(|s| &s.tasks)
        .flat_map(|t| t.projects.iter().filter(|p| p.listed))
        .flat_map(|p| p.schedule.iter().flatten())
        .filter_map(|seg| {
            seg.label
                .as_ref()
                .map(|l| (u64::from(seg.from), u64::from(seg.span), l.clone()))
        })
        .collect();
    assert!(bars.len() > 40, "{} bars", bars.len());
    for (from, span, label) in bars {
        assert!(
            schedule
                .iter()
                .any(|(_, col, _, cols, text)| *col == from && *cols == span && *text == label),
            "bar {label} at month {from} over {span}"
        );
    }
    // Every 실천과제 has its 【추진계획】 table: 사업비 spanning its five rows.
    let action_plans = found
        .iter()
        .filter(|g| g.contains(&(2, 0, 5, 1, "사업비".into())))
        .count();
    let tasks: usize = plan.strategies.iter().map(|s| s.tasks.len()).sum();
    assert_eq!(action_plans, tasks);
}

/// `publish` puts the same 한글 document beside the PDF: the bytes `build` writes.
#[test]
fn publish_adds_the_hwpx_that_build_writes() {
    let dir = tempfile::tempdir().unwrap();
    let built = fs::read(reference_hwpx(dir.path())).unwrap();
    let folder = publish_small(dir.path(), None);
    let stem = "2021-인천광역시서구-연차별세부계획";
    let published = fs::read(folder.join(format!("{stem}.hwpx"))).unwrap();
    assert!(built == published, "publish and build differ");
    let manifest: Value =
        serde_json::from_slice(&fs::read(folder.join("manifest.json")).unwrap()).unwrap();
    let entry = manifest["files"]
        .as_array()
        .unwrap()
        .iter()
        .find(|f| f["role"] == "hwpx")
        .expect("a manifest entry for the HWPX");
    assert_eq!(entry["name"], format!("{stem}.hwpx"));
    assert_eq!(entry["bytes"], published.len());
}

/// The reference plan's workbook gives the same 한글 document as its YAML folder.
#[test]
fn the_workbook_and_the_yaml_plan_give_the_same_hwpx() {
    let dir = tempfile::tempdir().unwrap();
    let yaml = fs::read(reference_hwpx(dir.path())).unwrap();
    let workbook = root().join("content/2021-인천서구.xlsx");
    let out = run(
        dir.path(),
        &["build", workbook.to_str().unwrap(), "-o", "wb.hwpx"],
    );
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(fs::read(dir.path().join("wb.hwpx")).unwrap() == yaml);
}

/// What gongsi's file may lack of what 한글 always writes, by element path, and why:
/// `hp:linesegarray` is the line layout 한글 cached when it saved (where each line of a
/// paragraph starts and how high it is); 한글 lays the paragraph out again when it is missing,
/// and a writer that does not lay out lines could only guess it wrong.
const LEFT_TO_HANGUL: [&str; 2] = [
    "Contents/section*.xml hp:p/hp:linesegarray",
    "Contents/section*.xml hp:p/hp:linesegarray/hp:lineseg",
];

/// What gongsi writes that none of the 한글 files has, and why: no 한글-saved file in either
/// public collection has a footnote (각주) or a 책갈피 (bookmark: gongsi's mark of where a
/// part of the plan starts, which `diff` reads back from a reviewer's copy), so these are
/// checked by the OWPML schema only (python-hwpx's validation).
const ONLY_IN_THE_SCHEMA: [&str; 5] = [
    "Contents/section*.xml hp:p/hp:run/hp:ctrl/hp:autoNum",
    "Contents/section*.xml hp:p/hp:run/hp:ctrl/hp:autoNum/hp:autoNumFormat",
    "Contents/section*.xml hp:p/hp:run/hp:ctrl/hp:bookmark",
    "Contents/section*.xml hp:p/hp:run/hp:ctrl/hp:footNote",
    "Contents/section*.xml hp:p/hp:run/hp:ctrl/hp:footNote/hp:subList",
];

/// The one attribute gongsi writes that no 한글 file has, and why: the fonts travel with
/// the file (docs/hwpx.md「글꼴」), and no 한글-saved file in either collection embeds a
/// font, so none points a font to its file. KS X 6101 (header.xsd, `FontType`) defines it:
/// `font@isEmbedded` (here "1") and `font@binaryItemIDRef`, the manifest item holding the
/// font. Only on `hh:font`: its `hh:substFont` stays as 한글 writes it.
const CARRIED_FONT: (&str, &str) = (
    "Contents/header.xml hh:head/hh:refList/hh:fontfaces/hh:fontface/hh:font",
    "binaryItemIDRef",
);

/// The package entries gongsi writes that no 한글 file has: the carried fonts' licences,
/// which the SIL OFL (condition 2) asks to go with every copy of the fonts, listed in no
/// manifest (as 한글's own `Preview/PrvImage.png` is not).
const LICENCES: [&str; 2] = ["Fonts/OFL-NanumMyeongjo.txt", "Fonts/OFL-PretendardGOV.txt"];

/// Strings of a JSON array.
fn strings(value: &Value) -> Vec<&str> {
    value
        .as_array()
        .unwrap()
        .iter()
        .map(|v| v.as_str().unwrap())
        .collect()
}

#[test]
fn conforms_to_what_hangul_writes() {
    let dir = tempfile::tempdir().unwrap();
    let file = reference_hwpx(dir.path());
    let hangul_dir = root().join("tests/fixtures/hwpx-hangul");
    let mut hangul: Vec<String> = fs::read_dir(&hangul_dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|e| e == "hwpx"))
        .map(|p| p.to_str().unwrap().to_string())
        .collect();
    hangul.sort();
    assert!(hangul.len() >= 5, "{hangul:?}");
    let mut args = vec!["conform", file.to_str().unwrap()];
    args.extend(hangul.iter().map(String::as_str));
    let report: Value = serde_json::from_str(&check_script(&args)).unwrap();
    let said = serde_json::to_string_pretty(&report).unwrap();

    // Every element path and attribute 한글 always writes is in ours, and every one we write
    // is one 한글 writes — but the two argued lists above.
    assert_eq!(strings(&report["missing"]), LEFT_TO_HANGUL, "{said}");
    assert_eq!(strings(&report["extra"]), ONLY_IN_THE_SCHEMA, "{said}");
    assert_eq!(
        report["missing_attributes"],
        serde_json::json!({}),
        "{said}"
    );
    assert_eq!(
        report["extra_attributes"],
        serde_json::json!({ CARRIED_FONT.0: [CARRIED_FONT.1] }),
        "{said}"
    );
    // A child element 한글 writes in every such element (an empty paragraph's run, the header's
    // numbering and 변경 내용 추적 settings) is in every one of ours.
    assert_eq!(
        report["missing_children"],
        serde_json::json!({"Contents/section*.xml hp:p": ["hp:linesegarray"]}),
        "{said}"
    );
    assert_eq!(
        report["extra_children"],
        serde_json::json!({"Contents/section*.xml hp:p/hp:run/hp:ctrl": ["hp:autoNum", "hp:bookmark", "hp:footNote"]}),
        "{said}"
    );
    // The package's entries: all that every 한글 file has (container.rdf), none it never has.
    assert_eq!(report["files"]["missing"], serde_json::json!([]), "{said}");
    assert_eq!(
        report["files"]["extra"],
        serde_json::json!(LICENCES),
        "{said}"
    );
    // A picture's own extent is its image's pixels × 75 and it is not cropped, as 한글 writes
    // it (the display size is the picture's `sz`).
    let pictures = report["pictures"].as_array().unwrap();
    assert!(pictures.len() >= 3, "{said}");
    for picture in pictures {
        let px = |i: usize| picture["pixels"][i].as_i64().unwrap();
        let (width, height) = (px(0) * 75, px(1) * 75);
        assert_eq!(picture["dim"], serde_json::json!([width, height]), "{said}");
        assert_eq!(
            picture["clip"],
            serde_json::json!([0, width, 0, height]),
            "{said}"
        );
    }
    // 한글's own styles come first, in its order, and the outline numbering they use.
    let header = entries(&file)
        .into_iter()
        .find(|(n, _, _)| n == "Contents/header.xml")
        .map(|(_, _, b)| String::from_utf8(b).unwrap())
        .unwrap();
    let doc = roxmltree::Document::parse(&header).unwrap();
    let styles: Vec<&str> = doc
        .descendants()
        .filter(|n| n.tag_name().name() == "style")
        .filter_map(|n| n.attribute("name"))
        .take(18)
        .collect();
    assert_eq!(
        styles.join(","),
        "바탕글,본문,개요 1,개요 2,개요 3,개요 4,개요 5,개요 6,개요 7,쪽 번호,머리말,각주,미주,메모,\
         차례 제목,차례 1,차례 2,차례 3"
    );
}

#[test]
fn short_tables_stay_whole_and_tasks_break_pages_where_the_pdf_does() {
    let dir = tempfile::tempdir().unwrap();
    let file = reference_hwpx(dir.path());
    let section = entries(&file)
        .into_iter()
        .find(|(n, _, _)| n == "Contents/section0.xml")
        .map(|(_, _, b)| String::from_utf8(b).unwrap())
        .unwrap();
    let doc = roxmltree::Document::parse(&section).unwrap();
    // A table of at most 12 rows below its header is never split (쪽 경계에서 나누지 않음),
    // as the PDF keeps it; a longer one is split between rows.
    let (mut whole, mut split) = (0, 0);
    for tbl in doc.descendants().filter(|n| n.tag_name().name() == "tbl") {
        let rows: Vec<_> = tbl
            .children()
            .filter(|n| n.tag_name().name() == "tr")
            .collect();
        let header = rows
            .iter()
            .take_while(|tr| {
                tr.children()
                    .filter(|n| n.tag_name().name() == "tc")
                    .all(|tc| tc.attribute("header") == Some("1"))
            })
            .count();
        let expected = if rows.len() - header <= 12 {
            whole += 1;
            "NONE"
        } else {
            split += 1;
            "CELL"
        };
        assert_eq!(
            tbl.attribute("pageBreak"),
            Some(expected),
            "{} rows",
            rows.len()
        );
    }
    assert!(whole > 20 && split > 0, "{whole} whole, {split} split");

    // The strategy label above each task starts a page exactly where the PDF starts a page
    // with that task (or its strategy's heading), read from the PDF as laid out.
    let plan = gongsi::pipeline::load_and_check(None).unwrap().plan;
    let mut typesetter = gongsi::renditions::pdf::Typesetter::new(&Default::default()).unwrap();
    let landings = typesetter.landings(&plan).unwrap();
    let mut expected = Vec::new();
    for (i, l) in landings.iter().enumerate().filter(|(_, l)| l.depth == 3) {
        let first_on_page =
            |j: usize| landings[j].down < 0.12 && landings[j - 1].page < landings[j].page;
        let strategy_above = landings[i - 1].depth == 2 && landings[i - 1].page == l.page;
        expected.push(first_on_page(i) || (strategy_above && first_on_page(i - 1)));
    }
    let labels: Vec<bool> = doc
        .descendants()
        .filter(|n| n.tag_name().name() == "p")
        .filter(|p| {
            p.descendants()
                .find(|n| n.tag_name().name() == "t")
                .and_then(|t| t.text())
                .is_some_and(|t| t.starts_with("[전략"))
        })
        .map(|p| p.attribute("pageBreak") == Some("1"))
        .collect();
    assert_eq!(labels, expected);
    assert!(
        labels.contains(&false),
        "the PDF continues some task on a page"
    );
}

/// The XML of `name` in the HWPX `file`.
fn part_xml(file: &Path, name: &str) -> String {
    entries(file)
        .into_iter()
        .find(|(n, _, _)| n == name)
        .map(|(_, _, b)| String::from_utf8(b).unwrap())
        .unwrap_or_else(|| panic!("{name} in {}", file.display()))
}

/// The text of an element: its `hp:t` text, a tab as `\t`.
fn element_text(node: roxmltree::Node) -> String {
    let mut text = String::new();
    for n in node.descendants() {
        if n.is_text() && n.parent().is_some_and(|p| p.tag_name().name() == "t") {
            text.push_str(n.text().unwrap_or_default());
        } else if n.tag_name().name() == "tab" {
            text.push('\t');
        }
    }
    text
}

/// The character size (pt × 100) of each named style in the HWPX `file`'s header.
fn style_sizes(file: &Path) -> std::collections::HashMap<String, i64> {
    let header = part_xml(file, "Contents/header.xml");
    let doc = roxmltree::Document::parse(&header).unwrap();
    let heights: std::collections::HashMap<&str, i64> = doc
        .descendants()
        .filter(|n| n.tag_name().name() == "charPr")
        .map(|n| {
            let height = n.attribute("height").unwrap().parse().unwrap();
            (n.attribute("id").unwrap(), height)
        })
        .collect();
    doc.descendants()
        .filter(|n| n.tag_name().name() == "style")
        .map(|n| {
            let chars = n.attribute("charPrIDRef").unwrap();
            (n.attribute("name").unwrap().to_string(), heights[chars])
        })
        .collect()
}

#[test]
fn character_sizes_are_the_pdfs_type_scale_official_and_compact() {
    use gongsi::model::written::TypeScale;
    use gongsi::renditions::shared::scale::sizes;
    let dir = tempfile::tempdir().unwrap();
    let official = reference_hwpx(dir.path());
    let plan = dir.path().join("compact");
    copy_dir(&root().join("content/2021-인천서구"), &plan);
    let yaml = fs::read_to_string(plan.join("plan.yaml")).unwrap();
    assert!(
        !yaml.contains("type_scale"),
        "the reference plan takes the default"
    );
    fs::write(
        plan.join("plan.yaml"),
        format!("{yaml}\ntype_scale: compact\n"),
    )
    .unwrap();
    let out = run(dir.path(), &["build", "compact", "-o", "compact.hwpx"]);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    for (file, scale) in [
        (official, TypeScale::Official),
        (dir.path().join("compact.hwpx"), TypeScale::Compact),
    ] {
        let s = sizes(scale);
        let found = style_sizes(&file);
        let pt = |size: f64| (size * 100.0).round() as i64;
        for (style, size) in [
            ("부 제목", s.part),
            ("장 제목", s.chapter),
            ("□ 제목", s.section),
            ("○ 글머리 1단계", s.item),
            ("- 글머리 2단계", s.sub),
            ("· 글머리 3단계", s.subsub),
            ("표 제목", s.caption),
            ("단위", s.unit),
            ("표 글", s.table),
            ("전략 표시", s.label),
            ("과제 제목", s.task),
            ("각주", s.footnote),
        ] {
            assert_eq!(found.get(style), Some(&pt(size)), "{style} at {scale:?}");
        }
    }
}

/// The first words of every page of the PDF, whitespace removed.
fn pdf_page_starts(pdf: &Path) -> Vec<String> {
    pdf_layout(pdf)
        .iter()
        .map(|page| {
            let words: Vec<&str> = page
                .lines
                .iter()
                .flatten()
                .map(|w| w.text.as_str())
                .collect();
            squeeze(&words.join("")).chars().take(300).collect()
        })
        .collect()
}

#[test]
fn pages_start_where_the_pdfs_do_and_the_contents_has_its_page_numbers() {
    let dir = tempfile::tempdir().unwrap();
    let file = reference_hwpx(dir.path());
    let pdf = build_ok(dir.path(), &[], "plan.pdf");
    let pages = pdf_page_starts(&pdf);
    // Every paragraph the HWPX starts a page with starts a page of the PDF, in order: its
    // first words are at the top of that page (the PDF's text order within a table's
    // header may differ, so they are looked for in the page's first words).
    let mut breaks = Vec::new();
    for name in ["Contents/section0.xml", "Contents/section1.xml"] {
        let xml = part_xml(&file, name);
        let doc = roxmltree::Document::parse(&xml).unwrap();
        let body = doc.root_element();
        for p in body.children().filter(|n| n.tag_name().name() == "p") {
            if p.attribute("pageBreak") == Some("1") || breaks.is_empty() {
                breaks.push(squeeze(&element_text(p)));
            }
        }
        let first = body
            .children()
            .find(|n| n.tag_name().name() == "p")
            .unwrap();
        if name.ends_with("1.xml") && first.attribute("pageBreak") != Some("1") {
            breaks.push(squeeze(&element_text(first)));
        }
    }
    let mut page = 0;
    for start in &breaks {
        let head: String = start.chars().take(8).collect();
        match (page..pages.len()).find(|p| pages[*p][..].contains(&head)) {
            Some(p) => page = p + 1,
            None => panic!("no PDF page after {page} starts with {head:?}"),
        }
    }
    assert!(
        breaks.len() * 10 >= pages.len() * 9,
        "{} page starts for the PDF's {} pages",
        breaks.len(),
        pages.len()
    );

    // 순서: each entry with the page number the PDF's 순서 prints for it.
    let printed: Vec<String> = pdf_layout(&pdf)[1]
        .lines
        .iter()
        .filter_map(|line| line.last().map(|w| w.text.clone()))
        .filter(|w| w.chars().all(|c| c.is_ascii_digit()))
        .collect();
    let xml = part_xml(&file, "Contents/section0.xml");
    let doc = roxmltree::Document::parse(&xml).unwrap();
    let numbers: Vec<String> = doc
        .descendants()
        .filter(|n| n.tag_name().name() == "p")
        .map(element_text)
        .filter_map(|t| t.split_once('\t').map(|(_, n)| n.to_string()))
        .collect();
    assert_eq!(numbers.len(), 5 + 4 + 5, "{numbers:?}");
    assert_eq!(numbers, printed);
}

#[test]
fn a_split_schedule_repeats_its_header_and_group_rows() {
    let dir = tempfile::tempdir().unwrap();
    let file = reference_hwpx(dir.path());
    let plan = gongsi::pipeline::load_and_check(None).unwrap().plan;
    let xml = part_xml(&file, "Contents/section1.xml");
    let doc = roxmltree::Document::parse(&xml).unwrap();
    let tables: Vec<_> = doc
        .descendants()
        .filter(|n| n.tag_name().name() == "tbl")
        .collect();
    assert!(tables.len() >= 2, "the PDF's 추진일정 runs over 3 pages");
    let groups: Vec<String> = plan
        .strategies
        .iter()
        .flat_map(|s| {
            std::iter::once(format!("{}. {}", s.number, s.name))
                .chain(s.tasks.iter().map(|t| format!("{} {}", t.mark, t.name)))
        })
        .map(|g| squeeze(&g))
        .collect();
    for (i, tbl) in tables.iter().enumerate() {
        let rows: Vec<_> = tbl
            .children()
            .filter(|n| n.tag_name().name() == "tr")
            .collect();
        let cells = |row: &roxmltree::Node| -> Vec<(Option<String>, String)> {
            row.children()
                .filter(|n| n.tag_name().name() == "tc")
                .map(|tc| (tc.attribute("name").map(str::to_string), element_text(tc)))
                .collect()
        };
        let head = cells(&rows[0]);
        assert_eq!(
            head[0].1, "실천과제명",
            "table {i} starts with the month header"
        );
        let repeated = |row: &roxmltree::Node| {
            cells(row)
                .iter()
                .all(|(name, _)| name.as_deref() == Some(gongsi::model::printed::Scope::REPEATED))
        };
        assert_eq!(repeated(&rows[0]), i > 0, "a later part repeats the header");
        if i > 0 {
            // The part continues a strategy (and a task): its rows come first, repeated.
            let group = cells(&rows[1]);
            assert!(repeated(&rows[1]), "{group:?}");
            assert_eq!(group.len(), 1, "a group row spans the months");
            assert!(groups.contains(&squeeze(&group[0].1)), "{group:?}");
        }
    }
}

/// Each page rhwp lays `file` out on: the text it draws, whitespace removed.
fn rhwp_pages(file: &Path) -> Vec<String> {
    serde_json::from_str(&check_script(&["pages", file.to_str().unwrap()])).unwrap()
}

/// The letters and digits of `text` (rhwp does not draw some marks, such as `·`, as text).
fn letters(text: &str) -> String {
    text.chars().filter(|c| c.is_alphanumeric()).collect()
}

/// 순서's entries in `file`: (title, the page number after its tab).
fn contents_entries(file: &Path) -> Vec<(String, String)> {
    let xml = part_xml(file, "Contents/section0.xml");
    let doc = roxmltree::Document::parse(&xml).unwrap();
    doc.descendants()
        .filter(|n| n.tag_name().name() == "p")
        .map(element_text)
        .filter_map(|t| {
            t.split_once('\t')
                .map(|(title, n)| (title.to_string(), n.to_string()))
        })
        .collect()
}

/// The reference plan with `type_scale: compact`, built as HWPX and PDF in `dir`.
fn compact_builds(dir: &Path) -> (PathBuf, PathBuf) {
    let plan = dir.join("compact");
    copy_dir(&root().join("content/2021-인천서구"), &plan);
    let yaml = fs::read_to_string(plan.join("plan.yaml")).unwrap();
    fs::write(
        plan.join("plan.yaml"),
        format!("{yaml}\ntype_scale: compact\n"),
    )
    .unwrap();
    let hwpx = build_ok(dir, &["compact"], "compact.hwpx");
    (hwpx, build_ok(dir, &["compact"], "compact.pdf"))
}

#[test]
fn rhwp_lays_the_hwpx_on_the_pdfs_pages_each_part_where_the_contents_says() {
    let dir = tempfile::tempdir().unwrap();
    let official = (
        reference_hwpx(dir.path()),
        build_ok(dir.path(), &[], "plan.pdf"),
    );
    for (hwpx, pdf) in [official, compact_builds(dir.path())] {
        let pages = rhwp_pages(&hwpx);
        let printed = pdf_layout(&pdf).len();
        assert!(
            pages.len().abs_diff(printed) <= 1,
            "{}: rhwp {} pages, the PDF {printed}",
            hwpx.display(),
            pages.len()
        );
        let entries = contents_entries(&hwpx);
        assert_eq!(entries.len(), 5 + 4 + 5, "{entries:?}");
        for (title, number) in entries {
            // The page numbered `- N -` at its foot (the cover and 순서 have none).
            let foot = format!("-{number}-");
            let Some(page) = pages.iter().find(|p| p.ends_with(&foot)) else {
                panic!("{}: no page numbered {number} for {title}", hwpx.display());
            };
            let part = title
                .split_once('.')
                .is_some_and(|(n, _)| !n.is_empty() && n.chars().all(|c| "IV".contains(c)));
            let (title, page) = (letters(&title), letters(page));
            // A part starts its page; a chapter or strategy is on it.
            let placed = if part {
                page.starts_with(&title)
            } else {
                page.contains(&title)
            };
            assert!(placed, "{}: {title} not on page {number}", hwpx.display());
        }
    }
}
