//! The HTML rendition that `gongsi publish` writes (`index.html`): a well-formed,
//! self-contained page with headings in order, table headers with their scope, charts as
//! SVG with text alternatives and a working table of contents; the same text and figures as
//! the PDF; and a real browser's check (Debian's chromium driven by playwright-core, with
//! axe-core's accessibility audit), which `.ci/setup` installs.

use std::collections::BTreeSet;
use std::fs;
use std::path::Path;

use crate::common::*;

const STEM: &str = "2021-인천광역시서구-연차별세부계획";

#[test]
fn index_html_is_a_self_contained_accessible_page() {
    let dir = tempfile::tempdir().unwrap();
    let folder = publish_small(dir.path(), None);
    let html = fs::read_to_string(folder.join("index.html")).unwrap();
    assert!(html.starts_with("<!DOCTYPE html>"));

    with_html(&html, |doc| {
        let root = doc.root_element();
        assert_eq!(root.tag_name().name(), "html");
        assert_eq!(root.attribute("lang"), Some("ko"));
        let elements: Vec<_> = doc.descendants().filter(|n| n.is_element()).collect();
        let named = |name: &str| -> Vec<roxmltree::Node> {
            elements
                .iter()
                .copied()
                .filter(|n| n.tag_name().name() == name)
                .collect()
        };

        // Title and phone-ready viewport.
        let title = named("title")
            .into_iter()
            .find(|t| t.parent().is_some_and(|p| p.tag_name().name() == "head"))
            .and_then(|t| t.text())
            .unwrap_or_default()
            .to_string();
        assert_eq!(
            title,
            "2021년도 일자리대책 연차별 세부계획 - 인천광역시 서구"
        );
        assert!(
            named("meta")
                .iter()
                .any(|m| m.attribute("name") == Some("viewport"))
        );

        // Self-contained: no scripts, no linked style sheets, images or fonts.
        assert!(named("script").is_empty(), "no scripts");
        assert!(named("link").is_empty(), "no linked resources");
        assert!(named("img").is_empty(), "charts are inline SVG");
        assert!(
            elements.iter().all(|n| n.attribute("src").is_none()),
            "nothing loaded from elsewhere"
        );
        let style = named("style");
        assert_eq!(style.len(), 1, "one inline style sheet");
        let css = style[0].text().unwrap_or_default();
        assert!(
            !css.contains("url("),
            "no external fonts or images in the CSS"
        );
        assert!(css.contains("@media print"), "a print style");
        assert!(
            css.contains("word-break: keep-all"),
            "Korean word-level breaking"
        );

        // Headings start at h1 and never skip a level.
        let levels: Vec<u8> = elements
            .iter()
            .filter_map(|n| {
                let name = n.tag_name().name();
                (name.len() == 2 && name.starts_with('h'))
                    .then(|| name[1..].parse::<u8>().ok())
                    .flatten()
            })
            .collect();
        assert_eq!(levels.first(), Some(&1));
        assert_eq!(levels.iter().filter(|&&l| l == 1).count(), 1, "one h1");
        for pair in levels.windows(2) {
            assert!(pair[1] <= pair[0] + 1, "heading level skipped: {pair:?}");
        }
        assert!(
            levels.iter().filter(|&&l| l == 2).count() >= 6,
            "parts I–V and 순서"
        );

        // Every header cell has a scope; every table has header cells.
        let headers = named("th");
        assert!(headers.len() > 400, "{} header cells", headers.len());
        for th in &headers {
            let scope = th.attribute("scope");
            assert!(
                matches!(scope, Some("col" | "colgroup" | "row" | "rowgroup")),
                "th without scope: {:?}",
                th.text()
            );
        }
        for table in named("table") {
            assert!(
                table.descendants().any(|n| n.tag_name().name() == "th"),
                "a table without header cells"
            );
        }

        // Ids are unique and every link of the table of contents has its target.
        let mut ids = BTreeSet::new();
        for id in elements.iter().filter_map(|n| n.attribute("id")) {
            assert!(ids.insert(id), "duplicate id {id}");
        }
        let toc = named("nav");
        assert_eq!(toc.len(), 1);
        let targets: Vec<&str> = toc[0]
            .descendants()
            .filter_map(|n| n.attribute("href"))
            .collect();
        assert_eq!(targets.len(), 5 + 4 + 5, "parts, chapters, strategies");
        for href in &targets {
            let id = href.strip_prefix('#').expect("an anchor");
            assert!(ids.contains(id), "TOC link {href} has no target");
        }
        for href in elements.iter().filter_map(|n| n.attribute("href")) {
            if let Some(id) = href.strip_prefix('#') {
                assert!(ids.contains(id), "link {href} has no target");
            }
        }

        // Charts: inline SVG images whose accessible name carries their data.
        let charts = named("svg");
        assert_eq!(charts.len(), 1, "the chart of part II");
        for svg in &charts {
            assert_eq!(svg.attribute("role"), Some("img"));
            let label = svg.attribute("aria-label").unwrap_or_default();
            assert!(label.contains("그래프."), "{label}");
            assert!(
                svg.children().any(|c| c.tag_name().name() == "title"),
                "an SVG title"
            );
        }
        let labels: Vec<&str> = charts
            .iter()
            .filter_map(|s| s.attribute("aria-label"))
            .collect();
        assert!(labels.iter().any(|l| l.contains("542,040")), "{labels:?}");

        // Scrolling table boxes can be reached by keyboard and have distinct names.
        let mut names = BTreeSet::new();
        for region in elements
            .iter()
            .filter(|n| n.attribute("role") == Some("region"))
        {
            assert_eq!(region.attribute("tabindex"), Some("0"));
            let name = region.attribute("aria-label").expect("a region name");
            assert!(names.insert(name), "two regions named {name}");
        }

        // The download link points at the PDF beside the page.
        let pdf = named("a")
            .into_iter()
            .find_map(|a| a.attribute("href").filter(|h| h.ends_with(".pdf")))
            .expect("a link to the PDF");
        assert_eq!(pdf, format!("{STEM}.pdf"));
        assert!(folder.join(pdf).is_file());
    });
}

