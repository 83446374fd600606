//! 시트 읽기: the record sheets as typed rows, and the 표 and 그래프 sheets as tables and
//! charts, each value remembering the cell it came from. Every problem of every sheet is
//! collected before giving up.

// A problem is the rare path and is moved once into a list; boxing it would buy nothing.
#![allow(clippy::result_large_err)]

use std::collections::BTreeMap;

use crate::model::problem::Problem;
use crate::model::sheets::{
    self, CHART_LABELS, Column, GRID_ROW, HEADER_ROW, Kind, SheetLayout, TABLE_LABELS,
};
use crate::model::written::{
    Cell, Chart, ChartKind, ChartValue, FullCell, Relation, RelationKind, Scalar, Series, Table,
};
use crate::pipeline::load::workbook::grid::{Grid, Value, Workbook};

/// Cells by data path (relative to the record, table or chart), as `시트!셀 [열]`.
pub type Cells = BTreeMap<String, String>;

/// One row of a record sheet: its values by column header, and their cells.
#[derive(Debug, Clone)]
pub struct Record {
    /// Cell of each column, by header (`사업!F12 [국비]`); also for empty cells.
    pub at: BTreeMap<&'static str, String>,
    /// Text values by header (numbers kept as text until asked for).
    values: BTreeMap<&'static str, Value>,
    /// The row's first cell, for problems about the whole row.
    pub row_at: String,
}

impl Record {
    /// The cell of column `header`.
    pub fn cell(&self, header: &str) -> String {
        self.at
            .get(header)
            .cloned()
            .unwrap_or_else(|| self.row_at.clone())
    }

    /// Whether the column is empty.
    pub fn is_empty(&self, header: &str) -> bool {
        matches!(self.values.get(header), None | Some(Value::Empty))
    }

    /// A number column's value (already checked against the column's kind).
    pub fn number(&self, header: &str) -> Option<f64> {
        match self.values.get(header)? {
            Value::Number(n) => Some(*n),
            _ => None,
        }
    }

    /// A whole-number column's value (already checked to be whole).
    pub fn whole(&self, header: &str) -> Option<i64> {
        self.number(header).map(|n| n as i64)
    }

    /// Text of a column (a number as General format shows it).
    pub fn text(&self, header: &str) -> Option<String> {
        match self.values.get(header)? {
            Value::Empty => None,
            Value::Text(s) => Some(s.clone()),
            Value::Number(n) => Some(crate::pipeline::load::workbook::grid::number_text(*n)),
        }
    }
}

/// Reads a record sheet: finds the header row (title rows above it and a second header
/// row under merged group headers are allowed), maps columns by header text (spaces
/// ignored), skips empty rows, and checks each value against its column's kind.
///
/// With `figures_only` (the sheet supplies figures for records written in YAML), only the
/// record's own id and the months are required; names may be left empty.
pub fn records(
    grid: &Grid,
    layout: &SheetLayout,
    figures_only: bool,
    problems: &mut Vec<Problem>,
) -> Vec<Record> {
    let required = |column: &Column| {
        column.required
            && (!figures_only
                || column.header == layout.columns[0].header
                || column.kind == Kind::Month)
    };
    let Some((header_rows, columns)) = header(grid, layout, &required, problems) else {
        return Vec::new();
    };
    let mut out = Vec::new();
    for row in header_rows..grid.height() {
        let mut at = BTreeMap::new();
        let mut values = BTreeMap::new();
        let mut ok = true;
        for (column, index) in layout.columns.iter().zip(&columns) {
            let Some(col) = *index else { continue };
            at.insert(column.header, grid.cell(row, col, column.header));
            match typed(grid, row, col, column) {
                Ok(value) => {
                    values.insert(column.header, value);
                }
                Err(problem) => {
                    problems.push(problem);
                    ok = false;
                }
            }
        }
        if values.values().all(|v| *v == Value::Empty) && ok {
            continue;
        }
        let record = Record {
            at,
            values,
            row_at: grid.cell(row, 0, ""),
        };
        for column in layout.columns.iter().filter(|c| required(c)) {
            if ok
                && record.is_empty(column.header)
                && columns[layout.index(column.header)].is_some()
            {
                problems.push(
                    grid.problem(
                        row,
                        columns[layout.index(column.header)].unwrap_or(0),
                        column.header,
                        format!("`{}` 칸이 비어 있습니다.", column.header),
                    )
                    .hint(column.help),
                );
            }
        }
        out.push(record);
    }
    out
}

