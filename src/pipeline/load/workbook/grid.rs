//! One sheet's cells as gongsi reads them: formulas by their saved (cached) result, text
//! trimmed, numbers typed as text accepted, merged areas and number formats where the file
//! format records them; every problem named `시트!셀 [열]`.

// A problem is the rare path and is moved once into a list; boxing it would buy nothing.
#![allow(clippy::result_large_err)]

use std::collections::{HashMap, HashSet};
use std::fs::File;
use std::io::BufReader;
use std::path::{Path, PathBuf};

use calamine::{Data, DataRef, Dimensions, Range, Reader, Sheets, StyleRange, open_workbook_auto};

use crate::model::error::{Error, shielded};
use crate::model::limits;
use crate::model::problem::Problem;
use crate::pipeline::load::workbook::cell_name;
use crate::pipeline::load::workbook::extent::{self, Extent};
use crate::pipeline::load::workbook::formats::{CellLayout, Formats, format_decimals, format_unit};

/// An open workbook.
pub struct Workbook {
    /// The path shown in messages (relative to the plan folder when inside one).
    pub file: PathBuf,
    sheets: Sheets<BufReader<File>>,
    /// The used ranges of the sheets read so far, against [`limits::WORKBOOK_AREA`].
    extent: Extent,
    /// The sheets already counted in `extent`.
    counted: HashSet<String>,
    /// What calamine does not read of an ods or xls file, by sheet ([`super::ods`],
    /// [`super::xls`]).
    layouts: HashMap<String, CellLayout>,
}

impl Workbook {
    /// Opens the workbook at `path`; `shown` is how messages name it. What would make the
    /// reader build something huge is refused first ([`super::extent`]); a reader that fails
    /// on a file it did not expect is an error about the file, never a crash.
    pub fn open(path: &Path, shown: &Path) -> Result<Self, Error> {
        let refuse = |problem: Problem| Error::Input(vec![problem]);
        let meta = std::fs::metadata(path).map_err(|e| Error::io("통합문서 열기", path, e))?;
        if !meta.is_file() {
            return Err(refuse(
                Problem::new(
                    shown,
                    "",
                    "보통 파일이 아닙니다 (폴더, 장치, 파이프(FIFO), 소켓).",
                )
                .hint("통합문서는 보통 파일이어야 합니다."),
            ));
        }
        if meta.len() > limits::FILE_BYTES {
            return Err(refuse(crate::pipeline::load::textfile::too_large(
                shown,
                meta.len(),
            )));
        }
        let extension = path
            .extension()
            .map(|e| e.to_string_lossy().to_lowercase())
            .unwrap_or_default();
        let mut layouts = HashMap::new();
        match extension.as_str() {
            "xlsx" | "xlsb" => extent::check_zip(path, shown).map_err(refuse)?,
            "ods" => {
                extent::check_zip(path, shown).map_err(refuse)?;
                extent::check_ods(path, shown).map_err(refuse)?;
                layouts = super::ods::read(path)
                    .map_err(|detail| refuse(extent::not_a_workbook(shown, &detail)))?;
            }
            "xls" => {
                extent::check_xls(path, shown).map_err(refuse)?;
                let stream = extent::biff_stream(path)
                    .map_err(|detail| refuse(extent::not_a_workbook(shown, &detail)))?;
                layouts = super::xls::formats(&stream)
                    .into_iter()
                    .map(|(sheet, formats)| {
                        let merges = Vec::new();
                        (sheet, CellLayout { merges, formats })
                    })
                    .collect();
            }
            _ => {}
        }
        let opened = shielded(|| open_workbook_auto(path))
            .map_err(|panic| refuse(extent::not_a_workbook(shown, &panic)))?;
        let sheets = opened.map_err(|e| refuse(extent::not_a_workbook(shown, &e.to_string())))?;
        let count = sheets.sheet_names().len();
        if count > limits::SHEETS {
            return Err(refuse(
                Problem::new(
                    shown,
                    "",
                    format!(
                        "시트가 {}개입니다 (통합문서 하나에 {}개까지).",
                        limits::count(count as u64),
                        limits::count(limits::SHEETS as u64)
                    ),
                )
                .hint("쓰지 않는 시트를 지우고 저장하세요."),
            ));
        }
        Ok(Workbook {
            file: shown.to_path_buf(),
            sheets,
            extent: Extent::default(),
            counted: HashSet::new(),
            layouts,
        })
    }

