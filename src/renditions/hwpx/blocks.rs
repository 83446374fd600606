//! Body blocks (본문 블록) as 한글 paragraphs: `□` headings, the `○ - ·` ladder with hanging
//! indents, `*` notes and `⇒` conclusions (each a named style per depth), `< 제목 >` captions
//! with the source as a footnote, `(단위 : …)` lines, tables with their merged cells, charts
//! and 추진절차 diagrams — in the order and with the text of `templates/_blocks.typ`.

use super::body::{Body, Inline};
use super::header::ParaShape;
use super::header::{Align, color};
use super::picture::{Drawing, Drawings};
use super::styles::indent_step;
use super::styles::{self, Kind, mark};
use super::table::{self, Cell, Table};
use super::units::portrait_text_width;
use crate::model::content::{BlockView, ChartView, ProcedureView, TableView, TextPart};
use crate::renditions::shared::widths;

/// Writes `items` at ladder `depth` (1: ○).
pub fn blocks(body: &mut Body, drawings: &mut Drawings, items: &[BlockView], depth: usize) {
    for block in items {
        match block {
            BlockView::Heading { text, items } => {
                section(body, text);
                blocks(body, drawings, items, 1);
            }
            BlockView::Text { lead, parts, items } => {
                let lead = lead.as_ref().map(|l| format!("({l}) "));
                line(
                    body,
                    Kind::Bullet(depth),
                    mark(depth),
                    lead.as_deref(),
                    parts,
                );
                blocks(body, drawings, items, depth + 1);
            }
            BlockView::Note { parts, items } => {
                line(body, Kind::Note(depth), "*", None, parts);
                blocks(body, drawings, items, depth + 1);
            }
            BlockView::Conclusion { parts, items } => {
                line(body, Kind::Conclusion(depth), "⇒", None, parts);
                blocks(body, drawings, items, depth + 1);
            }
            BlockView::Table(t) => data_table(body, t, depth),
            BlockView::Chart(c) => chart(body, drawings, c),
            BlockView::Procedure(p) => procedure(body, drawings, p, depth),
        }
    }
}

/// `□ 제목`.
pub fn section(body: &mut Body, text: &str) {
    let chars = body.chars(Kind::Section);
    body.para(Kind::Section, &[Inline::Text(&format!("□ {text}"), chars)]);
}

/// A ladder line: the mark, the bold `(lead)`, the text with its footnotes — spaced as
/// tall as the PDF sets it for the lines it takes there.
pub fn line(body: &mut Body, kind: Kind, mark: &str, lead: Option<&str>, parts: &[TextPart]) {
    let chars = body.chars(kind);
    let shape = ladder_shape(body, kind, lead, parts);
    let mark = format!("{mark} ");
    let mut inlines = vec![Inline::Text(&mark, chars)];
    if let Some(lead) = lead {
        inlines.push(Inline::Text(lead, chars.bold()));
    }
    for part in parts {
        inlines.push(Inline::Text(&part.text, chars));
        if let Some(note) = &part.footnote {
            inlines.push(Inline::Footnote(note));
        }
    }
    body.para_shaped(kind, shape, None, false, &inlines);
}

/// The shape of a ladder line of `kind` with `lead` and `parts`: its style's, its line
/// spacing for the lines the text takes at the PDF's width (the text's column: the page's
/// text width less the steps up to its depth, the mark's included).
pub fn ladder_shape(body: &Body, kind: Kind, lead: Option<&str>, parts: &[TextPart]) -> ParaShape {
    let s = body.sizes;
    let shape = body.shape(kind);
    let (Kind::Bullet(depth) | Kind::Note(depth) | Kind::Conclusion(depth)) = kind else {
        return shape;
    };
    let size = body.chars(kind).size as f64 / 100.0;
    let text: String = lead
        .into_iter()
        .chain(parts.iter().map(|p| p.text.as_str()))
        .collect();
    let column = (portrait_text_width() - shape.left - indent_step(&s)) as f64 / 100.0;
    let lines = crate::renditions::shared::lines::count(&text, size, column);
    styles::ladder(&s, depth, size, lines)
}

/// `< 제목 >` with the source as a footnote after the title, as the PDF's caption line.
pub fn caption(body: &mut Body, title: &str, source: Option<&str>) {
    let chars = body.chars(Kind::Caption);
    let open = format!("< {title}");
    let mut inlines = vec![Inline::Text(&open, chars)];
    if let Some(source) = source {
        inlines.push(Inline::Footnote(source));
    }
    inlines.push(Inline::Text(" >", chars));
    body.para(Kind::Caption, &inlines);
}

/// `(단위 : …)`, right-aligned.
pub fn unit_line(body: &mut Body, unit: &str) {
    let text = format!("(단위 : {unit})");
    body.para(Kind::Unit, &[Inline::Text(&text, body.chars(Kind::Unit))]);
}

/// A `※` line under a table.
pub fn table_note(body: &mut Body, note: &str) {
    body.para(
        Kind::TableNote,
        &[Inline::Text(note, body.chars(Kind::TableNote))],
    );
}

/// The left indent of a table or figure nested at `depth`.
fn indent(body: &Body, depth: usize) -> i64 {
    depth.saturating_sub(1) as i64 * indent_step(&body.sizes)
}