/// Reads one cell as its column's kind requires.
fn typed(grid: &Grid, row: u32, col: u32, column: &Column) -> Result<Value, Problem> {
    let name = column.header;
    Ok(match column.kind {
        Kind::Money | Kind::Whole | Kind::Month => match grid.whole(row, col, name)? {
            Some(n) => {
                if column.kind == Kind::Month && !(1..=12).contains(&n) {
                    return Err(grid
                        .problem(
                            row,
                            col,
                            name,
                            format!("월은 1~12 사이여야 하는데 {n}이(가) 있습니다."),
                        )
                        .hint("1월부터 12월 사이의 숫자를 쓰세요."));
                }
                if n < 0 {
                    return Err(grid
                        .problem(row, col, name, format!("음수 {n}은(는) 쓸 수 없습니다."))
                        .hint("0 이상의 정수를 쓰세요."));
                }
                Value::Number(n as f64)
            }
            None => Value::Empty,
        },
        Kind::Decimal => grid
            .number(row, col, name)?
            .map_or(Value::Empty, Value::Number),
        Kind::Choice(words) => match grid.text(row, col, name)? {
            None => Value::Empty,
            Some(word) if words.contains(&word.as_str()) => Value::Text(word),
            Some(word) => {
                return Err(grid
                    .problem(
                        row,
                        col,
                        name,
                        format!("`{word}`은(는) 이 칸에 쓸 수 없는 값입니다."),
                    )
                    .hint(format!("다음 중 하나를 쓰세요: {}", words.join(", "))));
            }
        },
        Kind::Text | Kind::Id | Kind::Ref(_) => {
            grid.text(row, col, name)?.map_or(Value::Empty, Value::Text)
        }
    })
}

/// Letters-only form of a header, so that `국 비` and `국비 ` match `국비`.
fn normalized(text: &str) -> String {
    text.chars().filter(|c| !c.is_whitespace()).collect()
}

/// The text of a cell of the header rows, letters only (see [`normalized`]).
fn header_text(grid: &Grid, row: u32, col: u32) -> String {
    match grid.value(row, col, "") {
        Ok(Value::Text(s)) => normalized(&s),
        _ => String::new(),
    }
}

/// The first and last header row: the rows, from one of the first 20, that name any of the
/// `wanted` columns; `None`, with a problem, when no row does.
fn header_rows(
    grid: &Grid,
    layout: &SheetLayout,
    wanted: &[String],
    problems: &mut Vec<Problem>,
) -> Option<(u32, u32)> {
    let is_header_row =
        |row: u32| (0..grid.width()).any(|col| wanted.contains(&header_text(grid, row, col)));
    let Some(first) = (0..grid.height().min(20)).find(|r| is_header_row(*r)) else {
        problems.push(
            Problem::new(
                &grid.file,
                "",
                format!("`{}` 시트에서 머리글 행을 찾지 못했습니다.", grid.sheet),
            )
            .in_cell(&grid.file, format!("{}!A1", grid.sheet))
            .hint(format!("첫 행에 열 이름을 쓰세요: {}", layout.headers())),
        );
        return None;
    };
    let mut last = first;
    while last + 1 < grid.height() && is_header_row(last + 1) {
        last += 1;
    }
    Some((first, last))
}