    /// Sheet names, in workbook order.
    pub fn sheet_names(&self) -> Vec<String> {
        self.sheets.sheet_names()
    }

    /// Whether the workbook has a sheet called `name` (spaces around it ignored).
    pub fn sheet(&self, name: &str) -> Option<String> {
        self.sheet_names().into_iter().find(|n| n.trim() == name)
    }

    /// Reads sheet `name`; `styled` also reads number formats (for 표 sheets). Every cell
    /// holding a value must be within [`limits::SHEET_ROWS`] × [`limits::SHEET_COLUMNS`], and
    /// the used ranges of all sheets within [`limits::WORKBOOK_AREA`], before a grid is built.
    pub fn grid(&mut self, name: &str, styled: bool) -> Result<Grid, Problem> {
        let file = self.file.clone();
        let unreadable = |detail: String| {
            Problem::new(
                &file,
                "",
                format!("시트 `{name}`을(를) 읽을 수 없습니다: 파일이 손상되었을 수 있습니다 ({detail})."),
            )
            .in_cell(&file, format!("{name}!A1"))
            .hint("Excel이나 LibreOffice에서 파일을 열어 다시 저장해 보세요.")
        };
        let extent = &self.extent;
        let read = shielded(|| -> Result<(Range<Data>, Range<String>), Problem> {
            match &mut self.sheets {
                Sheets::Xlsx(x) => xlsx_cells(x, name, &file, extent),
                Sheets::Xlsb(x) => xlsb_cells(x, name, &file, extent),
                // Checked whole before opening (extent::check_xls, check_ods).
                sheets => {
                    let values = sheets
                        .worksheet_range(name)
                        .map_err(|e| unreadable(e.to_string()))?;
                    let formulas = sheets.worksheet_formula(name).unwrap_or_default();
                    Ok((values, formulas))
                }
            }
        });
        let (values, formulas) = read.map_err(&unreadable)??;
        if self.counted.insert(name.to_string()) {
            let wide = |(r, c): (u32, u32)| (u64::from(r), u64::from(c));
            let ranges = [
                values.start().zip(values.end()),
                formulas.start().zip(formulas.end()),
            ];
            for (first, last) in ranges.into_iter().flatten() {
                self.extent
                    .sheet(&self.file, name, wide(first), wide(last))?;
            }
        }
        let styles = if styled {
            shielded(|| self.sheets.worksheet_style(name).ok())
                .ok()
                .flatten()
                .unwrap_or_else(StyleRange::empty)
        } else {
            StyleRange::empty()
        };
        let layout = self.layouts.get(name).cloned().unwrap_or_default();
        let merges = shielded(|| match &mut self.sheets {
            Sheets::Xlsx(x) => x.merge_cells_by_sheet_name(name).unwrap_or_default(),
            Sheets::Xls(x) => x.merge_cells_by_sheet_name(name).unwrap_or_default(),
            Sheets::Ods(_) => layout.merges,
            Sheets::Xlsb(_) => Vec::new(),
        })
        .unwrap_or_default();
        let formats = if styled {
            layout.formats
        } else {
            Formats::new()
        };
        if merges.len() > limits::TABLE_CELLS {
            return Err(unreadable(format!("병합된 칸 {}개", merges.len())));
        }
        Ok(Grid {
            file: self.file.clone(),
            sheet: name.to_string(),
            values,
            formulas,
            styles,
            formats,
            merges,
        })
    }
}

