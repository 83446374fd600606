//! What can go wrong, in words a district officer can act on (오류).
//!
//! Three kinds, as at every boundary of the pipeline: problems in the user's data (a list,
//! all reported at once, each with its place), failures around the data (a file that cannot
//! be read or written, a template or Typst error), and bugs.

use crate::model::problem::{Finding, Problem};
use std::path::{Path, PathBuf};

/// A failure of a gongsi command.
#[derive(Debug, thiserror::Error)]
pub enum Error {
    /// The plan data has problems; all of them are listed.
    #[error("{}", list(.0))]
    Input(Vec<Problem>),
    /// A file or folder could not be read or written: the system's reason in Korean, then
    /// its own words in parentheses, and what to do.
    #[error("{action} 실패: {} — {}", path.display(), io_reason(source))]
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
    Warnings(Vec<Finding>),
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

fn list_warnings(findings: &[Finding]) -> String {
    let problems: Vec<Problem> = findings.iter().map(|f| f.problem.clone()).collect();
    list(&problems)
        .split_once('\n')
        .map(|(_, rest)| format!("\n{rest}"))
        .unwrap_or_default()
}

/// Why an I/O operation failed, in Korean, with the system's own message in parentheses
/// and, where there is one, what to do.
pub fn io_reason(error: &std::io::Error) -> String {
    use std::io::ErrorKind as K;
    let (reason, hint) = match error.kind() {
        K::NotFound => ("파일이나 폴더가 없습니다", "경로의 철자를 확인하세요."),
        K::PermissionDenied => (
            "권한이 없습니다",
            "파일이나 폴더의 권한(ls -l)을 확인하거나, 쓸 수 있는 다른 곳을 주세요.",
        ),
        K::IsADirectory => (
            "파일이 와야 할 자리에 폴더가 있습니다",
            "파일 이름을 주세요.",
        ),
        K::NotADirectory => (
            "경로 중간에 폴더가 아닌 파일이 있습니다",
            "폴더 이름을 확인하세요.",
        ),
        K::AlreadyExists => ("이미 있습니다", "다른 이름을 주세요."),
        K::DirectoryNotEmpty => ("폴더가 비어 있지 않습니다", "빈 폴더나 새 폴더를 주세요."),
        K::StorageFull | K::QuotaExceeded => (
            "디스크 공간이 부족합니다",
            "공간을 비운 뒤 다시 실행하세요.",
        ),
        K::ReadOnlyFilesystem => ("읽기 전용 장치입니다", "쓸 수 있는 다른 곳을 주세요."),
        K::FileTooLarge => ("파일이 너무 큽니다", ""),
        K::InvalidData => ("내용을 읽을 수 없습니다", ""),
        K::CrossesDevices => (
            "다른 장치로는 이름을 바꿀 수 없습니다",
            "같은 디스크 안의 폴더를 주세요.",
        ),
        K::Interrupted => ("중단되었습니다", "다시 실행하세요."),
        _ => ("시스템 오류", ""),
    };
    let mut out = format!("{reason} ({error})");
    if !hint.is_empty() {
        out.push_str("\n  도움말: ");
        out.push_str(hint);
    }
    out
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

thread_local! {
    /// Whether a panic on this thread is caught by [`shielded`] (and so is not a bug to show).
    static SHIELDED: std::cell::Cell<bool> = const { std::cell::Cell::new(false) };
}

/// Whether a panic on this thread now is caught by [`shielded`] (and so is not a bug to show).
pub fn panic_is_shielded() -> bool {
    SHIELDED.with(std::cell::Cell::get)
}

/// Runs `work`, a call into a library reading untrusted bytes (the workbook readers), and
/// turns a panic inside it into `Err` with the panic's message, printing nothing.
pub fn shielded<T>(work: impl FnOnce() -> T) -> Result<T, String> {
    let before = SHIELDED.with(|s| s.replace(true));
    let result = std::panic::catch_unwind(std::panic::AssertUnwindSafe(work));
    SHIELDED.with(|s| s.set(before));
    result.map_err(|payload| {
        payload
            .downcast_ref::<&str>()
            .map(|s| s.to_string())
            .or_else(|| payload.downcast_ref::<String>().cloned())
            .unwrap_or_default()
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn io_errors_are_said_in_korean_with_the_system_words_after() {
        let denied = std::io::Error::from(std::io::ErrorKind::PermissionDenied);
        let error = Error::io("파일 읽기", Path::new("a.yaml"), denied).to_string();
        assert!(
            error.starts_with("파일 읽기 실패: a.yaml — 권한이 없습니다 ("),
            "{error}"
        );
        assert!(error.contains("도움말:"), "{error}");
        let folder = std::io::Error::from_raw_os_error(21);
        assert!(io_reason(&folder).starts_with("파일이 와야 할 자리에 폴더가 있습니다"));
    }

    #[test]
    fn a_shielded_panic_becomes_an_error() {
        let caught = shielded(|| -> u8 { panic!("bad record") });
        assert_eq!(caught.unwrap_err(), "bad record");
        assert_eq!(shielded(|| 7).unwrap(), 7);
    }
}