/// Finds the header: returns the first data row and each layout column's grid column.
fn header(
    grid: &Grid,
    layout: &SheetLayout,
    required: &dyn Fn(&Column) -> bool,
    problems: &mut Vec<Problem>,
) -> Option<(u32, Vec<Option<u32>>)> {
    let wanted: Vec<String> = layout
        .columns
        .iter()
        .map(|c| normalized(c.header))
        .collect();
    let text_at = |row: u32, col: u32| header_text(grid, row, col);
    let (first, last) = header_rows(grid, layout, &wanted, problems)?;
    let mut columns = vec![None; layout.columns.len()];
    for col in 0..grid.width() {
        // The lowest name in the header rows: a group header merged above it is skipped.
        let name = (first..=last)
            .rev()
            .map(|r| text_at(r, col))
            .find(|t| !t.is_empty());
        let Some(name) = name else { continue };
        match wanted.iter().position(|w| *w == name) {
            Some(i) if columns[i].is_none() => columns[i] = Some(col),
            Some(_) => problems.push(
                grid.problem(last, col, &name, format!("`{name}` 열이 두 번 있습니다."))
                    .hint("같은 이름의 열 하나를 지우세요."),
            ),
            None if (first..=last)
                .all(|r| grid.merge_at(r, col).is_none() && !grid.covered(r, col))
                || last == first =>
            {
                problems.push(
                    grid.problem(last, col, &name, format!("알 수 없는 열 `{name}`입니다."))
                        .hint(format!(
                            "열 이름을 확인하세요. 쓸 수 있는 열: {}",
                            layout.headers()
                        )),
                )
            }
            None => {}
        }
    }
    let mut complete = true;
    for (column, index) in layout.columns.iter().zip(&columns) {
        if required(column) && index.is_none() {
            complete = false;
            problems.push(
                grid.problem(
                    last,
                    0,
                    column.header,
                    format!("`{}` 열이 없습니다.", column.header),
                )
                .hint(format!(
                    "머리글 행에 `{}` 열을 추가하세요: {}",
                    column.header, column.help
                )),
            );
        }
    }
    complete.then_some((last + 1, columns))
}

/// The relative column widths of a 표 sheet's 너비 row, up to its first empty cell.
fn column_widths(grid: &Grid, problems: &mut Vec<Problem>) -> Vec<f64> {
    let mut widths = Vec::new();
    for col in 1..grid.width() {
        match grid.number(3, col, "너비") {
            Ok(Some(w)) if w > 0.0 => widths.push(w),
            Ok(Some(w)) => problems.push(grid.problem(
                3,
                col,
                "너비",
                format!("열 너비는 0보다 커야 하는데 {w}입니다."),
            )),
            Ok(None) => break,
            Err(p) => problems.push(p),
        }
    }
    widths
}

/// The grid columns a 표 sheet's grid uses: up to its last column with a value or a merged
/// cell.
fn used_width(grid: &Grid) -> u32 {
    (1..grid.width())
        .rev()
        .find(|&col| {
            (GRID_ROW..grid.height()).any(|row| {
                grid.merge_at(row, col).is_some()
                    || !matches!(grid.value(row, col, ""), Ok(Value::Empty))
            })
        })
        .map_or(0, |c| c + 1)
}

