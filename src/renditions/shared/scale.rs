//! 글자 크기 (type scale): the size of every kind of text in the PDF and the HWPX, in pt, for
//! each [`TypeScale`] a plan can choose — one table for both renditions. `style.typ` reads
//! them as `size("…")` (`type_sizes(plan.type_scale)`), the HWPX's styles take their
//! character sizes, line spacing and cell padding from them (`renditions/hwpx/styles.rs`), and
//! the tables' column widths are measured at `table`.
//!
//! `official` follows the convention of Korean government reports (docs/layout.md, 「글자
//! 크기」): □ and ○ lines 15 pt, - lines 13 pt, · lines, notes, captions and tables 12 pt, lines
//! about 170% apart; `compact` is gongsi's earlier, smaller scale (body 11 pt, tables 8.5 pt).

use serde::Serialize;

use crate::model::written::TypeScale;

/// The sizes of one scale, in pt.
#[derive(Debug, Clone, Copy, Serialize, PartialEq)]
pub struct TypeSizes {
    /// Part titles (`I. 요약`).
    pub part: f64,
    /// Chapter titles (`1. 인구변화`).
    pub chapter: f64,
    /// A task's title box in IV.
    pub task: f64,
    /// □ lines.
    pub section: f64,
    /// ○ lines (and the body's default size).
    pub item: f64,
    /// - lines.
    pub sub: f64,
    /// · lines.
    pub subsub: f64,
    /// `*` notes.
    pub note: f64,
    /// `< 제목 >` captions and 【추진계획】 titles.
    pub caption: f64,
    /// `(단위 : …)` lines and ※ notes under tables.
    pub unit: f64,
    /// Table text.
    pub table: f64,
    /// Table text of a table whose columns' longest words do not fit at `table`: the largest
    /// size down to this one at which they do.
    pub table_least: f64,
    /// Footnotes.
    pub footnote: f64,
    /// `[전략N. …]` labels.
    pub label: f64,
    /// Page numbers.
    pub page: f64,
    /// 추진절차 steps.
    pub step: f64,
    /// The space between lines of a paragraph, in em (Typst's `leading`; as 한글's 줄 간격:
    /// `spacing`).
    pub leading: f64,
    /// A table cell's padding above and below its text.
    pub cell: f64,
    /// The height Typst gives one line of body text, in em (cap height to baseline: what a
    /// line takes besides `leading`), measured with pdftotext on the reference plan (lines
    /// of a ○ paragraph 26.1 pt apart at 15 pt official, 14.2 pt at 11 pt compact). Only the
    /// HWPX reads it: 한글 gives every line the same height, so it sets each ○ - · paragraph's
    /// 줄 간격 from this, `leading` and its line count (`renditions/hwpx/styles.rs`).
    #[serde(skip)]
    pub line: f64,
}

/// The sizes of `scale`.
pub fn sizes(scale: TypeScale) -> TypeSizes {
    match scale {
        TypeScale::Official => TypeSizes {
            part: 20.0,
            chapter: 16.0,
            task: 15.0,
            section: 15.0,
            item: 15.0,
            sub: 13.0,
            subsub: 12.0,
            note: 12.0,
            caption: 12.0,
            unit: 10.0,
            table: 12.0,
            table_least: 8.5,
            footnote: 9.0,
            label: 12.0,
            page: 10.0,
            step: 10.0,
            leading: 1.0,
            cell: 7.0,
            line: 0.74,
        },
        TypeScale::Compact => TypeSizes {
            part: 18.0,
            chapter: 14.0,
            task: 13.0,
            section: 12.0,
            item: 11.0,
            sub: 11.0,
            subsub: 11.0,
            note: 10.0,
            caption: 10.0,
            unit: 8.5,
            table: 8.5,
            table_least: 8.5,
            footnote: 8.0,
            label: 10.0,
            page: 9.0,
            step: 9.0,
            leading: 0.72,
            cell: 4.0,
            line: 0.57,
        },
    }
}

/// The scale a template names (`plan.type_scale`: `"official"`, `"compact"`).
pub fn named(name: &str) -> Option<TypeScale> {
    match name {
        "official" => Some(TypeScale::Official),
        "compact" => Some(TypeScale::Compact),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_official_scale_is_the_report_convention_and_compact_is_smaller() {
        let official = sizes(TypeScale::Official);
        assert_eq!(
            (official.section, official.item, official.sub),
            (15.0, 15.0, 13.0)
        );
        let compact = sizes(TypeScale::Compact);
        assert!(compact.item < official.item && compact.table < official.table);
        assert_eq!(named("compact"), Some(TypeScale::Compact));
        assert_eq!(named("official"), Some(TypeScale::Official));
        assert_eq!(named("big"), None);
    }
}