/// Page furniture of the PDF that the web page does not have: page numbers (`- 3 -`).
pub fn without_page_numbers(pdf: &str) -> String {
    pdf.lines()
        .filter(|l| {
            let t: String = l.chars().filter(|c| !c.is_whitespace()).collect();
            !(t.len() > 2
                && t.starts_with('-')
                && t.ends_with('-')
                && t[1..t.len() - 1].chars().all(|c| c.is_ascii_digit()))
        })
        .collect::<Vec<_>>()
        .join("\n")
}

/// Footnote marks (`…현황1)`), which the PDF numbers through the document and the web page
/// within each paragraph.
pub fn without_footnote_marks(text: &str) -> String {
    let chars: Vec<char> = text.chars().collect();
    let mut out = String::new();
    let mut i = 0;
    while i < chars.len() {
        // A mark is one or two digits and `)` right after text (or at a line start) — or after
        // the one space a justified line's stretch makes pdftotext see before the smaller mark,
        // when a syllable follows it at once (`공업지역 20)과`).
        let is_text =
            |c: char| !(c.is_ascii_digit() || c.is_ascii_punctuation() || c.is_whitespace());
        let after_text = i == 0 || chars[i - 1] == '\n' || is_text(chars[i - 1]);
        let digits = chars[i..].iter().take_while(|c| c.is_ascii_digit()).count();
        let is_mark = (1..=2).contains(&digits) && chars.get(i + digits) == Some(&')');
        let after_stretch = i >= 2
            && chars[i - 1] == ' '
            && is_text(chars[i - 2])
            && chars
                .get(i + digits + 1)
                .is_some_and(|c| ('가'..='힣').contains(c));
        if is_mark && (after_text || after_stretch) {
            if after_stretch {
                out.pop();
            }
            i += digits + 1;
            continue;
        }
        out.push(chars[i]);
        i += 1;
    }
    out
}

