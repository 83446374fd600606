//! Body content as the templates see it (본문): bullets, notes, tables and charts, with
//! every figure already formatted and every table total computed.

use serde::{Deserialize, Serialize};

use crate::model::written::{Block, Cell, Chart, ChartKind, ChartValue, Procedure, Scalar, Table};
use crate::model::{number, places};

/// A block of body text, tagged by kind for the templates.
#[derive(Debug, Clone, Serialize)]
#[serde(tag = "kind", rename_all = "lowercase")]
pub enum BlockView {
    /// □ section heading with the blocks under it.
    Heading {
        /// The heading text.
        text: String,
        /// Nested blocks.
        items: Vec<BlockView>,
    },
    /// A bullet line.
    Text {
        /// Bold lead, printed `(lead)`.
        lead: Option<String>,
        /// Text split around footnote marks.
        parts: Vec<TextPart>,
        /// Nested blocks.
        items: Vec<BlockView>,
    },
    /// A `*` note.
    Note {
        /// Text split around footnote marks.
        parts: Vec<TextPart>,
        /// Nested blocks.
        items: Vec<BlockView>,
    },
    /// A `⇒` conclusion.
    Conclusion {
        /// Text split around footnote marks.
        parts: Vec<TextPart>,
        /// Nested blocks.
        items: Vec<BlockView>,
    },
    /// A table.
    Table(TableView),
    /// A chart.
    Chart(ChartView),
    /// 추진절차: steps joined by arrows.
    Procedure(ProcedureView),
}

/// A procedure diagram ready to draw.
#[derive(Debug, Clone, Serialize)]
pub struct ProcedureView {
    /// The steps in order.
    pub steps: Vec<String>,
    /// The steps of each row (one or two rows).
    pub rows: Vec<Vec<String>>,
    /// Description for readers who cannot see the drawing (대체 텍스트): the steps in order.
    pub description: String,
}

/// A run of text, optionally followed by a footnote mark.
#[derive(Debug, Clone, Serialize)]
pub struct TextPart {
    /// The text.
    pub text: String,
    /// The footnote placed right after it.
    pub footnote: Option<String>,
}

/// A table ready to print.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct TableView {
    /// Caption.
    pub caption: Option<String>,
    /// Unit line.
    pub unit: Option<String>,
    /// Source footnote.
    pub source: Option<String>,
    /// Number of grid columns.
    pub columns: usize,
    /// Relative widths the plan fixes, one per column; empty when the widths follow the
    /// content (PDF: [`crate::renditions::shared::widths`]; HTML: the browser).
    pub widths: Vec<f64>,
    /// Header rows.
    pub header: Vec<Vec<CellView>>,
    /// Body rows.
    pub rows: Vec<Vec<CellView>>,
    /// The grid column each header cell starts in, row by row.
    pub header_places: Vec<Vec<usize>>,
    /// The grid column each body cell starts in, row by row.
    pub places: Vec<Vec<usize>>,
}

/// A table cell ready to print.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct CellView {
    /// The printed text.
    pub text: String,
    /// Columns spanned.
    pub cols: u32,
    /// Rows spanned.
    pub rows: u32,
    /// Whether the cell holds a figure (aligned like one).
    pub numeric: bool,
    /// Whether the cell labels its row (구분): a text cell in the first column of a body
    /// row, tagged as a row header cell in the PDF and the HTML.
    pub row_header: bool,
    /// `left` or `center`, the same for every body cell of a column ([`column_aligns`]).
    pub align: String,
}

/// A chart ready to draw.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct ChartView {
    /// Caption.
    pub caption: String,
    /// Unit.
    pub unit: Option<String>,
    /// Source footnote.
    pub source: Option<String>,
    /// `bar` or `line` (not `kind`: that key tags the block).
    pub style: ChartKind,
    /// Category labels.
    pub categories: Vec<String>,
    /// Series.
    pub series: Vec<SeriesView>,
    /// Largest value, for the scale.
    pub max: f64,
    /// Description for readers who cannot see the chart (대체 텍스트).
    pub description: String,
}

