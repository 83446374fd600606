//! 검토용 PDF (`gongsi diff --pdf`): the new draft typeset with the same templates as
//! `build`, every change it prints marked ([`overlay`](crate::renditions::pdf::overlay): old values struck through
//! beside new ones, added items highlighted, removed ones put back where they were, struck
//! through), after a first page summarising the changes (`templates/_review.typ`); and the
//! same review laid out for the studio's pages, with where each change is shown ([`lay_out`]).

use std::path::Path;

use serde::Serialize;
use typst::foundations::{Label, Selector, Value as TypstValue};
use typst::introspection::Introspector;
use typst::utils::PicoStr;
use typst_layout::PagedDocument;

use crate::model::error::Error;
use crate::pipeline::output::write_atomic;
use crate::renditions::pdf::landing::landings;
use crate::renditions::pdf::source::marks::ANCHOR_LABEL;
use crate::renditions::pdf::source::{Rendered, render_review};

use crate::model::change::{Change, Diff, Kind, WordOp};
use crate::model::change::{context, summary};
use crate::pipeline::compare::Draft;
use crate::renditions::pdf::overlay::overlay;
use crate::renditions::pdf::{Typesetter, Typesetting};

/// The review overlay handed to the templates as `review`.
#[derive(Debug, Clone, Default, Serialize)]
pub struct Review {
    /// The old draft.
    pub old_label: String,
    /// The new draft.
    pub new_label: String,
    /// One sentence: how much changed.
    pub headline: String,
    /// The change list for the first page.
    pub sections: Vec<ReviewSection>,
}

/// A group of rows on the summary page.
#[derive(Debug, Clone, Serialize)]
pub struct ReviewSection {
    /// Heading.
    pub title: String,
    /// Rows.
    pub rows: Vec<Row>,
}

/// One change on the summary page.
#[derive(Debug, Clone, Default, Serialize)]
pub struct Row {
    /// 추가, 삭제, 이동, 숫자, 글, 합계.
    pub kind: &'static str,
    /// What changed.
    pub subject: String,
    /// Old value or place.
    pub old: String,
    /// New value or place.
    pub new: String,
    /// Difference, for figures.
    pub difference: String,
    /// For text: the words, unchanged stretches shortened (`op`: equal, delete, insert).
    pub words: Vec<(WordOp, String)>,
}

impl Review {
    /// The first page's summary of `diff`.
    pub fn new(diff: &Diff) -> Self {
        Review {
            old_label: diff.old.clone(),
            new_label: diff.new.clone(),
            headline: summary(diff),
            sections: diff.sections.iter().map(section).collect(),
        }
    }
}

fn section(s: &crate::model::change::Section) -> ReviewSection {
    ReviewSection {
        title: s.title.clone(),
        rows: s.changes.iter().map(row).collect(),
    }
}

/// A change as a row of the summary page: its verb, subject, two sides (places, or figures
/// with their unit) and difference; a text's words with unchanged stretches shortened.
fn row(change: &Change) -> Row {
    let d = change.describe();
    let (old, new) = match d.kind {
        Kind::Number | Kind::Total => (d.side_with_unit(&d.old), d.side_with_unit(&d.new)),
        _ => (
            d.old.clone().unwrap_or_default(),
            d.new.clone().unwrap_or_default(),
        ),
    };
    let last = d.words.len();
    Row {
        kind: d.kind.verb(),
        subject: d.subject.clone(),
        old,
        new,
        difference: d.difference.clone().unwrap_or_default(),
        words: d
            .words
            .iter()
            .enumerate()
            .map(|(i, w)| {
                let text = if w.op == WordOp::Equal {
                    context(&w.text, i == 0, i + 1 == last)
                } else {
                    w.text.clone()
                };
                (w.op, text)
            })
            .collect(),
    }
}

/// Typesets the redlined new draft and writes it to `pdf` (atomically); its page count.
pub fn write(
    old: &Draft,
    new: &Draft,
    diff: &Diff,
    pdf: &Path,
    typesetting: &Typesetting,
) -> Result<usize, Error> {
    let mut typesetter = Typesetter::new(typesetting)?;
    let rendered = render(old, new, diff, &typesetter)?;
    let compiled = typesetter.compile(&new.plan, &rendered)?;
    write_atomic(pdf, &compiled.pdf)?;
    Ok(compiled.pages)
}

/// The review laid out as [`write`] prints it, without writing a PDF.
pub struct LaidOut {
    /// The pages.
    pub document: PagedDocument,
    /// Where each change of the diff is shown, by its number
    /// ([`Diff::changes`]); `None` for a change the pages do not mark (a bar of the
    /// schedule, a figure only in a chart's data).
    pub shown: Vec<Option<Shown>>,
}

