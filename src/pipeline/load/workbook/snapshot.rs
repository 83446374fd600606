//! 통합문서 사본 (a workbook as read): every sheet's cells, formulas, number formats and
//! merged areas, in the plain form the reading child ([`super::child`]) sends gongsi
//! ([`super::isolated`]) as JSON on its standard output. Nothing here reads a file: it is the
//! data that crosses from the process that may be killed to the one that must not be.

use serde::{Deserialize, Serialize};

use crate::model::problem::Problem;
use std::path::Path;

/// The first line of the child's answer: which program and which form of the answer
/// follows, so that a program that is not gongsi's reader (or another version) is noticed.
pub const HEADER: &str = "gongsi-workbook-snapshot 1\n";

/// What the child answers: the workbook read, or why it was refused (about the workbook
/// as a whole: not a workbook, too many sheets, a zip bomb, a far cell found by the scan).
pub type Answer = Result<Snapshot, Vec<Refusal>>;

/// The sheets of a workbook, in workbook order.
#[derive(Debug, Default, Serialize, Deserialize)]
pub struct Snapshot {
    /// Every sheet, read or refused on its own.
    pub sheets: Vec<Sheet>,
}

/// One sheet: its name and its cells, or the problem that kept it from being read.
#[derive(Debug, Serialize, Deserialize)]
pub struct Sheet {
    /// The sheet's name as the workbook writes it.
    pub name: String,
    /// Its cells, or why they could not be read (a cell beyond the limits, a damaged part).
    pub cells: Result<Cells, Refusal>,
}

/// A sheet's cells, sparse: only the cells that hold something.
#[derive(Debug, Clone, Default, Serialize, Deserialize)]
pub struct Cells {
    /// The last row and column of the values' range (the reader's used range: it may end
    /// past the last cell holding a value).
    pub end: Option<(u32, u32)>,
    /// The cells holding a value: row, column, value.
    pub values: Vec<(u32, u32, Raw)>,
    /// The cells holding a formula: row, column, formula text as the reader gives it.
    pub formulas: Vec<(u32, u32, String)>,
    /// The number format codes that show decimals or a unit (`#,##0.0"명"`), by cell; not
    /// read for the record sheets (`계획`, `사업` …) and `안내`, whose formats nothing uses.
    pub formats: Vec<(u32, u32, String)>,
    /// The merged areas: first and last cell.
    pub merges: Vec<((u32, u32), (u32, u32))>,
}

/// One cell's value as the reader gave it. Numbers travel as the bits of their `f64`, so
/// that every value arrives exactly as it was read.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub enum Raw {
    /// Text (also a date or duration written as ISO text), untrimmed.
    Text(String),
    /// A floating-point number, as `f64::to_bits`.
    Float(u64),
    /// An integer.
    Int(i64),
    /// True or false.
    Bool(bool),
    /// A date and time as an Excel serial number, as `f64::to_bits`.
    Date(u64),
    /// An error value (`#DIV/0!`), as the reader writes it.
    Error(String),
}

/// A problem found by the child, without the file (gongsi knows which file it sent).
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct Refusal {
    /// `시트!셀`, when the problem has a cell.
    pub cell: Option<String>,
    /// What is wrong.
    pub message: String,
    /// How to fix it.
    pub hint: Option<String>,
}

impl Refusal {
    /// The refusal of `problem` (its file is dropped).
    pub fn of(problem: Problem) -> Self {
        Refusal {
            cell: problem.cell,
            message: problem.message,
            hint: problem.hint,
        }
    }

    /// The problem it stands for, in the workbook `shown`.
    pub fn problem(&self, shown: &Path) -> Problem {
        let mut problem = Problem::new(shown, "", self.message.clone());
        if let Some(cell) = &self.cell {
            problem = problem.in_cell(shown, cell.clone());
        }
        problem.hint = self.hint.clone();
        problem
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numbers_cross_exactly_and_problems_keep_their_cell() {
        let value: f64 = 0.1 + 0.2;
        let cells = Cells {
            end: Some((3, 2)),
            values: vec![(3, 2, Raw::Float(value.to_bits()))],
            ..Cells::default()
        };
        let text = serde_json::to_string(&cells).unwrap();
        let back: Cells = serde_json::from_str(&text).unwrap();
        assert_eq!(back.values[0].2, Raw::Float(value.to_bits()));
        let problem = Problem::new(Path::new("x"), "", "넓음")
            .in_cell(Path::new("x"), "표!A1")
            .hint("지우세요");
        let again = Refusal::of(problem).problem(Path::new("계획.xlsx"));
        assert_eq!(again.file, Path::new("계획.xlsx"));
        assert_eq!(again.cell.as_deref(), Some("표!A1"));
        assert_eq!(again.hint.as_deref(), Some("지우세요"));
    }
}
