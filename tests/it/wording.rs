//! One source of fixed wording (src/model/wording.rs): every heading, table header, caption
//! and unit line a rendition prints is a phrase of that table or the plan's own data. Each
//! rendition's printed headings are taken apart here — the plan's strings and the table's
//! phrases removed — and any Korean word left over is wording written somewhere else.

use std::collections::HashMap;
use std::path::Path;

use gongsi::model::plan::Plan;
use gongsi::model::wording::{PHRASES, Piece, Years};

use crate::common::{self, root, run};

/// What a rendition may print around wording and data: marks, numbers, punctuation.
fn is_korean(c: char) -> bool {
    ('\u{ac00}'..='\u{d7a3}').contains(&c) || ('\u{3131}'..='\u{318e}').contains(&c)
}

/// Text without whitespace (wrapping and spacing differ between renditions).
fn squeezed(text: &str) -> String {
    text.chars().filter(|c| !c.is_whitespace()).collect()
}

/// The pieces a printed heading may be made of: the plan's strings and the phrases of the
/// fixed wording — whole with the plan's years, and each text between its slots (Typst
/// prints a slot as a string of its own) — each line apart (a header cell may wrap them
/// apart), by first character.
struct Known(HashMap<char, Vec<String>>);

impl Known {
    fn of(plans: &[&Plan]) -> Self {
        let mut pieces = Vec::new();
        for plan in plans {
            strings(&serde_json::to_value(plan).unwrap(), &mut pieces);
            let years: Years = plan.years();
            for phrase in PHRASES {
                pieces.extend(phrase.fill(&years).split('\n').map(squeezed));
                for piece in phrase.pieces() {
                    if let Piece::Text(text) = piece {
                        pieces.extend(text.split('\n').map(squeezed));
                    }
                }
            }
        }
        let mut by_first: HashMap<char, Vec<String>> = HashMap::new();
        for piece in pieces {
            if let Some(first) = piece.chars().next() {
                by_first.entry(first).or_default().push(piece);
            }
        }
        Known(by_first)
    }

    /// What of `text` cannot be read as known pieces with marks, numbers and punctuation
    /// between them (no Korean of its own), if anything.
    fn unexplained(&self, text: &str) -> Option<String> {
        let chars: Vec<char> = squeezed(text).chars().collect();
        // reached[i]: the first i characters are known pieces and characters of no word.
        let mut reached = vec![false; chars.len() + 1];
        reached[0] = true;
        for i in 0..chars.len() {
            if !reached[i] {
                continue;
            }
            if !is_korean(chars[i]) {
                reached[i + 1] = true;
            }
            for piece in self.0.get(&chars[i]).into_iter().flatten() {
                let piece: Vec<char> = piece.chars().collect();
                if chars[i..].starts_with(&piece) {
                    reached[i + piece.len()] = true;
                }
            }
        }
        if reached[chars.len()] {
            return None;
        }
        let stuck = (0..=chars.len()).rev().find(|&i| reached[i]).unwrap_or(0);
        Some(chars[stuck..].iter().collect())
    }

    /// Every text of `texts` not made of known pieces, with what was left of it.
    fn check(&self, rendition: &str, texts: &[String]) -> Vec<String> {
        assert!(!texts.is_empty(), "{rendition}: no headings found");
        texts
            .iter()
            .filter_map(|t| {
                self.unexplained(t)
                    .map(|rest| format!("{rendition}: 「{t}」 from 「{rest}」"))
            })
            .collect()
    }
}

fn strings(value: &serde_json::Value, out: &mut Vec<String>) {
    match value {
        serde_json::Value::String(s) => out.extend(s.split('\n').map(squeezed)),
        serde_json::Value::Array(items) => items.iter().for_each(|v| strings(v, out)),
        serde_json::Value::Object(map) => map.values().for_each(|v| strings(v, out)),
        _ => {}
    }
}

fn reference() -> Plan {
    gongsi::pipeline::load_and_check(None).unwrap().plan
}

/// The emitted Typst sources of `plan` (the reference plan for `None`) with `--templates`.
fn typst_sources(dir: &Path, plan: Option<&Path>, templates: Option<&Path>) -> Vec<String> {
    let emitted = dir.join("typst");
    let pdf = dir.join("out.pdf");
    let mut args = vec!["build".to_string()];
    args.extend(plan.map(|p| p.display().to_string()));
    args.extend(["-o".into(), pdf.display().to_string()]);
    args.extend(["--emit-typst".into(), emitted.display().to_string()]);
    if let Some(t) = templates {
        args.extend(["--templates".into(), t.display().to_string()]);
    }
    let args: Vec<&str> = args.iter().map(String::as_str).collect();
    let out = run(&root(), &args);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let mut files: Vec<_> = std::fs::read_dir(&emitted)
        .unwrap()
        .map(|e| e.unwrap().path())
        .collect();
    files.sort();
    files
        .iter()
        .map(|f| std::fs::read_to_string(f).unwrap())
        .collect()
}

