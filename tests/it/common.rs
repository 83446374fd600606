//! Helpers shared by the integration tests: run the real binary, read a PDF's text.

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

/// Pages of the reference plan's PDF (a layout change that moves it is seen here and in the
/// reference page images).
pub const REFERENCE_PAGES: usize = 46;

/// The `gongsi` binary built for these tests.
pub fn gongsi() -> Command {
    Command::new(env!("CARGO_BIN_EXE_gongsi"))
}

/// Makes the library, called from this test executable, read workbooks in a child that is
/// the `gongsi` binary (gongsi starts itself for that; this executable is not gongsi).
pub fn library_reads_workbooks() {
    gongsi::pipeline::load::workbook::isolated::use_reader(env!("CARGO_BIN_EXE_gongsi"));
}

/// Runs `gongsi` with `args` in `dir`.
pub fn run(dir: &Path, args: &[&str]) -> Output {
    gongsi()
        .current_dir(dir)
        .args(args)
        .output()
        .expect("gongsi runs")
}

/// The repository root.
pub fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

/// A fixture folder.
pub fn fixture(name: &str) -> PathBuf {
    root().join("tests/fixtures").join(name)
}

/// The text of a PDF, in reading order (poppler's pdftotext).
pub fn pdf_text(pdf: &Path) -> String {
    let out = Command::new("pdftotext")
        .arg("-enc")
        .arg("UTF-8")
        .arg(pdf)
        .arg("-")
        .output()
        .expect("pdftotext is installed (bash .ci/setup)");
    assert!(
        out.status.success(),
        "pdftotext failed: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8(out.stdout).expect("utf-8 text")
}

/// A word of a PDF page as poppler places it: its text and its box in points.
#[derive(Debug, Clone)]
pub struct PdfWord {
    pub text: String,
    pub x_min: f64,
    pub x_max: f64,
    pub y_min: f64,
    pub y_max: f64,
}

/// A page of a PDF: its size in points and its lines of words, as poppler groups them
/// (`pdftotext -bbox-layout`; a wrapped table cell gives one line per printed line).
#[derive(Debug, Clone)]
pub struct PdfPage {
    pub width: f64,
    pub height: f64,
    pub lines: Vec<Vec<PdfWord>>,
}

/// The pages of a PDF with the position of every word.
pub fn pdf_layout(pdf: &Path) -> Vec<PdfPage> {
    let out = Command::new("pdftotext")
        .args(["-bbox-layout", "-enc", "UTF-8"])
        .arg(pdf)
        .arg("-")
        .output()
        .expect("pdftotext is installed (bash .ci/setup)");
    assert!(out.status.success(), "pdftotext -bbox-layout failed");
    let xml = String::from_utf8(out.stdout).expect("utf-8 text");
    with_html(&xml, |doc| {
        let number = |node: roxmltree::Node, name: &str| -> f64 {
            node.attribute(name)
                .and_then(|v| v.parse().ok())
                .unwrap_or(0.0)
        };
        doc.descendants()
            .filter(|n| n.has_tag_name("page"))
            .map(|page| PdfPage {
                width: number(page, "width"),
                height: number(page, "height"),
                lines: page
                    .descendants()
                    .filter(|n| n.has_tag_name("line"))
                    .map(|line| {
                        line.children()
                            .filter(|n| n.has_tag_name("word"))
                            .map(|word| PdfWord {
                                text: word.text().unwrap_or_default().to_string(),
                                x_min: number(word, "xMin"),
                                x_max: number(word, "xMax"),
                                y_min: number(word, "yMin"),
                                y_max: number(word, "yMax"),
                            })
                            .collect()
                    })
                    .collect(),
            })
            .collect()
    })
}

/// The page count of a PDF (poppler's pdfinfo).
pub fn pdf_pages(pdf: &Path) -> usize {
    pdf_info(pdf, "Pages").parse().expect("page count")
}

/// One field of `pdfinfo`.
pub fn pdf_info(pdf: &Path, field: &str) -> String {
    let out = Command::new("pdfinfo")
        .arg(pdf)
        .output()
        .expect("pdfinfo is installed (bash .ci/setup)");
    let text = String::from_utf8_lossy(&out.stdout).into_owned();
    text.lines()
        .find_map(|l| {
            l.strip_prefix(&format!("{field}:"))
                .map(|v| v.trim().to_string())
        })
        .unwrap_or_default()
}

/// Text with all whitespace removed, so that line and word wrapping do not matter.
pub fn squeeze(text: &str) -> String {
    text.chars().filter(|c| !c.is_whitespace()).collect()
}

/// Asserts that `needles` appear in `haystack` in this order (whitespace ignored).
pub fn assert_in_order(haystack: &str, needles: &[&str]) {
    let hay = squeeze(haystack);
    let mut from = 0;
    for needle in needles {
        let needle = squeeze(needle);
        match hay[from..].find(&needle) {
            Some(at) => from += at + needle.len(),
            None => panic!("`{needle}` not found (in order) after byte {from}"),
        }
    }
}

/// Runs `gongsi build` with `args` in `dir`, asserts success, and returns the path of
/// `pdf` inside `dir`.
pub fn build_ok(dir: &Path, args: &[&str], pdf: &str) -> PathBuf {
    let mut all = vec!["build"];
    all.extend_from_slice(args);
    all.extend_from_slice(&["-o", pdf]);
    let out = run(dir, &all);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    dir.join(pdf)
}

/// A copy of the minimal fixture in `dir/plan`, with `edit` applied to one of its files;
/// returns the plan folder.
pub fn broken_plan(dir: &Path, file: &str, edit: impl FnOnce(String) -> String) -> String {
    let plan = dir.join("plan");
    copy_dir(&fixture("minimal"), &plan);
    let path = plan.join(file);
    let text = std::fs::read_to_string(&path).unwrap();
    std::fs::write(&path, edit(text)).unwrap();
    plan.to_str().unwrap().to_string()
}

/// Copies a folder tree.
pub fn copy_dir(from: &Path, to: &Path) {
    std::fs::create_dir_all(to).unwrap();
    for entry in std::fs::read_dir(from).unwrap() {
        let entry = entry.unwrap();
        let target = to.join(entry.file_name());
        if entry.file_type().unwrap().is_dir() {
            copy_dir(&entry.path(), &target);
        } else {
            std::fs::copy(entry.path(), target).unwrap();
        }
    }
}

/// Runs `gongsi publish` on `plan` (the reference plan if `None`) into `dir/site` with tiny
/// previews (for tests about the PDF or the HTML), asserts success and returns the folder.
pub fn publish_small(dir: &Path, plan: Option<&Path>) -> PathBuf {
    let mut args = vec!["publish".to_string()];
    args.extend(plan.map(|p| p.display().to_string()));
    args.extend(
        [
            "-o",
            "site",
            "--preview-width",
            "40",
            "--thumbnail-width",
            "40",
        ]
        .map(String::from),
    );
    let out = gongsi()
        .current_dir(dir)
        .args(&args)
        .output()
        .expect("gongsi runs");
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    dir.join("site")
}

/// Parses an HTML page written by gongsi (its templates write well-formed, XML-compatible
/// HTML) and calls `check` with the document.
pub fn with_html<T>(html: &str, check: impl FnOnce(&roxmltree::Document) -> T) -> T {
    let options = roxmltree::ParsingOptions {
        allow_dtd: true,
        ..Default::default()
    };
    let doc = roxmltree::Document::parse_with_options(html, options)
        .unwrap_or_else(|e| panic!("index.html is not well-formed: {e}"));
    check(&doc)
}

/// The text a reader sees in an HTML page's body, one line per block element. Left out:
/// the skip link, the download link, the footer and SVG titles (they repeat the chart's
/// accessible name); footnote marks (`<sup>`) only when `footnote_marks` is false.
pub fn html_text(html: &str, footnote_marks: bool) -> String {
    const BLOCKS: [&str; 25] = [
        "p",
        "div",
        "li",
        "ul",
        "ol",
        "h1",
        "h2",
        "h3",
        "h4",
        "h5",
        "h6",
        "td",
        "th",
        "tr",
        "table",
        "thead",
        "tbody",
        "figure",
        "figcaption",
        "section",
        "article",
        "header",
        "nav",
        "text",
        "br",
    ];
    fn walk(node: roxmltree::Node, marks: bool, out: &mut String) {
        if node.is_text() {
            out.push_str(node.text().unwrap_or_default());
            return;
        }
        if !node.is_element() {
            return;
        }
        let tag = node.tag_name().name();
        let class = node.attribute("class").unwrap_or_default();
        let skipped = matches!(tag, "head" | "footer" | "title" | "style")
            || (tag == "sup" && !marks)
            || class.split(' ').any(|c| c == "skip" || c == "download");
        if skipped {
            return;
        }
        let block = BLOCKS.contains(&tag);
        if block {
            out.push('\n');
        }
        for child in node.children() {
            walk(child, marks, out);
        }
        if block {
            out.push('\n');
        }
    }
    with_html(html, |doc| {
        let mut out = String::new();
        walk(doc.root_element(), footnote_marks, &mut out);
        out
    })
}

/// Runs the browser check `script` of `tests/browser` (node, chromium, playwright-core) with
/// `args` and returns its JSON report; the test fails with the check's output, and `context`,
/// when the check fails.
pub fn browser_report(script: &str, args: &[&Path], context: &str) -> serde_json::Value {
    let out = Command::new("node")
        .arg(root().join("tests/browser").join(script))
        .args(args)
        .output()
        .expect("node is installed (bash .ci/setup)");
    let report = String::from_utf8_lossy(&out.stdout);
    assert!(
        out.status.success(),
        "browser check failed:\n{report}\n{}\n{context}",
        String::from_utf8_lossy(&out.stderr)
    );
    serde_json::from_str(&report).expect("a JSON report")
}