/// A chart series with its values and their printed labels.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct SeriesView {
    /// Name.
    pub name: String,
    /// Values.
    pub values: Vec<f64>,
    /// Printed values.
    pub labels: Vec<String>,
}

/// Converts checked source blocks.
pub fn blocks(blocks: &[Block]) -> Vec<BlockView> {
    blocks.iter().map(block).collect()
}

fn block(b: &Block) -> BlockView {
    let items = blocks(&b.items);
    if let Some(text) = &b.heading {
        BlockView::Heading {
            text: text.clone(),
            items,
        }
    } else if let Some(text) = &b.text {
        BlockView::Text {
            lead: b.lead.clone(),
            parts: parts(text, b),
            items,
        }
    } else if let Some(text) = &b.note {
        BlockView::Note {
            parts: parts(text, b),
            items,
        }
    } else if let Some(text) = &b.conclusion {
        BlockView::Conclusion {
            parts: parts(text, b),
            items,
        }
    } else if let Some(t) = &b.table {
        BlockView::Table(table(t))
    } else if let Some(c) = &b.chart {
        BlockView::Chart(chart(c))
    } else if let Some(p) = &b.procedure {
        BlockView::Procedure(procedure(p))
    } else {
        // `check` rejects blocks without content; an empty line is the harmless reading.
        BlockView::Text {
            lead: None,
            parts: Vec::new(),
            items,
        }
    }
}

/// Splits `text` after each footnote's anchor phrase (first occurrence, in order).
fn parts(text: &str, b: &Block) -> Vec<TextPart> {
    let mut out = Vec::new();
    let mut rest = text;
    for footnote in &b.footnotes {
        if let Some(at) = rest.find(&footnote.after) {
            let end = at + footnote.after.len();
            out.push(TextPart {
                text: rest[..end].to_string(),
                footnote: Some(footnote.text.clone()),
            });
            rest = &rest[end..];
        }
    }
    if !rest.is_empty() || out.is_empty() {
        out.push(TextPart {
            text: rest.to_string(),
            footnote: None,
        });
    }
    out
}

/// Where each cell of a grid lands: `(row, column)` per cell, and the grid width per row.
/// Cells fill left to right, skipping places covered by a rowspan from above (as in HTML).
pub fn place_cells(rows: &[Vec<Cell>]) -> (Vec<Vec<usize>>, Vec<usize>) {
    let mut occupied: Vec<Vec<bool>> = vec![Vec::new(); rows.len()];
    let mut columns = Vec::with_capacity(rows.len());
    for (r, row) in rows.iter().enumerate() {
        let mut placed = Vec::with_capacity(row.len());
        let mut col = 0;
        for cell in row {
            while occupied[r].get(col).copied().unwrap_or(false) {
                col += 1;
            }
            placed.push(col);
            let (cols, span) = spans(cell);
            let end = col + cols as usize;
            for line in occupied.iter_mut().skip(r).take(span as usize) {
                if line.len() < end {
                    line.resize(end, false);
                }
                line[col..end].fill(true);
            }
            col += cols as usize;
        }
        columns.push(placed);
    }
    let widths = occupied.iter().map(Vec::len).collect();
    (columns, widths)
}

/// `(cols, rows)` spanned by a cell.
pub fn spans(cell: &Cell) -> (u32, u32) {
    match cell {
        Cell::Full(full) => (full.cols.unwrap_or(1).max(1), full.rows.unwrap_or(1).max(1)),
        _ => (1, 1),
    }
}

/// The number a cell holds, if any, and whether it is a decimal.
pub fn figure(cell: &Cell) -> Option<(f64, bool)> {
    match cell {
        Cell::Int(i) => Some((*i as f64, false)),
        Cell::Float(f) => Some((*f, true)),
        Cell::Full(full) if !full.sum => match &full.value {
            Some(Scalar::Int(i)) => Some((*i as f64, false)),
            Some(Scalar::Float(f)) => Some((*f, true)),
            _ => None,
        },
        _ => None,
    }
}

