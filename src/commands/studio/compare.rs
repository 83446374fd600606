//! 초안 비교 (compare drafts): the plan shown against an earlier draft, by `diff`'s own
//! function ([`crate::commands::diff::compare`]) and said by the one description every printer
//! of `diff` uses ([`crate::model::change::Change::describe`]); the redlined pages of
//! `diff --pdf` drawn as the plan's pages are ([`review::lay_out`]), each change linked to the
//! place its mark is shown on them.

use std::path::Path;
use std::sync::Arc;

use rayon::prelude::*;
use serde::Serialize;

use crate::commands::diff::{Compared, DiffConfig, compare};
use crate::commands::studio::builder::view as draw;
use crate::commands::studio::state::{HeadingView, PageView};
use crate::model::change::{Change, Description, Part, Word, summary};
use crate::model::error::Error;
use crate::pipeline::load::hwpx::is_hwpx;
use crate::renditions::pdf::Typesetting;
use crate::renditions::pdf::review::{self, Shown};
use crate::renditions::pdf::svg::headings as headings_of;

/// Said above the changes read from a 한글 검토본.
const REVIEWED: &str =
    "한글 검토본을 계획 다음의 초안으로 비교했습니다: 아래는 검토본에서 고친 곳입니다.";

/// The comparison as the page shows it.
#[derive(Debug, Serialize)]
pub struct ComparisonView {
    /// The earlier draft, as given.
    pub old: String,
    /// `바뀐 곳 7건: 추가 1, …`.
    pub summary: String,
    /// How the drafts were matched, when the reader should know (a 한글 draft without
    /// gongsi's marks).
    pub notes: Vec<String>,
    /// A 한글 draft's 메모 and tracked changes, each with its place.
    pub remarks: Vec<String>,
    /// Whether the review PDF can be made (not with a 한글 draft, as `diff --pdf`).
    pub review: bool,
    /// The redlined pages (`diff --pdf`'s), asked for by id as the plan's pages are; none
    /// with a 한글 draft, whose sections then lead to the plan's pages.
    pub pages: Vec<PageRef>,
    /// The groups of changes.
    pub sections: Vec<SectionView>,
    /// The number the studio keeps this comparison under, for the tab to name it again
    /// (`/compare-again?draft=`, `/download/review?draft=`).
    pub draft: u32,
}

/// A redlined page as the page list names it.
#[derive(Debug, Serialize)]
pub struct PageRef {
    /// `/page/{id}`.
    pub id: String,
    /// Width in points.
    pub width: f64,
    /// Height in points.
    pub height: f64,
}

/// A comparison, and its redlined pages drawn.
pub struct Comparison {
    /// What the page shows.
    pub view: ComparisonView,
    /// The redlined pages.
    pub pages: Vec<Arc<PageView>>,
}

/// A group of changes: a part, a strategy or a task.
#[derive(Debug, Serialize)]
pub struct SectionView {
    /// Its heading (`IV. 전략1 … › ① …`).
    pub title: String,
    /// The page of its first change shown, or where its part or strategy starts: in the
    /// redlined pages when there are any, else in the plan's; 1-based.
    pub page: Option<usize>,
    /// The changes.
    pub changes: Vec<ChangeView>,
}

/// One change, as [`Description`] says it.
#[derive(Debug, Serialize)]
pub struct ChangeView {
    /// 추가, 삭제, 이동, 숫자, 글, 합계.
    pub verb: &'static str,
    /// What changed (for an item: `세부사업 「이름」 (id)`).
    pub subject: String,
    /// Before (a figure or where an item was).
    pub old: Option<String>,
    /// After.
    pub new: Option<String>,
    /// The figures' unit.
    pub unit: String,
    /// `new − old`, signed.
    pub difference: Option<String>,
    /// A changed text's words.
    pub words: Vec<Word>,
    /// Where it is in the plan's own files (`file:줄`, `시트!셀`), when the comparison knows
    /// (a 한글 draft's changes).
    pub place: Option<String>,
    /// Where its mark is on the redlined pages.
    pub shown: Option<Shown>,
}

