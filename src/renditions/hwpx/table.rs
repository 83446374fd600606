//! Tables (표) as 한글 writes them: `<hp:tbl>` in a paragraph of its own, cells placed by
//! address with their spans (a merged cell is one `<hp:tc>` with `colSpan`/`rowSpan`, the
//! places it covers are left out), the header rows marked so that 한글 repeats them on every
//! page the table runs over, column widths in proportion to the PDF's.

use super::body::{Body, Inline};
use super::header::{Align, BorderFill, CharShape, ParaShape, color};
use super::styles::Kind;
use super::units::{Hwpunit, mm, pt};

/// One cell of a table, placed on the grid.
#[derive(Debug, Clone)]
pub struct Cell {
    /// Grid row (0 = the first header row).
    pub row: usize,
    /// Grid column.
    pub col: usize,
    /// Rows spanned (≥ 1).
    pub rows: usize,
    /// Columns spanned (≥ 1).
    pub cols: usize,
    /// The text; line feeds become line breaks.
    pub text: String,
    /// A header cell (bold, head fill, repeated on each page when in a header row).
    pub header: bool,
    /// Bold text (a 합계 row).
    pub bold: bool,
    /// Background colour.
    pub fill: Option<u32>,
    /// Horizontal alignment of the text.
    pub align: Align,
    /// Text colour other than the ink (white on the accent fill).
    pub ink: Option<u32>,
}

impl Cell {
    /// A cell at `(row, col)` spanning one place, centred, with `text`.
    pub fn new(row: usize, col: usize, text: impl Into<String>) -> Cell {
        Cell {
            row,
            col,
            rows: 1,
            cols: 1,
            text: text.into(),
            header: false,
            bold: false,
            fill: None,
            align: Align::Center,
            ink: None,
        }
    }

    /// The same, spanning `rows` × `cols`.
    pub fn span(self, rows: usize, cols: usize) -> Cell {
        Cell {
            rows: rows.max(1),
            cols: cols.max(1),
            ..self
        }
    }

    /// The same as a header cell (bold on the head fill).
    pub fn head(self) -> Cell {
        Cell {
            header: true,
            bold: true,
            fill: Some(color::HEAD),
            ..self
        }
    }

    /// The same, bold on the 합계 fill.
    pub fn total(self) -> Cell {
        Cell {
            bold: true,
            fill: Some(color::TOTAL),
            ..self
        }
    }

    /// The same, filled `fill`, its text in `ink`.
    pub fn colored(self, fill: u32, ink: Option<u32>) -> Cell {
        Cell {
            fill: Some(fill),
            ink,
            ..self
        }
    }

    /// The same, aligned `align`.
    pub fn aligned(self, align: Align) -> Cell {
        Cell { align, ..self }
    }
}

/// A table to write.
#[derive(Debug, Clone)]
pub struct Table {
    /// Relative column widths (any positive numbers).
    pub widths: Vec<f64>,
    /// The number of header rows at the top (repeated on each page).
    pub header_rows: usize,
    /// The cells, in any order.
    pub cells: Vec<Cell>,
    /// The cells' text style.
    pub kind: Kind,
    /// Left indent of the table, in HWPUNIT (a table nested under a bullet).
    pub indent: Hwpunit,
    /// The width of the text area the table sits in.
    pub text_width: Hwpunit,
}

impl Table {
    /// The number of grid rows.
    pub fn row_count(&self) -> usize {
        self.cells.iter().map(|c| c.row + c.rows).max().unwrap_or(0)
    }

    /// The widths of the columns in HWPUNIT, adding up to the table's width.
    pub fn column_widths(&self) -> Vec<Hwpunit> {
        let width = (self.text_width - self.indent).max(mm(20.0));
        let n = self.widths.len().max(1);
        let weights: Vec<f64> = if self.widths.iter().all(|w| w.is_finite() && *w > 0.0) {
            self.widths.clone()
        } else {
            vec![1.0; n]
        };
        let sum: f64 = weights.iter().sum();
        let mut widths: Vec<Hwpunit> = weights
            .iter()
            .map(|w| (width as f64 * w / sum).floor() as Hwpunit)
            .collect();
        // The rounding remainder goes to the last column, so the table is exactly `width`.
        let rest = width - widths.iter().sum::<Hwpunit>();
        if let Some(last) = widths.last_mut() {
            *last += rest;
        }
        widths
    }
}