/// Decimal places a published decimal shows (at least one).
pub fn places(value: f64) -> usize {
    let text = format!("{}", value.abs());
    text.split_once('.').map_or(1, |(_, f)| f.len().max(1))
}

/// The total of column `col` over the body rows, excluding `sum` cells.
pub fn column_total(rows: &[Vec<Cell>], placed: &[Vec<usize>], col: usize) -> (f64, Option<usize>) {
    let mut total = 0.0;
    let mut decimals: Option<usize> = None;
    for (row, cols) in rows.iter().zip(placed) {
        for (cell, &c) in row.iter().zip(cols) {
            if c == col
                && spans(cell).0 == 1
                && let Some((value, is_decimal)) = figure(cell)
            {
                total += value;
                if is_decimal {
                    decimals = Some(decimals.unwrap_or(1).max(places(value)));
                }
            }
        }
    }
    (total, decimals)
}

fn table(t: &Table) -> TableView {
    let (header_places, _) = place_cells(&t.header);
    let (placed, widths) = place_cells(&t.rows);
    let columns = place_cells(&t.header)
        .1
        .into_iter()
        .chain(widths)
        .max()
        .unwrap_or(1);
    let header = t
        .header
        .iter()
        .map(|row| row.iter().map(|c| cell(c, None)).collect())
        .collect();
    let figures: Vec<Vec<Option<(f64, bool)>>> = t
        .rows
        .iter()
        .map(|row| {
            row.iter()
                .map(|c| figure(c).filter(|_| spans(c) == (1, 1)))
                .collect()
        })
        .collect();
    let flanked = places::flanked(&figures, &placed);
    let rows = t
        .rows
        .iter()
        .zip(&placed)
        .enumerate()
        .map(|(r, (row, cols))| {
            row.iter()
                .zip(cols)
                .enumerate()
                .map(|(i, (c, &col))| {
                    let total = matches!(c, Cell::Full(f) if f.sum)
                        .then(|| column_total(&t.rows, &placed, col));
                    let mut view = cell(c, total);
                    if let (Some(&places), Some((value, _))) = (flanked.get(&(r, i)), figure(c)) {
                        let unit = match c {
                            Cell::Full(full) => full.unit.clone().unwrap_or_default(),
                            _ => String::new(),
                        };
                        view.text = format!("{}{unit}", number::fixed(value, places));
                    }
                    view.row_header = col == 0 && !view.numeric && !view.text.is_empty();
                    view
                })
                .collect()
        })
        .collect();
    let widths = if t.widths.len() == columns {
        t.widths.clone()
    } else {
        Vec::new()
    };
    let mut rows: Vec<Vec<CellView>> = rows;
    let aligns = column_aligns(&rows, &placed, columns);
    for (row, cols) in rows.iter_mut().zip(&placed) {
        for (cell, &col) in row.iter_mut().zip(cols) {
            cell.align = aligns[col].to_string();
        }
    }
    TableView {
        caption: t.caption.clone(),
        unit: t.unit.clone(),
        source: t.source.clone(),
        columns,
        widths,
        header,
        rows,
        header_places,
        places: placed,
    }
}

/// Text longer than this many characters reads better left-aligned than centred.
const LONG_TEXT: usize = 14;

/// How each column's body cells are aligned: `left` when any text cell that starts in it is
/// long, so that a column never mixes centred short lines with left-aligned long ones;
/// otherwise `center` (figures, short labels).
pub fn column_aligns(
    rows: &[Vec<CellView>],
    placed: &[Vec<usize>],
    columns: usize,
) -> Vec<&'static str> {
    let mut aligns = vec!["center"; columns];
    for (row, cols) in rows.iter().zip(placed) {
        for (cell, &col) in row.iter().zip(cols) {
            if !cell.numeric && cell.text.chars().count() > LONG_TEXT && col < columns {
                aligns[col] = "left";
            }
        }
    }
    aligns
}

