//! 표의 열 너비: the relative widths of a data table's columns in the PDF, from what they
//! hold, as CSS's automatic table layout does it (the HTML rendition leaves it to the browser).
//!
//! Each column needs at least its longest word (a word is never broken inside a cell unless
//! it is wider than the whole table) and would like its longest line; label columns thus get
//! the room their words need and figure columns stay narrow. Widths are measured with the
//! embedded Pretendard GOV, the tables' font, in em, so they hold at any font size:
//!
//! 1. every column's minimum (longest word) and maximum (longest line), cells spanning
//!    several columns spreading what they need beyond those columns' sums evenly over them;
//! 2. when all maxima fit the table's width, columns get widths in proportion to them;
//!    when only the minima fit, each gets its minimum plus a share of the rest in proportion
//!    to how much more it would like; when not even the minima fit, the widest minima are cut
//!    to a common cap that fills the width (a word wider than its column then breaks between
//!    syllables, in that column only: vendor/README.md).
//!
//! A plan can still fix a table's widths (`widths:`); they are used as written.

use std::sync::LazyLock;

use crate::model::content::{CellView, TableView};
use crate::model::typeface;

/// Table text size of the HWPX and of the PDF's compact scale, and cell padding (style.typ:
/// `inset: (x: 4pt)`), and the width of a table at depth 1 (A4, 20 mm margins), in em.
const TEXT_SIZE_PT: f64 = 8.5;
#[cfg(test)]
const PADDING_EM: f64 = 8.0 / TEXT_SIZE_PT;
/// Cell padding, in pt.
const PADDING_PT: f64 = 8.0;
/// The text width at depth 1 (A4, 20 mm margins), in pt.
const FULL_WIDTH_PT: f64 = 170.0 / 25.4 * 72.0;
/// Room a column keeps beyond its longest word, so that the word fits with what the metrics
/// here leave out (kerning, the rounding of widths).
const SLACK_EM: f64 = 0.3;
#[cfg(test)]
const FULL_WIDTH_EM: f64 = 170.0 / 25.4 * 72.0 / TEXT_SIZE_PT;

/// Advance widths of the table fonts, regular and bold.
struct Metrics {
    regular: ttf_parser::Face<'static>,
    bold: ttf_parser::Face<'static>,
}

static METRICS: LazyLock<Metrics> = LazyLock::new(|| Metrics {
    regular: ttf_parser::Face::parse(typeface::PRETENDARD_REGULAR, 0)
        .expect("embedded font parses"),
    bold: ttf_parser::Face::parse(typeface::PRETENDARD_BOLD, 0).expect("embedded font parses"),
});

impl Metrics {
    /// The width of `text` in em, in the bold face for header cells.
    fn width(&self, text: &str, bold: bool) -> f64 {
        em_width(if bold { &self.bold } else { &self.regular }, text)
    }
}

/// The width of `text` set in `face`, in em: each character's advance, 1 em for one the face
/// lacks.
pub(crate) fn em_width(face: &ttf_parser::Face, text: &str) -> f64 {
    let per_em = f64::from(face.units_per_em());
    text.chars()
        .map(|c| {
            face.glyph_index(c)
                .and_then(|g| face.glyph_hor_advance(g))
                .map_or(1.0, |units| f64::from(units) / per_em)
        })
        .sum()
}

/// The relative widths of `table`'s columns, for a table `indent` em narrower than the
/// text width, its text 8.5 pt.
pub fn column_widths(table: &TableView, indent: f64) -> Vec<f64> {
    column_widths_at(table, indent, TEXT_SIZE_PT)
}

