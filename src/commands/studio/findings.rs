//! 문제의 자리 (where a finding is): the page and the box of the figure a warning is about,
//! found where the laid-out pages print the figure as written — the same figure the checks
//! read, printed by the same number formats ([`crate::model::number`]). A finding about no
//! figure, or a figure printed nowhere (or in a unit it does not name), has no place on a page.

use serde::Serialize;
use typst_layout::PagedDocument;

use crate::model::number;
use crate::model::problem::Finding;
use crate::renditions::pdf::svg::{PlacedText, placed_text};

/// Where on a page a finding is: the page (1-based) and the figure's box, as shares of the
/// page's width and height.
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
}

/// For each finding, where its figure is printed, if it is.
pub fn spots_of(findings: &[Finding], document: &PagedDocument) -> Vec<Option<Spot>> {
    let texts = placed_text(document);
    let sizes: Vec<(f64, f64)> = document
        .pages()
        .iter()
        .map(|p| {
            (
                p.frame.width().to_pt().max(1.0),
                p.frame.height().to_pt().max(1.0),
            )
        })
        .collect();
    findings
        .iter()
        .map(|finding| {
            let printed = finding.printed?;
            let forms = forms(printed);
            texts.iter().enumerate().find_map(|(page, runs)| {
                let (w, h) = sizes[page];
                runs.iter().find_map(|run| {
                    let share = find(run, &forms)?;
                    Some(Spot {
                        page: page + 1,
                        x: (run.x + run.width * share.0) / w,
                        y: run.y / h,
                        width: (run.width * share.1).max(4.0) / w,
                        height: run.height / h,
                    })
                })
            })
        })
        .collect()
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
