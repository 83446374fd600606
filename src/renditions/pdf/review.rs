//! 검토용 PDF (`gongsi diff --pdf`): the new draft typeset with the same templates as
//! `build`, every change it prints marked ([`overlay`](crate::renditions::pdf::overlay): old values struck through
//! beside new ones, added items highlighted, removed ones put back where they were, struck
//! through), after a first page summarising the changes (`templates/_review.typ`).

use std::path::Path;

use serde::Serialize;

use crate::model::error::Error;
use crate::pipeline::output::write_atomic;
use crate::renditions::pdf::source::render_review;

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
    let review = minijinja::Value::from(minijinja::value::Serde(Review::new(diff)));
    let marked = overlay(&old.plan, &new.plan, diff);
    let mut typesetter = Typesetter::new(typesetting)?;
    let rendered = render_review(&marked, typesetter.templates(), Some(&review))?;
    let compiled = typesetter.compile(&new.plan, &rendered)?;
    write_atomic(pdf, &compiled.pdf)?;
    Ok(compiled.pages)
}
