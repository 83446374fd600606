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
    /// Something the user asked for that cannot work (bad option, missing folder); built with
    /// [`Error::usage`].
    #[error("{message}{}", hint.as_ref().map(|h| format!("\n  도움말: {h}")).unwrap_or_default())]
    Usage {
        /// What is wrong.
        message: String,
        /// How to fix it.
        hint: Option<String>,
    },
    /// A plan folder holds more than one workbook, so which one is the plan is not known.
    #[error(
        "계획 폴더에 통합문서가 여러 개 있습니다: {}, {}\n  도움말: 계획 폴더에는 통합문서를 하나만 두세요. 다른 파일은 폴더 밖으로 옮기세요.",
        first.display(),
        second.display()
    )]
    TwoWorkbooks {
        /// The first workbook, by name.
        first: PathBuf,
        /// The second.
        second: PathBuf,
    },
    /// The workbook writer refused the plan's data (a text longer than a cell holds, a sheet
    /// name too long or twice); its own words.
    #[error(
        "통합문서를 만들 수 없습니다: {0}\n  도움말: 자료에 엑셀이 담을 수 없는 값(예: 32,767자를 넘는 글, 31자를 넘거나 같은 이름의 시트)이 있는지 확인하세요."
    )]
    WorkbookWrite(String),
    /// A defect of gongsi itself (asking for a page past the document's end): not the data's
    /// fault, said as such.
    #[error(
        "gongsi 내부 오류입니다 (프로그램의 결함이며 자료의 잘못이 아닙니다): {0}\n  도움말: 쓰던 입력 파일과 이 메시지를 개발자에게 보내 주세요."
    )]
    Internal(String),
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
    /// Something asked for that cannot work: what is wrong and how to fix it.
    pub fn usage(message: impl Into<String>, hint: impl Into<String>) -> Self {
        Error::Usage {
            message: message.into(),
            hint: Some(hint.into()),
        }
    }

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
    fn typed_errors_say_what_happened_and_what_to_do() {
        let usage = Error::usage("-o가 폴더입니다.", "파일 이름을 주세요.").to_string();
        assert_eq!(usage, "-o가 폴더입니다.\n  도움말: 파일 이름을 주세요.");
        let two = Error::TwoWorkbooks {
            first: PathBuf::from("a.xlsx"),
            second: PathBuf::from("b.ods"),
        }
        .to_string();
        assert!(
            two.starts_with("계획 폴더에 통합문서가 여러 개 있습니다: a.xlsx, b.ods\n  도움말:"),
            "{two}"
        );
        let book = Error::WorkbookWrite("sheet name too long".into()).to_string();
        assert!(
            book.starts_with("통합문서를 만들 수 없습니다: sheet name too long\n  도움말:"),
            "{book}"
        );
        let bug = Error::Internal("3쪽은 없습니다.".into()).to_string();
        assert!(bug.starts_with("gongsi 내부 오류입니다"), "{bug}");
        assert!(
            bug.contains("3쪽은 없습니다.") && bug.contains("개발자"),
            "{bug}"
        );
    }

    #[test]
    fn a_shielded_panic_becomes_an_error() {
        let caught = shielded(|| -> u8 { panic!("bad record") });
        assert_eq!(caught.unwrap_err(), "bad record");
        assert_eq!(shielded(|| 7).unwrap(), 7);
    }
}