/// Where a change is shown: the page and the place of its first mark there.
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
pub struct Shown {
    /// The page, from 1 (the summary page of the changes).
    pub page: usize,
    /// How far across the page the mark starts (0 left, 1 right).
    pub x: f64,
    /// How far down (0 top, 1 bottom).
    pub y: f64,
}

/// The redlined new draft laid out, and where each change is shown on its pages.
pub fn lay_out(
    old: &Draft,
    new: &Draft,
    diff: &Diff,
    typesetting: &Typesetting,
) -> Result<LaidOut, Error> {
    let mut typesetter = Typesetter::new(typesetting)?;
    let rendered = render(old, new, diff, &typesetter)?;
    let document = typesetter.lay_out(&new.plan, &rendered.files, &rendered)?;
    let shown = shown(&document, diff.changes().count());
    Ok(LaidOut { document, shown })
}

/// The review's Typst sources: the new plan with every change marked, after the summary page.
fn render(
    old: &Draft,
    new: &Draft,
    diff: &Diff,
    typesetter: &Typesetter,
) -> Result<Rendered, Error> {
    let review = minijinja::Value::from(minijinja::value::Serde(Review::new(diff)));
    let marked = overlay(&old.plan, &new.plan, diff);
    render_review(&marked, typesetter.templates(), Some(&review))
}

/// Where each of `changes` changes is shown: its first anchor in the plan's body (from part
/// I on), or, for a change shown only before it (the cover), its first anchor. The 순서
/// repeats the headings, anchors and all, so an anchor there is not where a change is.
fn shown(document: &PagedDocument, changes: usize) -> Vec<Option<Shown>> {
    let body = landings(document)
        .iter()
        .find(|l| l.depth == 1 && l.outlined)
        .map_or(1, |l| l.page);
    let mut shown: Vec<Option<Shown>> = vec![None; changes];
    let Some(label) = Label::new(PicoStr::intern(ANCHOR_LABEL)) else {
        return shown;
    };
    let introspector = document.introspector();
    for anchor in introspector.query(&Selector::Label(label)) {
        let Ok(TypstValue::Int(n)) = anchor.get_by_name("value") else {
            continue;
        };
        let Some(slot) = usize::try_from(n).ok().and_then(|n| shown.get_mut(n)) else {
            continue;
        };
        let Some(position) = anchor.location().and_then(|l| introspector.position(l)) else {
            continue;
        };
        let page = position.page.get();
        let Some(frame) = document.pages().get(page - 1).map(|p| &p.frame) else {
            continue;
        };
        let (width, height) = (frame.width().to_pt(), frame.height().to_pt());
        let here = Shown {
            page,
            x: (position.point.x.to_pt() / width.max(1.0)).clamp(0.0, 1.0),
            y: (position.point.y.to_pt() / height.max(1.0)).clamp(0.0, 1.0),
        };
        match slot {
            None => *slot = Some(here),
            Some(first) if first.page < body && page >= body => *slot = Some(here),
            Some(_) => {}
        }
    }
    shown
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::pipeline::compare::{compare, load_draft};
    use crate::renditions::pdf::svg::placed_text;

    /// A project renamed and a task retitled in the reference plan: each change is shown on
    /// the page of the plan's body that prints its new words (not on the 순서, which repeats
    /// the headings), left of the page's middle.
    #[test]
    fn each_change_is_shown_on_the_page_that_prints_it() {
        let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR"));
        let old = load_draft(&root.join("content/2021-인천서구")).unwrap();
        let mut new = old.clone();
        let task = &mut new.plan.strategies[1].tasks[0];
        task.title = format!("{} 검토가", task.title);
        task.projects[0].name = format!("{} 검토나", task.projects[0].name);
        let diff = compare(&old, &new);
        let laid = lay_out(&old, &new, &diff, &Typesetting::default()).unwrap();
        assert_eq!(laid.shown.len(), diff.changes().count());
        let body = landings(&laid.document)
            .iter()
            .find(|l| l.depth == 1 && l.outlined)
            .unwrap()
            .page;
        let texts = placed_text(&laid.document);
        for word in ["검토가", "검토나"] {
            let (n, change) = diff
                .changes()
                .enumerate()
                .find(|(_, c)| format!("{c:?}").contains(word))
                .unwrap_or_else(|| panic!("no change with {word}: {diff:?}"));
            let shown = laid.shown[n].unwrap_or_else(|| panic!("{change:?} not shown"));
            assert!(shown.page > body, "{word} on page {}", shown.page);
            let page: String = texts[shown.page - 1]
                .iter()
                .map(|t| t.text.as_str())
                .collect();
            assert!(page.contains(word), "{word} not on page {}", shown.page);
            assert!(shown.x < 0.5 && shown.y > 0.0 && shown.y < 1.0, "{shown:?}");
        }
    }
}