/// The template text of a Typst source, line by line: what is outside its string literals
/// (every value of the plan reaches Typst as one) and comments, markup escapes removed.
fn template_text(source: &str) -> Vec<String> {
    let literal = regex_lite_strings(source);
    literal
        .lines()
        .map(|line| line.split("//").next().unwrap_or("").replace('\\', ""))
        .filter(|line| line.chars().any(is_korean))
        .collect()
}

/// `source` with every `"…"` string literal (with its escapes) blanked.
fn regex_lite_strings(source: &str) -> String {
    let mut out = String::with_capacity(source.len());
    let mut chars = source.chars();
    while let Some(c) = chars.next() {
        if c != '"' {
            out.push(c);
            continue;
        }
        out.push(' ');
        while let Some(c) = chars.next() {
            match c {
                '\\' => {
                    chars.next();
                }
                '"' => break,
                _ => {}
            }
        }
    }
    out
}

#[test]
fn the_pdfs_templates_print_no_wording_of_their_own() {
    let dir = tempfile::tempdir().unwrap();
    let known = Known::of(&[&reference()]);
    let lines: Vec<String> = typst_sources(dir.path(), None, None)
        .iter()
        .flat_map(|s| template_text(s))
        .collect();
    // The vision diagram's description and the 추진절차 are code: their words are strings.
    let problems = known.check("PDF", &lines);
    assert!(problems.is_empty(), "{}", problems.join("\n"));
}

#[test]
fn a_template_that_writes_its_own_heading_is_caught() {
    let dir = tempfile::tempdir().unwrap();
    let templates = dir.path().join("templates");
    std::fs::create_dir(&templates).unwrap();
    let builtin = std::fs::read_to_string(root().join("templates/schedule.typ")).unwrap();
    std::fs::write(
        templates.join("schedule.typ"),
        builtin.replace(r#"th[{{ say("schedule.task") }}]"#, "th[추진 과제 이름]"),
    )
    .unwrap();
    let known = Known::of(&[&reference()]);
    let lines: Vec<String> = typst_sources(dir.path(), None, Some(&templates))
        .iter()
        .flat_map(|s| template_text(s))
        .collect();
    let problems = known.check("PDF", &lines);
    assert_eq!(problems.len(), 1, "{problems:?}");
    assert!(problems[0].contains("from 「추진과제이름"), "{problems:?}");
}

/// The text of every heading, header cell, caption and unit line of a page.
fn html_headings(html: &str) -> Vec<String> {
    common::with_html(html, |doc| {
        doc.descendants()
            .filter(|n| {
                let name = n.tag_name().name();
                matches!(
                    name,
                    "h1" | "h2" | "h3" | "h4" | "h5" | "h6" | "th" | "caption"
                ) || (name == "p" && n.attribute("class") == Some("unit"))
            })
            .map(|n| {
                n.descendants()
                    .filter(|d| d.is_text())
                    .filter_map(|d| d.text())
                    .collect::<String>()
            })
            .collect()
    })
}

#[test]
fn the_html_prints_no_heading_of_its_own() {
    let dir = tempfile::tempdir().unwrap();
    let site = common::publish_small(dir.path(), None);
    let html = std::fs::read_to_string(site.join("index.html")).unwrap();
    let known = Known::of(&[&reference()]);
    let problems = known.check("HTML", &html_headings(&html));
    assert!(problems.is_empty(), "{}", problems.join("\n"));
}

#[test]
fn the_hwpx_prints_no_heading_of_its_own() {
    let dir = tempfile::tempdir().unwrap();
    let hwpx = dir.path().join("plan.hwpx");
    let out = run(&root(), &["build", "-o", hwpx.to_str().unwrap()]);
    assert!(out.status.success());
    let read = crate::hwpx::read_back(&hwpx);
    // Every table cell: headers and figures (body paragraphs are the plan's text).
    let cells: Vec<String> = read["tables"]
        .as_array()
        .unwrap()
        .iter()
        .flat_map(|t| t["cells"].as_array().unwrap().iter())
        .map(|c| c["text"].as_str().unwrap().to_string())
        .collect();
    let known = Known::of(&[&reference()]);
    let problems = known.check("HWPX", &cells);
    assert!(problems.is_empty(), "{}", problems.join("\n"));
}

#[test]
fn diffs_section_titles_are_the_documents_own() {
    let old = root().join("content/2021-인천서구");
    let new = common::fixture("second");
    let out = run(
        &root(),
        &["diff", old.to_str().unwrap(), new.to_str().unwrap()],
    );
    let text = String::from_utf8_lossy(&out.stdout);
    let titles: Vec<String> = text
        .lines()
        .filter_map(|l| l.strip_prefix("■ "))
        .map(str::to_string)
        .collect();
    let second = gongsi::pipeline::load_and_check(Some(&new)).unwrap().plan;
    let known = Known::of(&[&reference(), &second]);
    // The cover's group (표지·계획 정보) and the total's note (계획 전체 합계) are diff's own.
    let titles: Vec<String> = titles
        .into_iter()
        .filter(|t| t != "표지·계획 정보")
        .map(|t| t.replace("— 계획 전체 합계", ""))
        .collect();
    let problems = known.check("diff", &titles);
    assert!(problems.is_empty(), "{}", problems.join("\n"));
}