/// An xlsx sheet's values and formulas, read cell by cell: a value cell beyond the limits
/// stops the reading there, before any grid is built.
fn xlsx_cells(
    book: &mut calamine::Xlsx<BufReader<File>>,
    name: &str,
    file: &Path,
    extent: &Extent,
) -> Result<(Range<Data>, Range<String>), Problem> {
    let broken = |e: calamine::XlsxError| extent::not_a_workbook(file, &format!("{name}: {e}"));
    let mut reader = match book.worksheet_cells_reader(name) {
        Ok(reader) => reader,
        // A chart sheet holds no cells.
        Err(calamine::XlsxError::NotAWorksheet(_)) => return Ok((Range::empty(), Range::empty())),
        Err(e) => return Err(broken(e)),
    };
    let (mut values, mut formulas) = (Vec::new(), Vec::new());
    while let Some(cell) = reader.next_cell_with_formula().map_err(broken)? {
        let holds = !matches!(cell.value, DataRef::Empty);
        let formula = cell.formula.filter(|f| !f.is_empty());
        if !holds && formula.is_none() {
            continue;
        }
        let (row, col) = cell.pos;
        extent.cell(file, name, u64::from(row), u64::from(col))?;
        if values.len() + formulas.len() > limits::WORKBOOK_AREA as usize {
            return Err(extent::not_a_workbook(file, "too many cells"));
        }
        if holds {
            values.push(calamine::Cell::new(cell.pos, Data::from(cell.value)));
        }
        if let Some(formula) = formula {
            formulas.push(calamine::Cell::new(cell.pos, formula));
        }
    }
    Ok((Range::from_sparse(values), Range::from_sparse(formulas)))
}

/// An xlsb sheet's values and formulas, read cell by cell like [`xlsx_cells`].
fn xlsb_cells(
    book: &mut calamine::Xlsb<BufReader<File>>,
    name: &str,
    file: &Path,
    extent: &Extent,
) -> Result<(Range<Data>, Range<String>), Problem> {
    let broken = |e: calamine::XlsbError| extent::not_a_workbook(file, &format!("{name}: {e}"));
    let mut values = Vec::new();
    {
        let mut reader = book.worksheet_cells_reader(name).map_err(broken)?;
        while let Some(cell) = reader.next_cell().map_err(broken)? {
            if matches!(cell.get_value(), DataRef::Empty) {
                continue;
            }
            let (row, col) = cell.get_position();
            extent.cell(file, name, u64::from(row), u64::from(col))?;
            if values.len() > limits::WORKBOOK_AREA as usize {
                return Err(extent::not_a_workbook(file, "too many cells"));
            }
            values.push(calamine::Cell::new(
                cell.get_position(),
                Data::from(cell.get_value().clone()),
            ));
        }
    }
    let mut formulas = Vec::new();
    let mut reader = book.worksheet_cells_reader(name).map_err(broken)?;
    while let Some(cell) = reader.next_formula().map_err(broken)? {
        if cell.get_value().is_empty() {
            continue;
        }
        let (row, col) = cell.get_position();
        extent.cell(file, name, u64::from(row), u64::from(col))?;
        if formulas.len() > limits::WORKBOOK_AREA as usize {
            return Err(extent::not_a_workbook(file, "too many cells"));
        }
        formulas.push(cell);
    }
    Ok((Range::from_sparse(values), Range::from_sparse(formulas)))
}

/// One value as read from a cell.
#[derive(Debug, Clone, PartialEq)]
pub enum Value {
    /// Nothing in the cell.
    Empty,
    /// Text, trimmed.
    Text(String),
    /// A number (a formula's saved result included).
    Number(f64),
}

/// The cells of one sheet.
pub struct Grid {
    /// The workbook, as messages name it.
    pub file: PathBuf,
    /// The sheet's name.
    pub sheet: String,
    values: Range<Data>,
    formulas: Range<String>,
    styles: StyleRange,
    formats: Formats,
    merges: Vec<Dimensions>,
}

impl Grid {
    /// One past the last used row.
    pub fn height(&self) -> u32 {
        self.values.end().map_or(0, |(r, _)| r + 1)
    }

    /// One past the last used column.
    pub fn width(&self) -> u32 {
        self.values.end().map_or(0, |(_, c)| c + 1)
    }