/// Reads a 표 sheet: caption, unit, source and widths in rows 1–4, then the grid; rows
/// marked `머리` in column A are header rows. Merged cells become spans, `-` an empty
/// cell, an empty cell a blank one, a `SUM` formula a computed total.
pub fn table(grid: &Grid, problems: &mut Vec<Problem>) -> (Table, Cells) {
    let mut cells = Cells::new();
    let labels = labels(grid, &TABLE_LABELS, &mut cells, problems);
    let widths = column_widths(grid, problems);
    let width = used_width(grid);
    let mut header = Vec::new();
    let mut rows: Vec<Vec<Cell>> = Vec::new();
    for row in GRID_ROW..grid.height() {
        let mark = grid.text(row, 0, "구분").unwrap_or_default();
        let mut line = Vec::new();
        let mut line_cells = Vec::new();
        let mut filled = false;
        for col in 1..width {
            if grid.covered(row, col) {
                filled = true;
                continue;
            }
            match table_cell(grid, row, col) {
                Ok(cell) => {
                    filled |= !matches!(&cell, Cell::Full(f) if f.blank && f.cols.is_none() && f.rows.is_none());
                    line_cells.push(grid.cell(row, col, ""));
                    line.push(cell);
                }
                Err(p) => {
                    filled = true;
                    problems.push(p);
                }
            }
        }
        if !filled && mark.is_none() {
            continue;
        }
        let is_header = mark.as_deref() == Some(HEADER_ROW);
        if is_header && !rows.is_empty() {
            problems.push(
                grid.problem(row, 0, "구분", "머리 행은 본문 행보다 앞에 와야 합니다.")
                    .hint("머리 행을 표의 맨 위로 옮기세요."),
            );
        }
        let (list, name) = if is_header {
            (&mut header, "header")
        } else {
            (&mut rows, "rows")
        };
        for (i, at) in line_cells.into_iter().enumerate() {
            cells.insert(format!("{name}[{}][{i}]", list.len()), at);
        }
        list.push(line);
    }
    let [caption, unit, source, _] = labels;
    (
        Table {
            caption,
            unit,
            source,
            widths,
            header,
            rows,
            sheet: None,
            relations: Vec::new(),
        },
        cells,
    )
}

/// One cell of a 표 grid.
fn table_cell(grid: &Grid, row: u32, col: u32) -> Result<Cell, Problem> {
    let (rows, cols) = match grid.merge_at(row, col) {
        Some(m) => (m.end.0 - m.start.0 + 1, m.end.1 - m.start.1 + 1),
        None => (1, 1),
    };
    let span = |n: u32| (n > 1).then_some(n);
    let unit = grid.unit(row, col);
    let formula = grid.formula(row, col);
    let is_sum = formula.is_some_and(|f| f.trim().to_uppercase().starts_with("SUM("));
    if is_sum {
        // gongsi computes the total itself, so a SUM needs no saved value.
        return Ok(Cell::Full(FullCell {
            sum: true,
            unit,
            cols: span(cols),
            rows: span(rows),
            ..FullCell::default()
        }));
    }
    let read = grid.value(row, col, "").map_err(|problem| match formula {
        Some(_) if !grid.saved(row, col) => problem.hint(
            "표 시트에서 gongsi가 직접 계산하는 수식은 SUM(합계)뿐입니다. 다른 수식은 Excel이나 \
             LibreOffice에서 다시 계산해 저장하거나, 값을 직접 쓰세요(구성비·증감률은 `관계` 시트에 \
             적으면 gongsi가 검사합니다).",
        ),
        _ => problem,
    })?;
    let value = match read.clone() {
        Value::Empty => None,
        Value::Text(s) if s == "-" => None,
        Value::Text(s) => Some(Scalar::Text(s)),
        Value::Number(n) => {
            let decimal = n.fract() != 0.0 || grid.decimals(row, col).unwrap_or(0) > 0;
            Some(if decimal || n.abs() >= 1e15 {
                Scalar::Float(n)
            } else {
                Scalar::Int(n as i64)
            })
        }
    };
    let blank = matches!(read, Value::Empty);
    let plain = rows == 1 && cols == 1 && unit.is_none() && !blank;
    Ok(match value {
        Some(Scalar::Int(i)) if plain => Cell::Int(i),
        Some(Scalar::Float(f)) if plain => Cell::Float(f),
        Some(Scalar::Text(s)) if plain => Cell::Text(s),
        None if plain => Cell::Empty(()),
        value => Cell::Full(FullCell {
            value,
            cols: span(cols),
            rows: span(rows),
            unit,
            blank,
            ..FullCell::default()
        }),
    })
}