/// Cell padding (style.typ: `inset: (x: 4pt)`, about 2.5pt above and below).
const PAD_X: Hwpunit = 400;
const PAD_Y: Hwpunit = 200;

/// Writes `table` as its own paragraph.
pub fn write(body: &mut Body, table: &Table) {
    let columns = table.column_widths();
    let rows = table.row_count();
    let text_size = table.kind.chars().size;
    // A row is at least one line of text with its padding; 한글 grows it to fit the text.
    let row_height = text_size * 16 / 10 + 2 * PAD_Y;
    let grid = BorderFill::cell(None);
    let grid_id = body.header.fill_id(grid).to_string();
    let anchor = ParaShape {
        left: 0,
        line: 100,
        below: pt(6.0),
        ..ParaShape::aligned(Align::Left)
    };
    body.open_para(Kind::Normal, anchor, None, false);
    body.open_run(CharShape::BODY);
    let id = body.object_id();
    let width: Hwpunit = columns.iter().sum();
    let (width_s, height_s) = (
        width.to_string(),
        (row_height * rows as Hwpunit).to_string(),
    );
    let (row_count, col_count) = (rows.to_string(), columns.len().to_string());
    let indent = table.indent.to_string();
    let x = body.xml();
    x.open(
        "hp:tbl",
        &[
            ("id", &id),
            ("zOrder", "0"),
            ("numberingType", "TABLE"),
            ("textWrap", "TOP_AND_BOTTOM"),
            ("textFlow", "BOTH_SIDES"),
            ("lock", "0"),
            ("dropcapstyle", "None"),
            ("pageBreak", "CELL"),
            (
                "repeatHeader",
                if table.header_rows > 0 { "1" } else { "0" },
            ),
            ("rowCnt", &row_count),
            ("colCnt", &col_count),
            ("cellSpacing", "0"),
            ("borderFillIDRef", &grid_id),
            ("noAdjust", "0"),
        ],
    );
    x.empty(
        "hp:sz",
        &[
            ("width", &width_s),
            ("widthRelTo", "ABSOLUTE"),
            ("height", &height_s),
            ("heightRelTo", "ABSOLUTE"),
            ("protect", "0"),
        ],
    );
    x.empty(
        "hp:pos",
        &[
            ("treatAsChar", "0"),
            ("affectLSpacing", "0"),
            ("flowWithText", "1"),
            ("allowOverlap", "0"),
            ("holdAnchorAndSO", "0"),
            ("vertRelTo", "PARA"),
            ("horzRelTo", "COLUMN"),
            ("vertAlign", "TOP"),
            ("horzAlign", "LEFT"),
            ("vertOffset", "0"),
            ("horzOffset", &indent),
        ],
    );
    x.empty(
        "hp:outMargin",
        &[("left", "0"), ("right", "0"), ("top", "0"), ("bottom", "0")],
    );
    let (pad_x, pad_y) = (PAD_X.to_string(), PAD_Y.to_string());
    let padding = [
        ("left", pad_x.as_str()),
        ("right", pad_x.as_str()),
        ("top", pad_y.as_str()),
        ("bottom", pad_y.as_str()),
    ];
    x.empty("hp:inMargin", &padding);
    let holes = holes(table, rows, columns.len());
    let mut cells: Vec<&Cell> = table.cells.iter().chain(&holes).collect();
    cells.sort_by_key(|c| (c.row, c.col));
    for row in 0..rows {
        body.xml().open("hp:tr", &[]);
        for cell in cells.iter().filter(|c| c.row == row) {
            write_cell(body, table, cell, &columns, row_height, &padding);
        }
        body.xml().close("hp:tr");
    }
    body.xml().close("hp:tbl");
    body.close_run();
    body.close_para();
}

