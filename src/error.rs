//! What can go wrong, in words a district officer can act on (오류).
//!
//! Three kinds, as at every boundary of the pipeline: problems in the user's data (a list,
//! all reported at once, each with its place), failures around the data (a file that cannot
//! be read or written, a template or Typst error), and bugs.

use std::fmt;
use std::path::{Path, PathBuf};

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

/// A failure of a gongsi command.
#[derive(Debug, thiserror::Error)]
pub enum Error {
    /// The plan data has problems; all of them are listed.
    #[error("{}", list(.0))]
    Input(Vec<Problem>),
    /// A file or folder could not be read or written.
    #[error("{action} 실패: {} ({source})", path.display())]
    Io {
        /// What we tried to do, e.g. "파일 읽기".
        action: &'static str,
        /// Where.
        path: PathBuf,
        /// The system's reason.
        source: std::io::Error,
    },
    /// A template could not be loaded or rendered.
    #[error("템플릿 오류: {0}")]
    Template(String),
    /// Typst could not compile the generated document; the diagnostics are already
    /// formatted with the template file and line.
    #[error("문서 조판(Typst) 오류:\n{0}")]
    Typst(String),
    /// The plan has arithmetic warnings and `--deny-warnings` was given (exit 2).
    #[error("입력 자료에 경고가 {}건 있습니다 (--deny-warnings).{}", .0.len(), list_warnings(.0))]
    Warnings(Vec<crate::findings::Finding>),
    /// Something the user asked for that cannot work (bad option, missing folder).
    #[error("{message}{}", hint.as_ref().map(|h| format!("\n  도움말: {h}")).unwrap_or_default())]
    Usage {
        /// What is wrong.
        message: String,
        /// How to fix it.
        hint: Option<String>,
    },
}

fn list(problems: &[Problem]) -> String {
    let mut out = format!("입력 자료에 문제가 {}건 있습니다.", problems.len());
    for problem in problems {
        out.push_str("\n- ");
        out.push_str(&problem.to_string().replace('\n', "\n  "));
    }
    out
}

fn list_warnings(findings: &[crate::findings::Finding]) -> String {
    let problems: Vec<Problem> = findings.iter().map(|f| f.problem.clone()).collect();
    list(&problems)
        .split_once('\n')
        .map(|(_, rest)| format!("\n{rest}"))
        .unwrap_or_default()
}

impl Error {
    /// An I/O failure.
    pub fn io(action: &'static str, path: &Path, source: std::io::Error) -> Self {
        Error::Io {
            action,
            path: path.to_path_buf(),
            source,
        }
    }
}