    /// `시트!셀`, with the column's name when there is one: `사업!F12 [국비]`.
    pub fn cell(&self, row: u32, col: u32, column: &str) -> String {
        let name = format!("{}!{}", self.sheet, cell_name(row, col));
        if column.is_empty() {
            name
        } else {
            format!("{name} [{column}]")
        }
    }

    /// A problem at a cell.
    pub fn problem(&self, row: u32, col: u32, column: &str, message: impl Into<String>) -> Problem {
        Problem::new(&self.file, "", message).in_cell(&self.file, self.cell(row, col, column))
    }

    /// The formula in a cell, without its `=`.
    pub fn formula(&self, row: u32, col: u32) -> Option<&str> {
        self.formulas
            .get_value((row, col))
            // LibreOffice's ods formulas start `of:=` (OpenFormula).
            .map(|f| f.trim_start_matches("of:").trim_start_matches('='))
            .filter(|f| !f.is_empty())
    }

    /// Whether the file holds a value for the cell (for a formula: its saved result).
    pub fn saved(&self, row: u32, col: u32) -> bool {
        !matches!(self.values.get_value((row, col)), None | Some(Data::Empty))
    }

    /// The value of a cell: a formula by its saved result, text trimmed.
    pub fn value(&self, row: u32, col: u32, column: &str) -> Result<Value, Problem> {
        let data = self.values.get_value((row, col)).unwrap_or(&Data::Empty);
        Ok(match data {
            Data::Empty => {
                if let Some(formula) = self.formula(row, col) {
                    return Err(self
                        .problem(row, col, column, format!("수식 `={formula}`의 계산된 값이 파일에 저장되어 있지 않습니다."))
                        .hint("Excel이나 LibreOffice에서 파일을 열어 다시 계산한 뒤 저장하세요(프로그램이 만든 파일은 값 없이 수식만 있을 수 있습니다)."));
                }
                Value::Empty
            }
            Data::String(s) | Data::DateTimeIso(s) | Data::DurationIso(s) => {
                let chars = s.chars().count();
                if chars > limits::TEXT_CHARS {
                    return Err(self
                        .problem(row, col, column, limits::too_long(chars))
                        .hint("긴 글은 여러 행으로 나누세요."));
                }
                let s = s.trim();
                if s.is_empty() {
                    Value::Empty
                } else {
                    Value::Text(s.to_string())
                }
            }
            Data::Float(f) => Value::Number(*f),
            Data::Int(i) => Value::Number(*i as f64),
            Data::Bool(b) => Value::Text(if *b { "예" } else { "아니오" }.to_string()),
            Data::DateTime(d) => Value::Text(date_text(d.as_f64())),
            Data::Error(e) => {
                return Err(self
                    .problem(
                        row,
                        col,
                        column,
                        format!("칸에 오류 값 {e}이(가) 있습니다."),
                    )
                    .hint("수식이 참조하는 칸을 확인해 오류를 없애세요."));
            }
        })
    }

    /// A text cell; a number is taken as the text it shows (`2021`, `3.5`).
    pub fn text(&self, row: u32, col: u32, column: &str) -> Result<Option<String>, Problem> {
        Ok(match self.value(row, col, column)? {
            Value::Empty => None,
            Value::Text(s) => Some(s),
            Value::Number(n) => Some(number_text(n)),
        })
    }

    /// A number cell; text that is a number (`38,000`, ` 12 `) is accepted.
    pub fn number(&self, row: u32, col: u32, column: &str) -> Result<Option<f64>, Problem> {
        match self.value(row, col, column)? {
            Value::Empty => Ok(None),
            Value::Number(n) => Ok(Some(n)),
            Value::Text(s) => parse_number(&s).map(Some).ok_or_else(|| {
                self.problem(
                    row,
                    col,
                    column,
                    format!("숫자가 와야 할 칸에 글 `{s}`이(가) 있습니다."),
                )
                .hint("숫자만 쓰세요(쉼표는 써도 됩니다). 값이 없으면 칸을 비우세요.")
            }),
        }
    }