/// Empty cells for the places of the grid no cell covers, so that 한글 gets a whole grid
/// whatever the cells (the plan's own tables are checked whole; this is the safe reading).
fn holes(table: &Table, rows: usize, columns: usize) -> Vec<Cell> {
    let mut covered = vec![vec![false; columns]; rows];
    for cell in &table.cells {
        for line in covered.iter_mut().skip(cell.row).take(cell.rows) {
            for place in line.iter_mut().skip(cell.col).take(cell.cols) {
                *place = true;
            }
        }
    }
    let mut holes = Vec::new();
    for (row, line) in covered.iter().enumerate() {
        for (col, covered) in line.iter().enumerate() {
            if !covered {
                holes.push(Cell::new(row, col, ""));
            }
        }
    }
    holes
}

fn write_cell(
    body: &mut Body,
    table: &Table,
    cell: &Cell,
    columns: &[Hwpunit],
    row_height: Hwpunit,
    padding: &[(&str, &str); 4],
) {
    let fill = body.header.fill_id(BorderFill::cell(cell.fill)).to_string();
    let header = cell.header && cell.row < table.header_rows;
    body.xml().open(
        "hp:tc",
        &[
            ("name", ""),
            ("header", if header { "1" } else { "0" }),
            ("hasMargin", "0"),
            ("protect", "0"),
            ("editable", "0"),
            ("dirty", "0"),
            ("borderFillIDRef", &fill),
        ],
    );
    body.sub_list("CENTER");
    let kind = table.kind;
    let mut chars = kind.chars();
    if cell.bold {
        chars = chars.bold();
    }
    if let Some(ink) = cell.ink {
        chars = chars.colored(ink);
    }
    let shape = ParaShape {
        align: cell.align,
        ..kind.para()
    };
    // One paragraph per line of the cell, as 한글 keeps a cell's lines.
    for line in cell.text.split('\n') {
        let inlines = [Inline::Text(line, chars)];
        body.para_shaped(kind, shape, None, false, &inlines);
    }
    let x = body.xml();
    x.close("hp:subList");
    let (col, row) = (cell.col.to_string(), cell.row.to_string());
    x.empty("hp:cellAddr", &[("colAddr", &col), ("rowAddr", &row)]);
    let (cols, rows) = (cell.cols.to_string(), cell.rows.to_string());
    x.empty("hp:cellSpan", &[("colSpan", &cols), ("rowSpan", &rows)]);
    let end = (cell.col + cell.cols).min(columns.len());
    let width: Hwpunit = columns[cell.col.min(end)..end].iter().sum();
    let (width, height) = (
        width.to_string(),
        (row_height * cell.rows as Hwpunit).to_string(),
    );
    x.empty("hp:cellSz", &[("width", &width), ("height", &height)]);
    x.empty("hp:cellMargin", padding);
    x.close("hp:tc");
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn places_no_cell_covers_get_empty_cells() {
        let table = Table {
            widths: vec![1.0; 3],
            header_rows: 0,
            cells: vec![Cell::new(0, 0, "a").span(2, 2), Cell::new(1, 2, "b")],
            kind: Kind::Cell,
            indent: 0,
            text_width: 30_000,
        };
        let found: Vec<(usize, usize)> =
            holes(&table, 2, 3).iter().map(|c| (c.row, c.col)).collect();
        assert_eq!(found, [(0, 2)]);
    }

    #[test]
    fn columns_fill_the_width_in_proportion() {
        let table = Table {
            widths: vec![2.0, 1.0, 1.0],
            header_rows: 1,
            cells: vec![Cell::new(0, 0, "a").span(2, 3)],
            kind: Kind::Cell,
            indent: 1000,
            text_width: 41_000,
        };
        let widths = table.column_widths();
        assert_eq!(widths.iter().sum::<Hwpunit>(), 40_000);
        assert_eq!(widths[0], 20_000);
        assert_eq!(table.row_count(), 2);
    }
}