/// The text size for `table`, `indent` pt narrower than the text width: `preferred` when
/// every column's longest word fits, else the largest size down to `least` (by 0.5 pt) at
/// which they do, else `least` (a word wider than its column then breaks there, as
/// [`column_widths_at`] says). A table whose widths the plan fixes keeps `preferred`.
pub fn fitting_size(table: &TableView, indent: f64, preferred: f64, least: f64) -> f64 {
    if table.widths.len() == table.columns || preferred <= least {
        return preferred;
    }
    let mut size = preferred;
    while size > least {
        let (min, _) = needs(table, PADDING_PT / size);
        if min.iter().sum::<f64>() * size <= FULL_WIDTH_PT - indent {
            return size;
        }
        size -= 0.5;
    }
    least
}

/// The relative widths of `table`'s columns with its text `size` pt, for a table `indent` em
/// (of that size) narrower than the text width.
pub fn column_widths_at(table: &TableView, indent: f64, size: f64) -> Vec<f64> {
    let size = if size > 0.0 { size } else { TEXT_SIZE_PT };
    let padding = PADDING_PT / size;
    let full_width = FULL_WIDTH_PT / size;
    if table.widths.len() == table.columns {
        return table.widths.clone();
    }
    let (min, max) = needs(table, padding);
    let width = full_width - indent;
    let (least, most) = (min.iter().sum::<f64>(), max.iter().sum::<f64>());
    let widths: Vec<f64> = if most <= width || (most - least).abs() < f64::EPSILON {
        max
    } else if least <= width {
        let share = (width - least) / (most - least);
        min.iter()
            .zip(&max)
            .map(|(l, h)| l + (h - l) * share)
            .collect()
    } else {
        capped(&min, width)
    };
    // Rounded, so that the emitted Typst source stays short and stable.
    widths.iter().map(|w| (w * 100.0).round() / 100.0).collect()
}

/// Every column's minimum (longest word) and maximum (longest line) in em, with `padding` em.
fn needs(table: &TableView, padding: f64) -> (Vec<f64>, Vec<f64>) {
    let metrics = &*METRICS;
    let needs = |cell: &CellView, bold: bool| -> (f64, f64) {
        let lines = cell.text.lines();
        let longest_line = lines
            .clone()
            .map(|l| metrics.width(l.trim(), bold))
            .fold(0.0, f64::max);
        let longest_word = cell
            .text
            .split_whitespace()
            .map(|w| metrics.width(w, bold))
            .fold(0.0, f64::max);
        (
            longest_word + padding + SLACK_EM,
            longest_line + padding + SLACK_EM,
        )
    };
    let mut min = vec![padding; table.columns];
    let mut max = vec![padding; table.columns];
    let mut spanning = Vec::new();
    let rows = table
        .header
        .iter()
        .map(|r| (r, true))
        .chain(table.rows.iter().map(|r| (r, false)));
    for (row, placed) in rows.zip(table.header_places.iter().chain(&table.places)) {
        let (row, bold) = row;
        for (cell, &column) in row.iter().zip(placed) {
            let (low, high) = needs(cell, bold);
            let span = (cell.cols as usize).clamp(1, table.columns - column.min(table.columns - 1));
            if span == 1 {
                min[column] = min[column].max(low);
                max[column] = max[column].max(high);
            } else {
                spanning.push((column, span, low, high));
            }
        }
    }
    // A spanning cell spreads what its columns lack evenly over them.
    for (column, span, low, high) in spanning {
        for (needed, wanted) in [(low, &mut min), (high, &mut max)] {
            let have: f64 = wanted[column..column + span].iter().sum();
            if needed > have {
                let each = (needed - have) / span as f64;
                for w in &mut wanted[column..column + span] {
                    *w += each;
                }
            }
        }
    }
    let max: Vec<f64> = max.iter().zip(&min).map(|(h, l)| h.max(*l)).collect();
    (min, max)
}