/// A data table of the plan: caption, unit, the grid with its spans.
pub fn data_table(body: &mut Body, t: &TableView, depth: usize) {
    if let Some(title) = &t.caption {
        caption(body, title, t.source.as_deref());
    }
    if let Some(unit) = &t.unit {
        unit_line(body, unit);
    }
    // The PDF's text size and widths: measured for the narrower table of a nested one, the
    // text smaller when the longest words do not fit (templates/_blocks.typ).
    let s = body.sizes;
    let indent_pt = depth.saturating_sub(1) as f64 * 1.3 * s.item;
    let size = widths::fitting_size(t, indent_pt, s.table, s.table_least);
    let widths = widths::column_widths_at(t, indent_pt / size, size);
    let mut cells = Vec::new();
    for (r, (row, places)) in t.header.iter().zip(&t.header_places).enumerate() {
        for (c, &col) in row.iter().zip(places) {
            cells.push(
                Cell::new(r, col, &c.text)
                    .span(c.rows as usize, c.cols as usize)
                    .head(),
            );
        }
    }
    let top = t.header.len();
    for (r, (row, places)) in t.rows.iter().zip(&t.places).enumerate() {
        for (c, &col) in row.iter().zip(places) {
            let align = if c.align == "left" {
                Align::Left
            } else {
                Align::Center
            };
            cells.push(
                Cell::new(top + r, col, &c.text)
                    .span(c.rows as usize, c.cols as usize)
                    .aligned(align),
            );
        }
    }
    let nested = indent(body, depth);
    table::write(
        body,
        &Table {
            widths,
            header_rows: top,
            cells,
            kind: Kind::Cell,
            indent: nested,
            text_width: portrait_text_width(),
            groups: Vec::new(),
            size: (size != s.table).then_some(size),
        },
    );
    if t.caption.is_none()
        && let Some(source) = &t.source
    {
        // A table without a caption keeps its source under it.
        table_note(body, source);
    }
}

/// A chart: caption and unit, then the picture drawn by the PDF's layout, or (no picture)
/// its values as a table: one column per category, one row per series.
fn chart(body: &mut Body, drawings: &mut Drawings, c: &ChartView) {
    caption(body, &c.caption, c.source.as_deref());
    if let Some(unit) = &c.unit {
        unit_line(body, unit);
    }
    if drawings.place(body, &Drawing::Chart(c), 0, &c.description) {
        return;
    }
    let mut cells = vec![Cell::new(0, 0, "구 분").head()];
    for (i, category) in c.categories.iter().enumerate() {
        cells.push(Cell::new(0, i + 1, category).head());
    }
    for (r, series) in c.series.iter().enumerate() {
        cells.push(Cell::new(r + 1, 0, &series.name));
        for (i, label) in series.labels.iter().enumerate() {
            cells.push(Cell::new(r + 1, i + 1, label));
        }
    }
    let mut widths = vec![1.6];
    widths.extend(std::iter::repeat_n(1.0, c.categories.len()));
    table::write(
        body,
        &Table {
            widths,
            header_rows: 1,
            cells,
            kind: Kind::Cell,
            indent: 0,
            text_width: portrait_text_width(),
            groups: Vec::new(),
            size: None,
        },
    );
}

/// 추진절차: the picture, or (no picture) the steps in boxes joined by arrows, row by row,
/// as a table drawn like the PDF's (boxed steps on the light accent fill, `→` between them).
fn procedure(body: &mut Body, drawings: &mut Drawings, p: &ProcedureView, depth: usize) {
    if drawings.place(body, &Drawing::Procedure(p, depth), depth, &p.description) {
        return;
    }
    let widest = p.rows.iter().map(Vec::len).max().unwrap_or(0);
    if widest == 0 {
        return;
    }
    let continued = p.rows.len() > 1;
    // Columns: [→ of a continued row] step, →, step, …
    let lead = usize::from(continued);
    let mut widths = Vec::new();
    if continued {
        widths.push(0.35);
    }
    for i in 0..widest {
        if i > 0 {
            widths.push(0.35);
        }
        widths.push(2.0);
    }
    let nested = indent(body, depth);
    let mut cells = Vec::new();
    let arrow = |row: usize, col: usize| {
        Cell::new(row, col, "→").colored(color::WHITE, Some(color::ACCENT))
    };
    for (r, steps) in p.rows.iter().enumerate() {
        let mut col = 0;
        if continued {
            cells.push(if r > 0 {
                arrow(r, 0)
            } else {
                Cell::new(r, 0, "").colored(color::WHITE, None)
            });
            col = lead;
        }
        for i in 0..widest {
            if i > 0 {
                cells.push(if i < steps.len() {
                    arrow(r, col)
                } else {
                    Cell::new(r, col, "").colored(color::WHITE, None)
                });
                col += 1;
            }
            let text = steps.get(i).map_or("", String::as_str);
            let fill = if i < steps.len() {
                color::ACCENT_LIGHT
            } else {
                color::WHITE
            };
            cells.push(Cell::new(r, col, text).colored(fill, None));
            col += 1;
        }
    }
    table::write(
        body,
        &Table {
            widths,
            header_rows: 0,
            cells,
            kind: Kind::Cell,
            indent: nested,
            text_width: portrait_text_width(),
            groups: Vec::new(),
            size: None,
        },
    );
}