    /// A whole-number cell.
    pub fn whole(&self, row: u32, col: u32, column: &str) -> Result<Option<i64>, Problem> {
        let Some(n) = self.number(row, col, column)? else {
            return Ok(None);
        };
        if n.fract() != 0.0 || n.abs() > limits::NUMBER {
            return Err(self
                .problem(
                    row,
                    col,
                    column,
                    format!("정수가 와야 할 칸에 {}이(가) 있습니다.", number_text(n)),
                )
                .hint("소수점 없이 정수로 쓰세요. 금액은 천원 단위입니다."));
        }
        Ok(Some(n as i64))
    }

    /// The merged area that starts at this cell, if any.
    pub fn merge_at(&self, row: u32, col: u32) -> Option<Dimensions> {
        self.merges.iter().copied().find(|m| m.start == (row, col))
    }

    /// Whether the cell is hidden under a merged area that starts elsewhere.
    pub fn covered(&self, row: u32, col: u32) -> bool {
        self.merges
            .iter()
            .any(|m| m.contains(row, col) && m.start != (row, col))
    }

    /// Decimal places the cell's number format shows (`0.0` → 1), when recorded.
    pub fn decimals(&self, row: u32, col: u32) -> Option<usize> {
        Some(format_decimals(&self.format_code(row, col)?))
    }

    /// The unit the number format appends (`#,##0"명"` or `#,##0\명` → `명`), when recorded.
    pub fn unit(&self, row: u32, col: u32) -> Option<String> {
        format_unit(&self.format_code(row, col)?)
    }

    /// The cell's number format code: from the styles calamine reads (xlsx), else from
    /// what gongsi read of the file itself (ods, xls; see [`Formats`]).
    fn format_code(&self, row: u32, col: u32) -> Option<String> {
        if let Some(format) = self
            .styles
            .get((row, col))
            .and_then(|s| s.number_format.as_ref())
        {
            return Some(format.format_code.clone());
        }
        self.formats.get(&(row, col)).cloned()
    }
}

/// A number as a cell shows it in General format: `2021`, `3.5`.
pub fn number_text(n: f64) -> String {
    if n.fract() == 0.0 && n.abs() < 1e15 {
        format!("{}", n as i64)
    } else {
        format!("{n}")
    }
}

/// Parses number text as staff type it: `38,000`, ` 12 `, `△3.2` or `-3.2`.
pub fn parse_number(text: &str) -> Option<f64> {
    let cleaned: String = text
        .chars()
        .filter(|c| *c != ',' && !c.is_whitespace())
        .collect();
    let (negative, digits) = match cleaned.strip_prefix('△') {
        Some(rest) => (true, rest),
        None => (false, cleaned.as_str()),
    };
    let value: f64 = digits.parse().ok()?;
    value
        .is_finite()
        .then_some(if negative { -value } else { value })
}

/// `YYYY-MM-DD` of an Excel date serial (days since 1899-12-30).
fn date_text(serial: f64) -> String {
    // Howard Hinnant's civil-from-days, shifted from the Unix epoch.
    let days = serial.floor() as i64 - 25569;
    let z = days + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z - era * 146_097;
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let day = doy - (153 * mp + 2) / 5 + 1;
    let month = if mp < 10 { mp + 3 } else { mp - 9 };
    let year = yoe + era * 400 + i64::from(month <= 2);
    format!("{year:04}-{month:02}-{day:02}")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numbers_typed_as_text_are_read() {
        assert_eq!(parse_number(" 38,000 "), Some(38000.0));
        assert_eq!(parse_number("△3.2"), Some(-3.2));
        assert_eq!(parse_number("-3.2"), Some(-3.2));
        assert_eq!(parse_number("삼만"), None);
        assert_eq!(parse_number("NaN"), None);
        assert_eq!(parse_number(""), None);
    }

    #[test]
    fn excel_dates_become_iso_dates() {
        assert_eq!(date_text(44316.0), "2021-04-30");
        assert_eq!(date_text(25569.0), "1970-01-01");
        assert_eq!(date_text(36526.0), "2000-01-01");
    }

    #[test]
    fn general_format_numbers() {
        assert_eq!(number_text(2021.0), "2021");
        assert_eq!(number_text(3.5), "3.5");
    }
}