fn cell(c: &Cell, total: Option<(f64, Option<usize>)>) -> CellView {
    let plain = |text: String, numeric: bool| CellView {
        text,
        cols: 1,
        rows: 1,
        numeric,
        row_header: false,
        align: "center".into(),
    };
    match c {
        Cell::Int(i) => plain(number::integer(*i), true),
        Cell::Float(f) => plain(number::decimal(*f), true),
        Cell::Text(s) => plain(s.clone(), false),
        Cell::Empty(()) => plain(number::DASH.to_string(), true),
        Cell::Full(full) => {
            let (cols, rows) = spans(c);
            let unit = full.unit.clone().unwrap_or_default();
            let (text, numeric) = if full.blank {
                (String::new(), false)
            } else if let Some((sum, decimals)) = total {
                let text = match decimals {
                    Some(places) => number::fixed(sum, places),
                    None => number::integer(sum.round() as i64),
                };
                (format!("{text}{unit}"), true)
            } else {
                match &full.value {
                    Some(Scalar::Int(i)) => (format!("{}{unit}", number::integer(*i)), true),
                    Some(Scalar::Float(f)) => (format!("{}{unit}", number::decimal(*f)), true),
                    Some(Scalar::Text(s)) => (format!("{s}{unit}"), false),
                    None => (number::DASH.to_string(), true),
                }
            };
            CellView {
                text,
                cols,
                rows,
                numeric,
                row_header: false,
                align: "center".into(),
            }
        }
    }
}

/// Steps at most on one row when the plan does not say how many rows.
const STEPS_PER_ROW: usize = 5;

fn procedure(p: &Procedure) -> ProcedureView {
    let steps: Vec<String> = p.steps.iter().map(|s| s.trim().to_string()).collect();
    let rows = match p.rows {
        Some(rows) => rows.clamp(1, 2) as usize,
        None if steps.len() > STEPS_PER_ROW => 2,
        None => 1,
    };
    let per_row = steps.len().div_ceil(rows).max(1);
    ProcedureView {
        rows: steps.chunks(per_row).map(<[String]>::to_vec).collect(),
        description: format!("추진절차: {}", steps.join(" → ")),
        steps,
    }
}

