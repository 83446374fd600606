//! One sheet's cells as gongsi reads them: formulas by their saved (cached) result, text
//! trimmed, numbers typed as text accepted, merged areas and number formats where the file
//! format records them; every problem named `시트!셀 [열]`. The cells come from the reading
//! child ([`super::isolated`]) as a [`Snapshot`]; nothing here parses the file.

// A problem is the rare path and is moved once into a list; boxing it would buy nothing.
#![allow(clippy::result_large_err)]

use std::collections::HashMap;
use std::path::{Path, PathBuf};

use calamine::Dimensions;

use crate::model::error::Error;
use crate::model::limits;
use crate::model::problem::Problem;
use crate::pipeline::load::opened;
use crate::pipeline::load::workbook::cell_name;
use crate::pipeline::load::workbook::formats::{Formats, format_decimals, format_unit};
use crate::pipeline::load::workbook::isolated;
use crate::pipeline::load::workbook::snapshot::{Raw, Sheet, Snapshot};

/// An open workbook: its sheets as the reading child read them.
pub struct Workbook {
    /// The path shown in messages (relative to the plan folder when inside one).
    pub file: PathBuf,
    sheets: Vec<Sheet>,
}

impl Workbook {
    /// Opens the workbook at `path`; `shown` is how messages name it.
    pub fn open(path: &Path, shown: &Path) -> Result<Self, Error> {
        let file =
            opened::open_inside(path, None, shown).map_err(|e| e.into_error("통합문서 열기"))?;
        Self::read(&file, path, shown)
    }

    /// Reads the open workbook `file` (at `path`; `shown` is how messages name it). Its
    /// bytes are read once, here, and read as a workbook by the reading child
    /// ([`isolated`]): a file that would make the reader build something huge, or crash, is
    /// an error about the file.
    pub fn read(file: &std::fs::File, path: &Path, shown: &Path) -> Result<Self, Error> {
        let bytes =
            opened::read_whole(file, path, shown).map_err(|e| e.into_error("통합문서 읽기"))?;
        let extension = path
            .extension()
            .map(|e| e.to_string_lossy().to_lowercase())
            .unwrap_or_default();
        let Snapshot { sheets } = isolated::read(bytes, &extension, shown).map_err(Error::Input)?;
        Ok(Workbook {
            file: shown.to_path_buf(),
            sheets,
        })
    }

    /// Sheet names, in workbook order.
    pub fn sheet_names(&self) -> Vec<String> {
        self.sheets.iter().map(|s| s.name.clone()).collect()
    }

    /// Whether the workbook has a sheet called `name` (spaces around it ignored).
    pub fn sheet(&self, name: &str) -> Option<String> {
        self.sheet_names().into_iter().find(|n| n.trim() == name)
    }

    /// Sheet `name`; `styled` also gives its number formats (for 표 sheets). Every cell
    /// holding a value was within [`limits::SHEET_ROWS`] × [`limits::SHEET_COLUMNS`], and the
    /// used ranges of all sheets within [`limits::WORKBOOK_AREA`], or the sheet is a problem.
    pub fn grid(&self, name: &str, styled: bool) -> Result<Grid, Problem> {
        let sheet = self.sheets.iter().find(|s| s.name == name).ok_or_else(|| {
            Problem::new(&self.file, "", format!("시트 `{name}`이(가) 없습니다."))
                .in_cell(&self.file, format!("{name}!A1"))
        })?;
        let cells = sheet
            .cells
            .as_ref()
            .map_err(|refusal| refusal.problem(&self.file))?;
        Ok(Grid {
            file: self.file.clone(),
            sheet: name.to_string(),
            end: cells.end,
            values: by_cell(&cells.values),
            formulas: by_cell(&cells.formulas),
            formats: if styled {
                by_cell(&cells.formats)
            } else {
                Formats::new()
            },
            merges: cells
                .merges
                .iter()
                .map(|(start, end)| Dimensions::new(*start, *end))
                .collect(),
        })
    }
}

/// A list of (row, column, value) as a map by cell.
fn by_cell<T: Clone>(cells: &[(u32, u32, T)]) -> HashMap<(u32, u32), T> {
    cells
        .iter()
        .map(|(row, col, value)| ((*row, *col), value.clone()))
        .collect()
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
    /// The last row and column of the used range.
    end: Option<(u32, u32)>,
    values: HashMap<(u32, u32), Raw>,
    formulas: HashMap<(u32, u32), String>,
    formats: Formats,
    merges: Vec<Dimensions>,
}

impl Grid {
    /// One past the last used row.
    pub fn height(&self) -> u32 {
        self.end.map_or(0, |(r, _)| r + 1)
    }

    /// One past the last used column.
    pub fn width(&self) -> u32 {
        self.end.map_or(0, |(_, c)| c + 1)
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
            .get(&(row, col))
            // LibreOffice's ods formulas start `of:=` (OpenFormula).
            .map(|f| f.trim_start_matches("of:").trim_start_matches('='))
            .filter(|f| !f.is_empty())
    }

    /// Whether the file holds a value for the cell (for a formula: its saved result).
    pub fn saved(&self, row: u32, col: u32) -> bool {
        self.values.contains_key(&(row, col))
    }

    /// The value of a cell: a formula by its saved result, text trimmed.
    pub fn value(&self, row: u32, col: u32, column: &str) -> Result<Value, Problem> {
        let Some(raw) = self.values.get(&(row, col)) else {
            if let Some(formula) = self.formula(row, col) {
                return Err(self
                    .problem(row, col, column, format!("수식 `={formula}`의 계산된 값이 파일에 저장되어 있지 않습니다."))
                    .hint("Excel이나 LibreOffice에서 파일을 열어 다시 계산한 뒤 저장하세요(프로그램이 만든 파일은 값 없이 수식만 있을 수 있습니다)."));
            }
            return Ok(Value::Empty);
        };
        Ok(match raw {
            Raw::Text(s) => {
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
            Raw::Float(bits) if f64::from_bits(*bits).is_finite() => {
                Value::Number(f64::from_bits(*bits))
            }
            Raw::Float(_) => {
                return Err(self
                    .problem(
                        row,
                        col,
                        column,
                        "칸의 숫자가 올바르지 않습니다 (무한대나 NaN).",
                    )
                    .hint("Excel이나 LibreOffice에서 이 칸의 값을 다시 적고 저장하세요."));
            }
            Raw::Int(i) => Value::Number(*i as f64),
            Raw::Bool(b) => Value::Text(if *b { "예" } else { "아니오" }.to_string()),
            Raw::Date(bits) => Value::Text(date_text(f64::from_bits(*bits))),
            Raw::Error(e) => {
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

    /// The cell's number format code, when it shows decimals or a unit (read for a
    /// styled grid only).
    fn format_code(&self, row: u32, col: u32) -> Option<String> {
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
