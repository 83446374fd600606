//! 문제 (problem): one problem in a plan's data with its place and how to fix it, and a
//! finding of the checks — a problem with its severity (오류 or 경고) and, for a broken
//! figure, what was printed and what it should be.
//!
//! A finding is an error (오류: the plan cannot be rendered) or a warning (경고: a figure
//! that breaks the plan's arithmetic). Both carry a [`Problem`], so they are placed the
//! same way: YAML file, line and column, or a workbook's `시트!셀`.

use std::fmt;
use std::path::{Path, PathBuf};

use serde::Serialize;

/// One problem in the input data, with where it is and how to fix it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Problem {
    /// The file, relative to the plan folder when possible.
    pub file: PathBuf,
    /// 1-based line, when known.
    pub line: Option<usize>,
    /// 1-based column, when known.
    pub column: Option<usize>,
    /// The workbook cell, e.g. `사업!F12 [국비]` (sheet, cell and column name), when the
    /// value came from a workbook.
    pub cell: Option<String>,
    /// Data path inside the file, e.g. `tasks[0].projects[1].budget`.
    pub path: String,
    /// What is wrong (Korean sentence).
    pub message: String,
    /// How to fix it (Korean sentence), when there is something to say.
    pub hint: Option<String>,
}

impl Problem {
    /// A problem at a file and data path, without a line yet.
    pub fn new(file: &Path, path: impl Into<String>, message: impl Into<String>) -> Self {
        Problem {
            file: file.to_path_buf(),
            line: None,
            column: None,
            cell: None,
            path: path.into(),
            message: message.into(),
            hint: None,
        }
    }

    /// Adds a hint.
    pub fn hint(mut self, hint: impl Into<String>) -> Self {
        self.hint = Some(hint.into());
        self
    }

    /// Sets the position.
    pub fn at(mut self, line: usize, column: usize) -> Self {
        self.line = Some(line);
        self.column = Some(column);
        self
    }

    /// Places the problem in a workbook cell (`file` becomes the workbook).
    pub fn in_cell(mut self, workbook: &Path, cell: impl Into<String>) -> Self {
        self.file = workbook.to_path_buf();
        self.line = None;
        self.column = None;
        self.cell = Some(cell.into());
        self
    }
}

impl fmt::Display for Problem {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}", self.file.display())?;
        if let Some(line) = self.line {
            write!(f, ":{line}")?;
            if let Some(column) = self.column {
                write!(f, ":{column}")?;
            }
        }
        if let Some(cell) = &self.cell {
            write!(f, " {cell}")?;
        }
        if !self.path.is_empty() {
            write!(f, " ({})", self.path)?;
        }
        write!(f, ": {}", self.message)?;
        if let Some(hint) = &self.hint {
            write!(f, "\n  도움말: {hint}")?;
        }
        Ok(())
    }
}

/// How serious a finding is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Severity {
    /// 오류: the plan cannot be rendered (exit 1, no PDF).
    Error,
    /// 경고: a broken figure; the plan renders as published (exit 2 with `--deny-warnings`).
    Warning,
}

/// One finding of the validator.
#[derive(Debug, Clone, PartialEq)]
pub struct Finding {
    /// Error or warning.
    pub severity: Severity,
    /// The rule that found it, e.g. `budget-total`, `table-share`, `structure`.
    pub rule: &'static str,
    /// Where it is and what is wrong.
    pub problem: Problem,
    /// The figure as written, when the finding is about one.
    pub printed: Option<f64>,
    /// What the figure would need to be.
    pub expected: Option<f64>,
}

impl Finding {
    /// An error found by `rule`.
    pub fn error(rule: &'static str, problem: Problem) -> Self {
        Finding {
            severity: Severity::Error,
            rule,
            problem,
            printed: None,
            expected: None,
        }
    }

    /// A warning about a figure: `printed` where `expected` was computed.
    pub fn warning(rule: &'static str, problem: Problem, printed: f64, expected: f64) -> Self {
        Finding {
            severity: Severity::Warning,
            rule,
            problem,
            printed: Some(printed),
            expected: Some(expected),
        }
    }

    /// Whether it is an error.
    pub fn is_error(&self) -> bool {
        self.severity == Severity::Error
    }
}
