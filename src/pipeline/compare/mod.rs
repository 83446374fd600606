//! 비교: matches two drafts item by item — 추진전략, 실천과제 and 세부사업 by `id`, chapters
//! by position, 공통 일자리 목표 by name — and lists every change with its effect on the
//! task, strategy and plan totals.
//!
//! What is compared is what gets printed (names as listed, budgets with their stated 계,
//! body text with every figure formatted), so a YAML plan and the same plan as a workbook
//! compare equal.
//!
//! [`draft`] reads each draft, [`front`] compares the cover and parts I–III, [`tasks`] part
//! IV (strategies, tasks and projects with their figures and totals), [`lines`] body text
//! line by line and [`words`] word by word. Every change carries the spots of the plan model
//! where it is printed ([`spots`]), which the review PDF marks.

mod draft;
mod front;
mod gone;
mod lines;
pub mod printed;
mod source;
mod spots;
mod tasks;
pub(crate) mod words;

use crate::model::change::{Change, Diff, Level, Part, Section};
use crate::model::wording;
pub use draft::{Draft, load_draft};
use front::{chapters, cover, goals};
use tasks::{Tasks, Totals, totals};

/// Compares two drafts.
pub fn compare(old: &Draft, new: &Draft) -> Diff {
    let terms = &new.plan.terms;
    let mut sections = vec![
        Section::part(Part::Cover, "표지·계획 정보", cover(old, new)),
        Section::part(
            Part::Summary,
            &format!("{} — 계획 전체 합계", wording::PART_SUMMARY.text),
            totals(
                Level::Plan,
                "계획 전체",
                "plan",
                (Totals::plan(&old.plan), Totals::plan(&new.plan)),
                terms,
            ),
        ),
        Section::part(
            Part::LabourMarket,
            wording::PART_LABOUR_MARKET.text,
            chapters(old, new),
        ),
        Section::part(
            Part::Goals,
            &wording::PART_GOALS.fill(&new.plan.years()),
            goals(old, new),
        ),
    ];
    sections.extend(Tasks::new(old, new).sections());
    sections.retain(|s| !s.changes.is_empty());
    Diff {
        old: old.label.clone(),
        new: new.label.clone(),
        sections,
        remarks: Vec::new(),
        notes: Vec::new(),
    }
}

impl Section {
    fn part(part: Part, title: &str, changes: Vec<Change>) -> Self {
        Section {
            part,
            title: title.to_string(),
            strategy: None,
            task: None,
            changes,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::words::{in_order, merged, parse_figure, text};
    use super::*;
    use crate::model::change::{Amount, FigureChange, WordOp};

    #[test]
    fn a_swap_is_one_move_and_removed_ids_go_back_where_they_were() {
        let kept = in_order(&["a", "b", "c"], &["b", "a", "c"]);
        assert_eq!(kept.len(), 2);
        assert!(kept.contains("c"));
        assert_eq!(merged(&["a", "x", "b"], &["b", "a"]), vec!["b", "a", "x"]);
        assert_eq!(merged(&["x", "a"], &["a"]), vec!["x", "a"]);
    }

    #[test]
    fn words_are_eojeol_and_changed_figures_carry_their_difference() {
        let Change::Text { words, figures, .. } = text(
            "표".into(),
            "p".into(),
            "청년 창업팀 3팀 | 1,200",
            "청년창업팀 3팀 | 1,500",
        ) else {
            panic!("a text change");
        };
        assert!(
            words
                .iter()
                .any(|w| w.op == WordOp::Delete && w.text.contains("청년 창업팀"))
        );
        assert!(
            words
                .iter()
                .any(|w| w.op == WordOp::Insert && w.text == "청년창업팀")
        );
        assert_eq!(
            figures,
            vec![FigureChange {
                old: Amount::Int(1200),
                new: Amount::Int(1500),
                difference: Amount::Int(300)
            }]
        );
    }

    #[test]
    fn printed_figures_parse_and_other_words_do_not() {
        assert_eq!(parse_figure("△1.4"), Some(Amount::Decimal(-1.4)));
        assert_eq!(parse_figure("38,000천원"), Some(Amount::Int(38_000)));
        assert_eq!(parse_figure("4명"), Some(Amount::Int(4)));
        assert_eq!(parse_figure("3팀"), None);
        assert_eq!(parse_figure("청년"), None);
        assert_eq!(parse_figure("-"), None);
    }
}