#[test]
fn pdf_and_html_show_the_same_text_and_figures() {
    let dir = tempfile::tempdir().unwrap();
    let folder = publish_small(dir.path(), None);
    let html = html_text(
        &fs::read_to_string(folder.join("index.html")).unwrap(),
        false,
    );
    let pdf = pdf_text(&folder.join(format!("{STEM}.pdf"))).replace('\u{2060}', "");
    let pdf = without_footnote_marks(&without_page_numbers(&pdf));

    // Line breaks differ between a page and a screen, so each word of one rendition is
    // looked up in the other with all whitespace removed; and the middle dot too, in both,
    // since pdftotext may read the next · bullet between the two lines of a · line.
    let flat = |text: &str| squeeze(text).replace('·', "");
    let (html_flat, pdf_flat) = (flat(&html), flat(&pdf));
    let missing_in_pdf: BTreeSet<&str> = html
        .split_whitespace()
        .filter(|w| !pdf_flat.contains(&w.replace('·', "")))
        .collect();
    let missing_in_html: BTreeSet<&str> = pdf
        .split_whitespace()
        .filter(|w| !html_flat.contains(&w.replace('·', "")))
        .collect();
    assert!(
        missing_in_pdf.is_empty(),
        "words of the web page not in the PDF: {missing_in_pdf:?}"
    );
    assert!(
        missing_in_html.is_empty(),
        "words of the PDF not in the web page: {missing_in_html:?}"
    );
    // And the comparison has something to compare: figures from every part.
    for figure in ["542,040", "16,407", "72,267", "638,063천원", "34.1", "△"] {
        assert!(html_flat.contains(figure), "{figure} in the web page");
        assert!(pdf_flat.contains(figure), "{figure} in the PDF");
    }
}

#[test]
fn footnote_marks_are_removed_only_after_text() {
    assert_eq!(
        without_footnote_marks("인구현황1)과 (단위 2) 2)"),
        "인구현황과 (단위 2) 2)"
    );
    assert_eq!(without_footnote_marks("1)출처: KOSIS"), "출처: KOSIS");
    assert_eq!(
        without_footnote_marks("공업지역 20)과 단위 2) 다음"),
        "공업지역과 단위 2) 다음"
    );
    assert_eq!(without_page_numbers("가\n- 12 -\n나"), "가\n나");
}

#[test]
fn the_page_passes_a_real_browser_and_the_accessibility_audit() {
    let dir = tempfile::tempdir().unwrap();
    let folder = publish_small(dir.path(), None);
    // Screenshots go where people can look at them after the tests.
    let shots = root().join("target/html-screenshots");
    fs::create_dir_all(&shots).unwrap();
    assert!(
        root()
            .join("tests/browser/node_modules/playwright-core")
            .is_dir()
            && Path::new("/usr/bin/chromium").exists(),
        "the browser check needs chromium and tests/browser/node_modules: run `bash .ci/setup`"
    );
    let report = browser_report("check.mjs", &[&folder.join("index.html"), &shots], "");
    assert_eq!(report["errors"], serde_json::json!([]));
    assert_eq!(report["requests"], serde_json::json!([]));
    assert!(report["passes"].as_u64().unwrap() > 20, "{report}");
    let violations = report["violations"].as_array().unwrap();
    assert!(
        violations.is_empty(),
        "axe-core at 390 and 1280 px: {violations:?}"
    );
    assert!(
        report["overflow"]["390"].as_u64().unwrap() <= 390,
        "fits a phone"
    );
    // On the phone the schedule scrolls in its box, with the cue and its names in view.
    let regions = report["regions"]["390"].as_array().unwrap();
    let schedule = regions
        .iter()
        .find(|r| r["label"] == "추진일정")
        .expect("the schedule is wider than a phone");
    assert_eq!(schedule["cue"], true, "{schedule}");
    assert_eq!(schedule["sticky"], true, "{schedule}");
    // The page links the PDF and the 한글 document, both in the folder.
    let downloads = report["downloads"].as_array().unwrap();
    for ext in [".pdf", ".hwpx"] {
        let href = downloads
            .iter()
            .filter_map(|d| d.as_str())
            .find(|d| d.ends_with(ext))
            .unwrap_or_else(|| panic!("a {ext} link in {downloads:?}"));
        assert!(folder.join(href).is_file(), "{href}");
    }
    assert!(
        report["strategy_share"].as_f64().unwrap() <= 0.25,
        "{report}"
    );
    for width in [390, 1280] {
        let shot = fs::read(shots.join(format!("index-{width}.png"))).unwrap();
        assert_eq!(&shot[..4], b"\x89PNG");
    }
}