fn chart(c: &Chart) -> ChartView {
    let max = c
        .series
        .iter()
        .flat_map(|s| s.values.iter().map(|v| v.value))
        .fold(0.0_f64, f64::max);
    // A value written as a decimal keeps its places (`54.0`), as in a table.
    let label = |v: &ChartValue| {
        if !v.decimal && v.value.abs() < 1e15 {
            number::integer(v.value as i64)
        } else {
            number::decimal(v.value)
        }
    };
    let series: Vec<SeriesView> = c
        .series
        .iter()
        .map(|s| SeriesView {
            name: s.name.clone(),
            values: s.values.iter().map(|v| v.value).collect(),
            labels: s.values.iter().map(label).collect(),
        })
        .collect();
    let unit = c.unit.clone().unwrap_or_default();
    let description = series
        .iter()
        .map(|s| {
            let points: Vec<String> = c
                .categories
                .iter()
                .zip(&s.labels)
                .map(|(cat, v)| format!("{cat} {v}{unit}"))
                .collect();
            format!("{}: {}", s.name, points.join(", "))
        })
        .collect::<Vec<_>>()
        .join("; ");
    ChartView {
        caption: c.caption.clone(),
        unit: c.unit.clone(),
        source: c.source.clone(),
        style: c.kind,
        categories: c.categories.clone(),
        series,
        max,
        description: format!("{} 그래프. {description}", c.caption),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::written::FullCell;

    #[test]
    fn chart_labels_and_description_keep_published_decimals() {
        let written: Chart = serde_yaml::from_str(
            "caption: 고용률\nunit: \"%\"\nkind: bar\ncategories: [가, 나, 다]\n\
             series:\n  - name: 서구\n    values: [54.0, 61, 3.25]\n",
        )
        .unwrap();
        let view = chart(&written);
        assert_eq!(view.series[0].labels, ["54.0", "61", "3.25"]);
        assert_eq!(view.series[0].values, [54.0, 61.0, 3.25]);
        assert_eq!(
            view.description,
            "고용률 그래프. 서구: 가 54.0%, 나 61%, 다 3.25%"
        );
        // Written back as written.
        let yaml = serde_yaml::to_string(&written.series).unwrap();
        assert!(
            yaml.contains("- 54.0\n") && yaml.contains("- 61\n"),
            "{yaml}"
        );
    }

    fn sum() -> Cell {
        Cell::Full(FullCell {
            sum: true,
            ..Default::default()
        })
    }

    #[test]
    fn a_column_is_aligned_one_way() {
        let t = Table {
            caption: None,
            unit: None,
            source: None,
            widths: vec![],
            header: vec![],
            rows: vec![
                vec![Cell::Text("짧은 이름".into()), Cell::Int(1)],
                vec![
                    Cell::Text("여러 줄로 넘어가는 아주 긴 사업 이름과 설명".into()),
                    Cell::Int(2),
                ],
                vec![Cell::Text("짧음".into()), Cell::Int(3)],
            ],
            sheet: None,
            relations: vec![],
        };
        let view = table(&t);
        let aligns: Vec<Vec<&str>> = view
            .rows
            .iter()
            .map(|r| r.iter().map(|c| c.align.as_str()).collect())
            .collect();
        assert_eq!(aligns, vec![vec!["left", "center"]; 3]);
        assert!(view.widths.is_empty(), "widths follow the content");
    }

    #[test]
    fn procedures_of_more_than_five_steps_take_two_rows() {
        let steps = |n: usize| (1..=n).map(|i| format!("단계 {i}")).collect::<Vec<_>>();
        let view = procedure(&Procedure {
            steps: steps(7),
            rows: None,
        });
        assert_eq!(
            view.rows.iter().map(Vec::len).collect::<Vec<_>>(),
            vec![4, 3]
        );
        assert_eq!(
            view.description,
            "추진절차: 단계 1 → 단계 2 → 단계 3 → 단계 4 → 단계 5 → 단계 6 → 단계 7"
        );
        let view = procedure(&Procedure {
            steps: steps(4),
            rows: None,
        });
        assert_eq!(view.rows.len(), 1);
        let view = procedure(&Procedure {
            steps: steps(4),
            rows: Some(2),
        });
        assert_eq!(
            view.rows.iter().map(Vec::len).collect::<Vec<_>>(),
            vec![2, 2]
        );
    }

    #[test]
    fn rowspans_push_cells_right() {
        let rows = vec![
            vec![
                Cell::Full(FullCell {
                    rows: Some(2),
                    ..Default::default()
                }),
                Cell::Int(1),
                Cell::Int(2),
            ],
            vec![Cell::Int(3), Cell::Int(4)],
        ];
        let (placed, widths) = place_cells(&rows);
        assert_eq!(placed, vec![vec![0, 1, 2], vec![1, 2]]);
        assert_eq!(widths, vec![3, 3]);
    }

    #[test]
    fn sum_cells_add_their_column() {
        let t = Table {
            caption: None,
            unit: None,
            source: None,
            widths: vec![],
            header: vec![],
            rows: vec![
                vec![Cell::Text("합 계".into()), sum(), sum()],
                vec![Cell::Text("가".into()), Cell::Int(1_000), Cell::Float(1.25)],
                vec![Cell::Text("나".into()), Cell::Int(2_500), Cell::Float(2.5)],
            ],
            sheet: None,
            relations: vec![],
        };
        let view = table(&t);
        assert_eq!(view.rows[0][1].text, "3,500");
        assert_eq!(view.rows[0][2].text, "3.75");
        assert_eq!(view.columns, 3);
    }

    #[test]
    fn footnotes_split_text_after_their_phrase() {
        let b = Block {
            text: Some("고령화 사회에 해당".into()),
            footnotes: vec![crate::model::written::Footnote {
                after: "고령화 사회".into(),
                text: "UN 기준".into(),
            }],
            ..Default::default()
        };
        let p = parts(b.text.as_deref().unwrap(), &b);
        assert_eq!(p.len(), 2);
        assert_eq!(p[0].text, "고령화 사회");
        assert_eq!(p[0].footnote.as_deref(), Some("UN 기준"));
        assert_eq!(p[1].text, "에 해당");
    }
}