/// Reads the labelled rows 1–4 (column A label, column B value) of a 표 or 그래프 sheet.
fn labels(
    grid: &Grid,
    expected: &[&str; 4],
    cells: &mut Cells,
    problems: &mut Vec<Problem>,
) -> [Option<String>; 4] {
    let mut out: [Option<String>; 4] = Default::default();
    for (row, label) in expected.iter().enumerate() {
        let row = row as u32;
        match grid.text(row, 0, "") {
            Ok(Some(found)) if normalized(&found) == *label => {}
            Ok(found) => {
                problems.push(
                    grid.problem(
                        row,
                        0,
                        "",
                        format!(
                            "A{}에는 `{label}`이(가) 와야 하는데 `{}`이(가) 있습니다.",
                            row + 1,
                            found.unwrap_or_default()
                        ),
                    )
                    .hint(format!(
                        "표 시트의 1~4행 A열은 {}입니다. 빈양식의 표 시트를 본보기로 쓰세요.",
                        expected.join(", ")
                    )),
                );
                continue;
            }
            Err(p) => {
                problems.push(p);
                continue;
            }
        }
        if *label == "너비" {
            continue;
        }
        match grid.text(row, 1, label) {
            Ok(value) => {
                let key = match *label {
                    "제목" => "caption",
                    "단위" => "unit",
                    "출처" => "source",
                    _ => "kind",
                };
                cells.insert(key.to_string(), grid.cell(row, 1, label));
                out[row as usize] = value;
            }
            Err(p) => problems.push(p),
        }
    }
    out
}

/// Reads a 그래프 sheet: caption, unit, source and kind (막대 or 꺾은선) in rows 1–4; from
/// row 6 a `계열` row of categories, then one row per series.
pub fn chart(grid: &Grid, problems: &mut Vec<Problem>) -> (Chart, Cells) {
    let mut cells = Cells::new();
    let [caption, unit, source, kind] = labels(grid, &CHART_LABELS, &mut cells, problems);
    let kind = match kind.as_deref() {
        Some("막대") => ChartKind::Bar,
        Some("꺾은선") => ChartKind::Line,
        other => {
            problems.push(
                grid.problem(
                    3,
                    1,
                    "종류",
                    format!(
                        "그래프 종류 `{}`을(를) 알 수 없습니다.",
                        other.unwrap_or_default()
                    ),
                )
                .hint("막대 또는 꺾은선을 쓰세요."),
            );
            ChartKind::Bar
        }
    };
    if caption.is_none() {
        problems.push(grid.problem(0, 1, "제목", "그래프 제목이 비어 있습니다."));
    }
    let mut categories = Vec::new();
    for col in 1..grid.width() {
        match grid.text(GRID_ROW, col, "항목") {
            Ok(Some(c)) => categories.push(c),
            Ok(None) => break,
            Err(p) => problems.push(p),
        }
    }
    let mut series = Vec::new();
    for row in GRID_ROW + 1..grid.height() {
        let name = match grid.text(row, 0, "계열") {
            Ok(Some(name)) => name,
            Ok(None) => continue,
            Err(p) => {
                problems.push(p);
                continue;
            }
        };
        let mut values = Vec::new();
        for (i, col) in (1..=categories.len() as u32).enumerate() {
            match grid.number(row, col, &categories[i]) {
                Ok(Some(v)) => {
                    let decimal = grid.decimals(row, col).unwrap_or(0) > 0;
                    values.push(ChartValue::new(v, decimal))
                }
                Ok(None) => problems.push(
                    grid.problem(row, col, &categories[i], "그래프 값이 비어 있습니다.")
                        .hint("숫자를 쓰세요."),
                ),
                Err(p) => problems.push(p),
            }
            cells.insert(
                format!("series[{}].values[{i}]", series.len()),
                grid.cell(row, col, ""),
            );
        }
        series.push(Series { name, values });
    }
    (
        Chart {
            caption: caption.unwrap_or_default(),
            unit,
            source,
            kind,
            categories,
            series,
        },
        cells,
    )
}

/// The record sheets a workbook has, read; a sheet that is absent is `None`.
pub struct Sheets {
    /// `계획`.
    pub plan: Option<Vec<Record>>,
    /// `목표`.
    pub targets: Option<Vec<Record>>,
    /// `전략`.
    pub strategies: Option<Vec<Record>>,
    /// `과제`.
    pub tasks: Option<Vec<Record>>,
    /// `사업`.
    pub projects: Option<Vec<Record>>,
    /// `일정`.
    pub schedule: Option<Vec<Record>>,
    /// `본문`.
    pub body: Option<Vec<Record>>,
}

