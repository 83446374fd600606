//! 문제의 자리 (where a finding is): the page and the box of the figure a warning is about,
//! found where the laid-out pages print the figure as written — the same figure the checks
//! read, printed by the same number formats ([`crate::model::number`]) — within the pages of
//! the part its file makes (a `labour-market/` file: its chapter of Ⅱ; `goals.yaml`: Ⅲ; a
//! `strategies/` file: its strategy of Ⅳ), so a figure printed twice is found where its own
//! table is. A finding about no printed figure points at the start of its part, unmarked.

use std::ops::RangeInclusive;
use std::path::Path;

use serde::Serialize;
use typst_layout::PagedDocument;

use crate::model::located::WrittenPlan;
use crate::model::number;
use crate::model::problem::Finding;
use crate::renditions::pdf::svg::{Heading, PlacedText, placed_text};

/// Where on a page a finding is: the page (1-based) and a box, as shares of the page's width
/// and height — the figure's when `marked`, else the top of the part it is in.
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
pub struct Spot {
    /// The page, 1-based.
    pub page: usize,
    /// Left edge (0–1).
    pub x: f64,
    /// Top edge (0–1).
    pub y: f64,
    /// Width (0–1).
    pub width: f64,
    /// Height (0–1).
    pub height: f64,
    /// Whether the box is the figure itself (else only the place to scroll to).
    pub marked: bool,
}

/// For each finding, where it is on the pages, if that is known.
pub fn spots_of(
    findings: &[Finding],
    written: &WrittenPlan,
    document: &PagedDocument,
    headings: &[Heading],
) -> Vec<Option<Spot>> {
    let texts = placed_text(document);
    let pages = document.pages();
    findings
        .iter()
        .map(|finding| {
            let (range, start) = part_of(&finding.problem.file, written, headings, pages.len());
            let unmarked = start.map(|h| Spot {
                page: h.page,
                x: 0.0,
                y: h.top,
                width: 1.0,
                height: 0.0,
                marked: false,
            });
            let Some(printed) = finding.printed else {
                return unmarked;
            };
            let forms = forms(printed);
            range
                .filter_map(|page| Some((page, texts.get(page - 1)?, pages.get(page - 1)?)))
                .find_map(|(page, runs, drawn)| {
                    let w = drawn.frame.width().to_pt().max(1.0);
                    let h = drawn.frame.height().to_pt().max(1.0);
                    runs.iter().find_map(|run| {
                        let share = find(run, &forms)?;
                        Some(Spot {
                            page,
                            x: (run.x + run.width * share.0) / w,
                            y: run.y / h,
                            width: (run.width * share.1).max(4.0) / w,
                            height: run.height / h,
                            marked: true,
                        })
                    })
                })
                .or(unmarked)
        })
        .collect()
}

/// The pages of the part that `file` makes, and its heading: a chapter of Ⅱ, Ⅲ, a strategy of
/// Ⅳ; every page (and no heading) for another file or a workbook.
fn part_of<'a>(
    file: &Path,
    written: &WrittenPlan,
    headings: &'a [Heading],
    pages: usize,
) -> (RangeInclusive<usize>, Option<&'a Heading>) {
    let parts: Vec<usize> = (0..headings.len())
        .filter(|&i| headings[i].level == 1)
        .collect();
    let sections = |part: usize| -> Vec<usize> {
        let Some(&from) = parts.get(part) else {
            return Vec::new();
        };
        let to = parts.get(part + 1).copied().unwrap_or(headings.len());
        (from + 1..to).filter(|&i| headings[i].level == 2).collect()
    };
    // A workbook is every part's file: its findings are searched in every page.
    let index = if written.info.file == file {
        None
    } else if written.goals.file == file {
        parts.get(2).copied()
    } else if let Some(n) = written.chapters.iter().position(|c| c.file == file) {
        sections(1).get(n).copied()
    } else if let Some(n) = written.strategies.iter().position(|s| s.file == file) {
        sections(3).get(n).copied()
    } else {
        None
    };
    let Some(index) = index else {
        return (1..=pages, None);
    };
    let heading = &headings[index];
    let end = headings[index + 1..]
        .iter()
        .find(|h| h.level <= heading.level)
        .map_or(pages, |h| h.page);
    (heading.page..=end.max(heading.page), Some(heading))
}

/// The ways a figure is printed: with separators and `△`, as a decimal, in 천원.
fn forms(value: f64) -> Vec<String> {
    let mut forms = Vec::new();
    if value.fract() == 0.0 && value.abs() < 1e15 {
        forms.push(number::integer(value as i64));
    }
    forms.push(number::decimal(value));
    forms.retain(|f| f != "-" && !f.is_empty());
    forms
}

/// Where in `run` one of `forms` stands as a whole number (not inside a longer one): its
/// start and length as shares of the run.
fn find(run: &PlacedText, forms: &[String]) -> Option<(f64, f64)> {
    let chars: Vec<char> = run.text.chars().collect();
    let total = chars.len().max(1) as f64;
    forms.iter().find_map(|form| {
        let wanted: Vec<char> = form.chars().collect();
        (0..=chars.len().checked_sub(wanted.len())?).find_map(|start| {
            let end = start + wanted.len();
            let whole = chars[start..end] == wanted[..]
                && (start == 0 || !is_numeric(chars[start - 1]))
                && chars.get(end).is_none_or(|c| !is_numeric(*c) || *c == ',');
            whole.then(|| (start as f64 / total, wanted.len() as f64 / total))
        })
    })
}

fn is_numeric(c: char) -> bool {
    c.is_ascii_digit() || c == '.' || c == ','
}

#[cfg(test)]
mod tests {
    use super::*;

    fn run(text: &str) -> PlacedText {
        PlacedText {
            text: text.into(),
            x: 0.0,
            y: 0.0,
            width: 10.0,
            height: 1.0,
        }
    }

    #[test]
    fn a_figure_is_found_whole_never_inside_a_longer_number() {
        let wanted = forms(1234.0);
        assert_eq!(
            find(&run("합계 1,234"), &wanted),
            Some((3.0 / 8.0, 5.0 / 8.0))
        );
        assert_eq!(find(&run("11,234"), &wanted), None);
        assert_eq!(find(&run("1,2345"), &wanted), None);
        assert!(find(&run("1,234천원"), &wanted).is_some());
        assert_eq!(forms(-5.5), ["△5.5"]);
    }
}