/// Compares the plan at `old` (earlier) with the plan at `new` (shown), whose pages have
/// `headings`, and draws the redlined pages.
pub fn compare_drafts(
    old: &Path,
    new: &Path,
    typesetting: &Typesetting,
    headings: &[HeadingView],
) -> Result<Comparison, Error> {
    // A 한글 검토본 is the plan as a reviewer changed it: it comes after the plan, so that the
    // changes read as the reviewer's edits.
    let reviewed = is_hwpx(old);
    let (old, new) = if reviewed { (new, old) } else { (old, new) };
    let config = DiffConfig {
        old: old.to_path_buf(),
        new: new.to_path_buf(),
        pages: None,
        page_width: 800,
        pdf: None,
        typesetting: typesetting.clone(),
    };
    let compared = compare(&config)?;
    let (pages, shown, headings) = redline(&compared, typesetting)?
        .unwrap_or_else(|| (Vec::new(), Vec::new(), headings.to_vec()));
    let mut number = 0;
    let sections = compared
        .changes
        .sections
        .iter()
        .map(|section| {
            let changes: Vec<ChangeView> = section
                .changes
                .iter()
                .map(|change| {
                    let shown = shown.get(number).copied().flatten();
                    number += 1;
                    ChangeView {
                        shown,
                        ..view(change)
                    }
                })
                .collect();
            let first = changes.iter().find_map(|c| c.shown).map(|s| s.page);
            SectionView {
                title: section.title.clone(),
                page: first.or_else(|| {
                    page_of(
                        section.part,
                        section.strategy.as_deref(),
                        &compared,
                        &headings,
                    )
                }),
                changes,
            }
        })
        .collect();
    let view = ComparisonView {
        old: (if reviewed { new } else { old }).display().to_string(),
        summary: summary(&compared.changes),
        notes: notes(&compared, reviewed),
        remarks: remarks(&compared),
        review: !is_hwpx(old) && !is_hwpx(new),
        pages: pages
            .iter()
            .map(|p| PageRef {
                id: p.id.clone(),
                width: p.width,
                height: p.height,
            })
            .collect(),
        sections,
        // Numbered when the studio keeps it (`drafts`).
        draft: 0,
    };
    Ok(Comparison { view, pages })
}

/// The redlined pages drawn, where each change is shown on them, and their headings; `None`
/// with a 한글 draft (no plan model on that side, as `diff --pdf` refuses).
type Redlined = (Vec<Arc<PageView>>, Vec<Option<Shown>>, Vec<HeadingView>);

fn redline(compared: &Compared, typesetting: &Typesetting) -> Result<Option<Redlined>, Error> {
    let (Some(old), Some(new)) = (&compared.old, &compared.new) else {
        return Ok(None);
    };
    let laid = review::lay_out(old, new, &compared.changes, typesetting)?;
    let pages = laid
        .document
        .pages()
        .par_iter()
        .map(|page| Arc::new(draw(page)))
        .collect();
    let headings = headings_of(&laid.document)
        .iter()
        .map(HeadingView::from)
        .collect();
    Ok(Some((pages, laid.shown, headings)))
}

/// A 한글 draft's 메모 and tracked changes, each with its author and place.
fn remarks(compared: &Compared) -> Vec<String> {
    compared
        .changes
        .remarks
        .iter()
        .map(|r| {
            let author = r
                .author
                .as_deref()
                .map(|a| format!(" ({a})"))
                .unwrap_or_default();
            let place = r
                .source
                .as_deref()
                .map(|p| format!(" · {p}"))
                .unwrap_or_default();
            format!("{}{author}: {} — {}{place}", r.kind, r.text, r.subject)
        })
        .collect()
}

fn notes(compared: &Compared, reviewed: bool) -> Vec<String> {
    let mut notes = compared.changes.notes.clone();
    if reviewed {
        notes.insert(0, REVIEWED.to_string());
    }
    notes
}

fn view(change: &Change) -> ChangeView {
    let d: Description = change.describe();
    let subject = match d.item {
        Some((term, name, id)) => format!("{term} 「{name}」 ({id})"),
        None => d.subject.clone(),
    };
    ChangeView {
        verb: d.kind.verb(),
        subject,
        old: d.old.clone(),
        new: d.new.clone(),
        unit: d.unit.to_string(),
        difference: d.difference.clone(),
        words: d.words.to_vec(),
        place: d.source.map(str::to_string),
        shown: None,
    }
}

/// The page where `part` (or the strategy `strategy` of Ⅳ) starts: the n-th part heading,
/// the strategy's heading by its place among the shown plan's strategies.
fn page_of(
    part: Part,
    strategy: Option<&str>,
    compared: &Compared,
    headings: &[HeadingView],
) -> Option<usize> {
    let parts: Vec<usize> = (0..headings.len())
        .filter(|&i| headings[i].level == 1)
        .collect();
    let number = match part {
        Part::Cover => return Some(1),
        Part::Summary => 0,
        Part::LabourMarket => 1,
        Part::Goals => 2,
        Part::Tasks => 3,
    };
    let start = *parts.get(number)?;
    let found = strategy.and_then(|id| {
        // The plan shown: the later draft, or the earlier one against a 한글 검토본.
        let n = compared
            .new
            .as_ref()
            .or(compared.old.as_ref())?
            .plan
            .strategies
            .iter()
            .position(|s| s.id == id)?;
        let end = parts.get(number + 1).copied().unwrap_or(headings.len());
        (start + 1..end).filter(|&i| headings[i].level == 2).nth(n)
    });
    Some(headings[found.unwrap_or(start)].page)
}