/// The 계산 관계 of the `관계` sheet, by table sheet name, each with its cells
/// (relative to the relation: `""` for the row, `of`, `base`, …).
pub fn relations(
    book: &mut Workbook,
    problems: &mut Vec<Problem>,
) -> BTreeMap<String, Vec<(Relation, Cells)>> {
    let mut out: BTreeMap<String, Vec<(Relation, Cells)>> = BTreeMap::new();
    let Some(name) = book.sheet(sheets::RELATIONS.name) else {
        return out;
    };
    let grid = match book.grid(&name, false) {
        Ok(grid) => grid,
        Err(p) => {
            problems.push(p);
            return out;
        }
    };
    for record in records(&grid, &sheets::RELATIONS, false, problems) {
        let list = |header: &str, problems: &mut Vec<Problem>| -> Vec<u32> {
            let text = record.text(header).unwrap_or_default();
            let mut numbers = Vec::new();
            for part in text.split([',', ' ']).filter(|p| !p.is_empty()) {
                match part.parse::<u32>() {
                    Ok(n) => numbers.push(n),
                    Err(_) => {
                        problems.push(
                            Problem::new(
                                &grid.file,
                                "",
                                format!("`{text}`에서 번호 `{part}`을(를) 읽을 수 없습니다."),
                            )
                            .in_cell(&grid.file, record.cell(header))
                            .hint("1 이상의 번호를 쉼표로 구분해 쓰세요. 예: 2, 3"),
                        );
                        return Vec::new();
                    }
                }
            }
            numbers
        };
        let kind = match record.text("종류").as_deref() {
            Some("합계") => RelationKind::Sum,
            Some("구성비") => RelationKind::Share,
            Some("증감률") => RelationKind::Change,
            Some("증감") => RelationKind::Difference,
            _ => RelationKind::Ratio,
        };
        let line = |header: &str| record.whole(header).map(|n| n.max(0) as u32);
        let relation = Relation {
            kind,
            column: line("열"),
            row: line("행"),
            of: list("대상", problems),
            base: line("전체"),
            step: record.number("간격").map(|n| n as i32),
            only: list("해당", problems),
            scale: record.number("배율"),
        };
        let mut cells = Cells::new();
        cells.insert(String::new(), record.cell("표 시트"));
        for (header, field) in [
            ("종류", "kind"),
            ("열", "column"),
            ("행", "row"),
            ("대상", "of"),
            ("전체", "base"),
            ("간격", "step"),
            ("해당", "only"),
            ("배율", "scale"),
        ] {
            cells.insert(field.to_string(), record.cell(header));
        }
        let sheet = record.text("표 시트").unwrap_or_default();
        out.entry(sheet).or_default().push((relation, cells));
    }
    out
}

/// Reads every record sheet that is present; `figures_only` for the strategy sheets when
/// the strategies are written in YAML.
pub fn sheets(book: &mut Workbook, figures_only: bool, problems: &mut Vec<Problem>) -> Sheets {
    let strategy_sheets = [
        sheets::STRATEGIES.name,
        sheets::TASKS.name,
        sheets::PROJECTS.name,
        sheets::SCHEDULE.name,
    ];
    let mut read = |layout: &SheetLayout| -> Option<Vec<Record>> {
        let name = book.sheet(layout.name)?;
        let figures_only = figures_only && strategy_sheets.contains(&layout.name);
        match book.grid(&name, false) {
            Ok(grid) => Some(records(&grid, layout, figures_only, problems)),
            Err(p) => {
                problems.push(p);
                None
            }
        }
    };
    Sheets {
        plan: read(&sheets::PLAN),
        targets: read(&sheets::TARGETS),
        strategies: read(&sheets::STRATEGIES),
        tasks: read(&sheets::TASKS),
        projects: read(&sheets::PROJECTS),
        schedule: read(&sheets::SCHEDULE),
        body: read(&sheets::BODY),
    }
}