/// When not even the minima fit: every column keeps its minimum up to a common cap, chosen
/// so that the columns fill the width. A word too wide for any column then breaks in its own
/// column only, instead of squeezing every other column below what its words need.
fn capped(min: &[f64], width: f64) -> Vec<f64> {
    let mut sorted = min.to_vec();
    sorted.sort_by(f64::total_cmp);
    let mut below = 0.0;
    let mut cap = width / min.len().max(1) as f64;
    for (k, &m) in sorted.iter().enumerate() {
        let rest = (sorted.len() - k) as f64;
        if below + rest * m >= width {
            cap = (width - below) / rest;
            break;
        }
        below += m;
    }
    min.iter().map(|m| m.min(cap)).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn cell(text: &str, cols: u32, numeric: bool) -> CellView {
        CellView {
            text: text.into(),
            cols,
            rows: 1,
            numeric,
            row_header: false,
            align: "center".into(),
        }
    }

    fn table(header: Vec<Vec<CellView>>, rows: Vec<Vec<CellView>>) -> TableView {
        let places = |rows: &[Vec<CellView>]| -> Vec<Vec<usize>> {
            rows.iter()
                .map(|r| {
                    let mut at = 0;
                    r.iter()
                        .map(|c| {
                            let here = at;
                            at += c.cols as usize;
                            here
                        })
                        .collect()
                })
                .collect()
        };
        TableView {
            caption: None,
            unit: None,
            source: None,
            columns: header[0].iter().map(|c| c.cols as usize).sum(),
            widths: vec![],
            header_places: places(&header),
            places: places(&rows),
            header,
            rows,
        }
    }

    #[test]
    fn label_columns_get_what_their_words_need_and_figure_columns_stay_narrow() {
        let t = table(
            vec![vec![
                cell("구 분", 1, false),
                cell("구인 건수", 1, false),
                cell("구직 건수", 1, false),
            ]],
            vec![
                vec![
                    cell(
                        "금속·재료 설치·정비·생산직 (판금·단조·주조·용접·도장 등)",
                        1,
                        false,
                    ),
                    cell("2,199", 1, true),
                    cell("1,216", 1, true),
                ],
                vec![
                    cell("예술·디자인·방송직", 1, false),
                    cell("277", 1, true),
                    cell("2,164", 1, true),
                ],
            ],
        );
        let w = column_widths(&t, 0.0);
        assert!(w[0] > 2.0 * w[1], "{w:?}");
        // The label's longest word fits its column.
        let word = METRICS.width("(판금·단조·주조·용접·도장", false) + PADDING_EM;
        let share = w[0] / w.iter().sum::<f64>() * FULL_WIDTH_EM;
        assert!(share >= word, "{share} < {word}");
    }

    #[test]
    fn fixed_widths_are_used_as_written_and_spans_spread_their_need() {
        let mut t = table(
            vec![vec![cell("아주 긴 제목이 두 열에 걸친 칸", 2, false)]],
            vec![vec![cell("1", 1, true), cell("2", 1, true)]],
        );
        let w = column_widths(&t, 0.0);
        assert!((w[0] - w[1]).abs() < 0.01, "{w:?}");
        t.widths = vec![3.0, 1.0];
        assert_eq!(column_widths(&t, 0.0), vec![3.0, 1.0]);
    }

    #[test]
    fn one_word_too_wide_for_the_table_squeezes_only_its_own_column() {
        assert_eq!(capped(&[2.0, 3.0, 40.0], 20.0), vec![2.0, 3.0, 15.0]);
        let sum: f64 = capped(&[10.0, 12.0, 14.0], 30.0).iter().sum();
        assert!((sum - 30.0).abs() < 1e-9);
        assert_eq!(capped(&[10.0, 12.0, 14.0], 30.0)[0], 10.0);
    }

    #[test]
    fn hangul_is_measured_with_the_font() {
        // Pretendard GOV's Hangul syllables are about 0.9 em wide, its digits about 0.6 em.
        let hangul = METRICS.width("가나다라", false);
        let digits = METRICS.width("1234", false);
        assert!((3.0..4.2).contains(&hangul), "{hangul}");
        assert!(digits < hangul, "{digits}");
        assert!(METRICS.width("가", true) >= METRICS.width("가", false));
    }
}
