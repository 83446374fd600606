//! Tables (표) as 한글 writes them: `<hp:tbl>` in a paragraph of its own, cells placed by
//! address with their spans (a merged cell is one `<hp:tc>` with `colSpan`/`rowSpan`, the
//! places it covers are left out), the header rows marked so that 한글 repeats them on every
//! page the table runs over, column widths in proportion to the PDF's.

use super::body::{Body, Inline};
use super::header::{Align, BorderFill, CharShape, ParaShape, color, flag};
use super::styles::{Kind, SCHEDULE_INSET, TABLE_LINE};
use super::units::{Hwpunit, mm, pt};
use crate::model::printed::Scope;

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
    /// The part of the plan the cell prints (its row's project in the 추진일정), when it is
    /// not the part being written ([`Body::mark`]): the cell's name.
    pub scope: Option<Scope>,
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
            scope: None,
        }
    }

    /// The same, marked as printing the part of the plan `scope`.
    pub fn scoped(self, scope: &Scope) -> Cell {
        Cell {
            scope: Some(scope.clone()),
            ..self
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
    /// Group rows, each with its level (0 the outermost): the 추진일정's strategy and task
    /// rows, which a part of the table on a later page repeats under its header.
    pub groups: Vec<(usize, usize)>,
    /// The text size in pt when it is not the style's: a data table whose longest words do
    /// not fit at the scale's `table` size ([`crate::renditions::shared::widths::fitting_size`],
    /// as the PDF's).
    pub size: Option<f64>,
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

/// A table's `<hp:tbl>` with its size, place and padding, left open for its rows.
const TABLE: &str = include_str!("fragments/table.xml");

/// A cell's place on the grid: the last elements of its `<hp:tc>`.
const CELL_PLACE: &str = include_str!("fragments/cell-place.xml");

/// The most body rows (below the header rows) a table may have to be kept whole on one page
/// (쪽 경계에서 나누지 않음), as the PDF keeps its short tables (`keep: 12` in
/// `_blocks.typ`; docs/layout.md); a longer table is split between rows.
pub const UNSPLIT_ROWS: usize = 12;

/// The height a table declares for itself (`<hp:sz height>`), 1 pt. The true height is known
/// only once each cell's text is broken into lines, which gongsi does not do (as it writes no
/// `hp:linesegarray`): 한글 grows every row to its text (each `cellSz` is a row's one-line
/// minimum), so the sum of one-line rows declared before was already short of the truth
/// wherever a cell wraps. rhwp 0.8.1 appears to count the declared height on top of the rows
/// when it breaks pages (the drawn page shows no such space): with that sum declared the
/// reference plan took 63 pages against the PDF's 46, with 1 pt 50, 23 pt 51, 50 pt 57
/// (`tests/hwpx_check.py pages`). So the smallest positive height is declared.
const DECLARED_HEIGHT: Hwpunit = 100;

/// Cell padding left and right (style.typ: `inset: (x: 4pt)` at either scale).
const PAD_X: Hwpunit = 400;

/// How much of a line of text Typst's cell holds, in em of the text (its line box runs
/// from the cap height to the baseline: about 0.75 em); 한글 gives each line
/// [`TABLE_LINE`] % of the text size instead.
const TEXT_BOX_EM: f64 = 0.75;

/// A cell's padding above and below its text, for text `size` pt: the scale's `cell`
/// padding (style.typ: `inset: (y: size("cell"))`) less half of what a line of 한글 is
/// taller than Typst's, so that a row is as high as the PDF's.
fn pad_y(cell: f64, size: f64) -> Hwpunit {
    let taller = size * (f64::from(TABLE_LINE) / 100.0 - TEXT_BOX_EM);
    pt((cell - taller / 2.0).max(1.0))
}

/// Writes `table` as its own paragraph — or, where the PDF starts a page inside it (a body
/// row that starts a page: [`Body::starts_page`]), as one table per page, each after the
/// first on a new page and starting with the header rows and the group rows it continues
/// (a table is split only between rows no merged cell spans).
pub fn write(body: &mut Body, table: &Table) {
    let rows = table.row_count();
    let top = table.header_rows.min(rows);
    // The body rows' places follow the anchor paragraph's.
    let first = body.next_unit() + 1;
    let splits = split_rows(table, rows, |row| body.starts_page(first + row - top));
    let mut bounds = vec![top];
    bounds.extend(splits.iter().copied().filter(|s| *s > top));
    bounds.push(rows);
    // A break at the first body row is a break before the table (its header with it).
    let before = splits.first() == Some(&top);
    for (part, range) in bounds.windows(2).enumerate() {
        let mut order: Vec<(usize, bool)> = (0..top).map(|r| (r, part > 0)).collect();
        if part > 0 {
            order.extend(group_rows(table, range[0]).into_iter().map(|r| (r, true)));
        }
        order.extend((range[0]..range[1]).map(|r| (r, false)));
        write_part(body, table, &order, part > 0 || before, top);
    }
}

/// The rows that start a new part of `table` (of `rows` rows): for each body row at which
/// `starts_page` says the PDF starts a page, the last row at or above it that no merged cell
/// crosses into (none below the header rows: then no split).
fn split_rows(table: &Table, rows: usize, starts_page: impl Fn(usize) -> bool) -> Vec<usize> {
    let top = table.header_rows.min(rows);
    let crossed = |row: usize| {
        table
            .cells
            .iter()
            .any(|c| c.row < row && row < c.row + c.rows)
    };
    let mut splits: Vec<usize> = Vec::new();
    for row in top..rows {
        if !starts_page(row) {
            continue;
        }
        let at = (top..=row).rev().find(|r| !crossed(*r));
        if let Some(at) = at
            && splits.last().is_none_or(|last| *last < at)
        {
            splits.push(at);
        }
    }
    splits
}

/// The group rows (`Table::groups`) that a part starting at `row` continues: for each level,
/// the last group row of that level above `row`, unless a group row of that level or a
/// higher one comes after it (up to and including `row`).
fn group_rows(table: &Table, row: usize) -> Vec<usize> {
    let mut found = Vec::new();
    let mut levels: Vec<usize> = table.groups.iter().map(|(_, level)| *level).collect();
    levels.sort_unstable();
    levels.dedup();
    for level in levels {
        let last = table
            .groups
            .iter()
            .filter(|(r, l)| *l == level && *r < row)
            .map(|(r, _)| *r)
            .max();
        if let Some(last) = last {
            let closed = table
                .groups
                .iter()
                .any(|(r, l)| *l <= level && *r > last && *r <= row);
            if !closed {
                found.push(last);
            }
        }
    }
    found.sort_unstable();
    found
}

/// Writes the rows `order` of `table` (each with whether it repeats one printed before) as
/// one table in its own paragraph, on a new page when `page_break`; `top` of them are the
/// header rows.
fn write_part(
    body: &mut Body,
    table: &Table,
    order: &[(usize, bool)],
    page_break: bool,
    top: usize,
) {
    let columns = table.column_widths();
    let rows = order.len();
    let chars = text_chars(body, table);
    let inset = if table.kind == Kind::ScheduleCell {
        SCHEDULE_INSET
    } else {
        body.sizes.cell
    };
    let pad = pad_y(inset, chars.size as f64 / 100.0);
    // A row is at least one line of text with its padding; 한글 grows it to fit the text.
    let row_height = chars.size * Hwpunit::from(TABLE_LINE) / 100 + 2 * pad;
    let grid = body.header.fill_id(BorderFill::cell(None)).to_string();
    let anchor = ParaShape {
        left: 0,
        line: 100,
        below: pt(6.0),
        ..ParaShape::aligned(Align::Left)
    };
    // A later part's anchor is no place of its own: its rows are.
    let continued = order.first().is_some_and(|(_, repeated)| *repeated);
    body.mute(continued);
    body.open_para(Kind::Normal, anchor, None, page_break);
    body.open_run(body.chars(Kind::Normal));
    let id = body.object_id();
    open_table(body, table, (&id, &grid), (rows, top), (&columns, pad));
    let part = placed(table, order);
    let holes = holes(&part, rows, columns.len());
    let mut cells: Vec<&Cell> = part.cells.iter().chain(&holes).collect();
    cells.sort_by_key(|c| (c.row, c.col));
    for (row, (_, repeated)) in order.iter().enumerate() {
        body.mute(*repeated);
        if row >= top && !repeated {
            body.unit();
        }
        body.xml().open("hp:tr", &[]);
        for cell in cells.iter().filter(|c| c.row == row) {
            let cell = if *repeated {
                &Cell {
                    scope: None,
                    ..(*cell).clone()
                }
            } else {
                cell
            };
            write_cell(body, &part, cell, &columns, (row_height, pad), *repeated);
        }
        body.xml().close("hp:tr");
    }
    body.mute(false);
    body.xml().close("hp:tbl");
    body.close_run();
    body.close_para();
}

/// Opens the `<hp:tbl>` of a table (`id`, cell borders `grid`) of `rows` rows, `top` of them
/// header rows, declaring itself [`DECLARED_HEIGHT`] high, with `columns` and cell padding
/// `pad` above and below.
fn open_table(
    body: &mut Body,
    table: &Table,
    (id, grid): (&str, &str),
    (rows, top): (usize, usize),
    (columns, pad): (&[Hwpunit], Hwpunit),
) {
    let split = if rows.saturating_sub(top) <= UNSPLIT_ROWS {
        "NONE"
    } else {
        "CELL"
    };
    body.xml().fragment(
        TABLE,
        &[
            ("id", id),
            ("repeat_header", flag(top > 0)),
            ("page_break", split),
            ("rows", &rows.to_string()),
            ("columns", &columns.len().to_string()),
            ("grid", grid),
            ("width", &columns.iter().sum::<Hwpunit>().to_string()),
            ("height", &DECLARED_HEIGHT.to_string()),
            ("indent", &table.indent.to_string()),
            ("pad_x", &PAD_X.to_string()),
            ("pad_y", &pad.to_string()),
        ],
    );
}

/// `table` with only the cells of the rows `order`, placed on that part's own grid.
fn placed(table: &Table, order: &[(usize, bool)]) -> Table {
    let rows = order.len();
    let at = |row: usize| order.iter().position(|(r, _)| *r == row);
    let cells = table
        .cells
        .iter()
        .filter_map(|c| {
            at(c.row).map(|row| Cell {
                row,
                rows: c.rows.min(rows - row),
                ..c.clone()
            })
        })
        .collect();
    Table {
        cells,
        ..table.clone()
    }
}

/// The character shape of `table`'s text: its style's, at its own size if it has one.
fn text_chars(body: &Body, table: &Table) -> CharShape {
    let chars = body.chars(table.kind);
    match table.size {
        Some(size) => CharShape {
            size: pt(size),
            ..chars
        },
        None => chars,
    }
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

/// Writes `cell`: its lines in a `<hp:subList>`, then its place on the grid (address, span,
/// size, padding: [`CELL_PLACE`]).
fn write_cell(
    body: &mut Body,
    table: &Table,
    cell: &Cell,
    columns: &[Hwpunit],
    (row_height, pad): (Hwpunit, Hwpunit),
    repeated: bool,
) {
    let fill = body.header.fill_id(BorderFill::cell(cell.fill)).to_string();
    let header = cell.header && cell.row < table.header_rows;
    let name = match &cell.scope {
        _ if repeated => Scope::REPEATED.to_string(),
        Some(scope) => scope.mark(),
        None => body.scope_mark(),
    };
    body.xml().open(
        "hp:tc",
        &[
            ("name", &name),
            ("header", flag(header)),
            ("hasMargin", "0"),
            ("protect", "0"),
            ("editable", "0"),
            ("dirty", "0"),
            ("borderFillIDRef", &fill),
        ],
    );
    body.sub_list("CENTER");
    cell_lines(body, table, cell);
    body.xml().close("hp:subList");
    let end = (cell.col + cell.cols).min(columns.len());
    let width: Hwpunit = columns[cell.col.min(end)..end].iter().sum();
    body.xml().fragment(
        CELL_PLACE,
        &[
            ("col", &cell.col.to_string()),
            ("row", &cell.row.to_string()),
            ("cols", &cell.cols.to_string()),
            ("rows", &cell.rows.to_string()),
            ("width", &width.to_string()),
            ("height", &(row_height * cell.rows as Hwpunit).to_string()),
            ("pad_x", &PAD_X.to_string()),
            ("pad_y", &pad.to_string()),
        ],
    );
    body.xml().close("hp:tc");
}

/// One paragraph per line of the cell, as 한글 keeps a cell's lines: in the table's text
/// style, bold, coloured and aligned as the cell asks.
fn cell_lines(body: &mut Body, table: &Table, cell: &Cell) {
    let kind = table.kind;
    let mut chars = text_chars(body, table);
    if cell.bold {
        chars = chars.bold();
    }
    if let Some(ink) = cell.ink {
        chars = chars.colored(ink);
    }
    let shape = ParaShape {
        align: cell.align,
        ..body.shape(kind)
    };
    for line in cell.text.split('\n') {
        let inlines = [Inline::Text(line, chars)];
        body.para_shaped(kind, shape, None, false, &inlines);
    }
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
            groups: Vec::new(),
            size: None,
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
            groups: Vec::new(),
            size: None,
        };
        let widths = table.column_widths();
        assert_eq!(widths.iter().sum::<Hwpunit>(), 40_000);
        assert_eq!(widths[0], 20_000);
        assert_eq!(table.row_count(), 2);
    }

    #[test]
    fn the_table_element_counts_its_grid_and_its_cells_hold_text() {
        use crate::renditions::hwpx::body::Ids;
        use crate::renditions::hwpx::header::Header;
        let (mut header, mut ids) = (Header::new(), Ids::new());
        let mut body = Body::new(
            &mut header,
            &mut ids,
            crate::renditions::shared::scale::sizes(crate::model::written::TypeScale::Compact),
        );
        let text = "<hp:tr/>{rows}";
        let table = Table {
            widths: vec![1.0, 1.0],
            header_rows: 1,
            cells: vec![
                Cell::new(0, 0, "항목").head().span(1, 2),
                Cell::new(1, 1, text),
            ],
            kind: Kind::Cell,
            indent: 700,
            text_width: 30_000,
            groups: Vec::new(),
            size: None,
        };
        write(&mut body, &table);
        let xml = String::from_utf8(body.finish()).unwrap();
        let parsed = roxmltree::Document::parse(&xml).unwrap();
        let named = |name: &'static str| {
            parsed
                .descendants()
                .filter(move |n| n.tag_name().name() == name)
        };
        let tbl = named("tbl").next().unwrap();
        assert_eq!(tbl.attribute("rowCnt"), Some("2"));
        assert_eq!(tbl.attribute("colCnt"), Some("2"));
        assert_eq!(tbl.attribute("repeatHeader"), Some("1"));
        let pos = named("pos").next().unwrap();
        assert_eq!(pos.attribute("horzOffset"), Some("700"));
        assert_eq!(named("tr").count(), 2, "the cell's text made no row");
        assert_eq!(named("tc").count(), 3, "two cells and one empty place");
        let head = named("tc").next().unwrap();
        assert_eq!(head.attribute("header"), Some("1"));
        let place = |name: &str, key: &str| {
            let node = head.children().find(|n| n.tag_name().name() == name);
            node.and_then(|n| n.attribute(key)).map(str::to_string)
        };
        assert_eq!(place("cellSpan", "colSpan").as_deref(), Some("2"));
        let width = table.column_widths().iter().sum::<Hwpunit>().to_string();
        assert_eq!(place("cellSz", "width"), Some(width));
        assert_eq!(place("cellAddr", "rowAddr").as_deref(), Some("0"));
        let texts: Vec<&str> = named("t").filter_map(|t| t.text()).collect();
        assert_eq!(texts, ["항목", text]);
    }

    #[test]
    fn a_table_splits_only_between_rows_no_merged_cell_spans_with_its_groups_repeated() {
        // Header row 0; a strategy (group 0) at 1, a task (group 1) at 2, a project over
        // rows 3–4, another at 5; a second strategy at 6 with a task at 7 and a project at 8.
        let mut cells = vec![Cell::new(0, 0, "머리").head()];
        for row in [1, 2, 5, 6, 7, 8] {
            cells.push(Cell::new(row, 0, "행"));
        }
        cells.push(Cell::new(3, 0, "사업").span(2, 1));
        let table = Table {
            widths: vec![1.0],
            header_rows: 1,
            cells,
            kind: Kind::ScheduleCell,
            indent: 0,
            text_width: 30_000,
            groups: vec![(1, 0), (2, 1), (6, 0), (7, 1)],
            size: None,
        };
        // A page starting at row 4 (inside the project) splits before the project, at 3.
        assert_eq!(split_rows(&table, 9, |r| r == 4), [3]);
        assert_eq!(split_rows(&table, 9, |r| r == 5 || r == 8), [5, 8]);
        // A break at the first body row splits nothing below the header.
        assert_eq!(split_rows(&table, 9, |r| r == 1), [1]);
        // The part from 3 continues strategy 1 and its task; from 7, strategy 2 only (7 is
        // a task row itself); from 6, nothing (a new strategy).
        assert_eq!(group_rows(&table, 3), [1, 2]);
        assert_eq!(group_rows(&table, 7), [6]);
        assert_eq!(group_rows(&table, 6), Vec::<usize>::new());
        assert_eq!(group_rows(&table, 8), [6, 7]);
    }
}
