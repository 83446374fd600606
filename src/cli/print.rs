//! What every command prints alike: standard output and standard error that tolerate a
//! reader gone away ([`outln!`], [`errln!`]: `gongsi build … | head` ends with the exit code
//! the work earned, never a panic or an abort), colour only on a terminal, an error with what
//! to do next, the warnings of a build that went ahead, and a bug (a panic) as one Korean
//! sentence. `println!` and its kin panic when the reader is gone; the library denies them
//! (`clippy::print_stdout`, `clippy::print_stderr` in lib.rs).

use std::io::IsTerminal;
use std::path::Path;
use std::process::ExitCode;

use crate::cli::findings::{self, FileTexts};
use crate::model::error::{Error, panic_is_shielded};
use crate::model::problem::Finding;

/// Writes to standard output; a reader that went away (`| head`) is not an error.
pub fn out(text: &str) {
    use std::io::Write;
    let _ = std::io::stdout().lock().write_all(text.as_bytes());
}

/// Writes to standard error; a reader that went away is not an error (there is nobody left
/// to tell).
pub fn err(text: &str) {
    use std::io::Write;
    let _ = std::io::stderr().lock().write_all(text.as_bytes());
}

/// `println!` that never panics: a line on standard output, or nothing if its reader is gone.
macro_rules! outln {
    ($($arg:tt)*) => {
        $crate::cli::print::out(&format!("{}\n", format_args!($($arg)*)))
    };
}
pub(crate) use outln;

/// `eprintln!` that never panics: a line on standard error, or nothing if its reader is gone.
macro_rules! errln {
    ($($arg:tt)*) => {
        $crate::cli::print::err(&format!("{}\n", format_args!($($arg)*)))
    };
}
pub(crate) use errln;

/// Whether to colour output: only on a terminal, and never with `NO_COLOR` set.
pub fn color(stdout: bool) -> bool {
    let terminal = if stdout {
        std::io::stdout().is_terminal()
    } else {
        std::io::stderr().is_terminal()
    };
    terminal && std::env::var_os("NO_COLOR").is_none()
}

/// The first line of an error, for the summary.
pub fn first_line(error: &Error) -> String {
    error
        .to_string()
        .lines()
        .next()
        .unwrap_or_default()
        .to_string()
}

/// Prints the validator's warnings of a build or publish that went ahead.
pub fn warnings(found: &[Finding], plan: Option<&Path>) {
    if found.is_empty() {
        return;
    }
    err(&findings::text(found, &FileTexts::of(plan), color(false)));
    errln!(
        "경고 {}건: 계산이 맞지 않는 숫자를 적힌 그대로 조판했습니다 (gongsi check로 다시 볼 수 있습니다).",
        found.len()
    );
}

/// Says what went wrong on standard error; denied warnings are listed with their places.
pub fn error(error: &Error, plan: Option<&Path>) {
    if let Error::Warnings(found) = error {
        err(&findings::text(found, &FileTexts::of(plan), color(false)));
        errln!(
            "오류: 경고가 {}건 있어 PDF를 만들지 않았습니다 (--deny-warnings). 숫자를 고치거나 --deny-warnings 없이 실행하세요.",
            found.len()
        );
        return;
    }
    errln!("오류: {error}");
    if matches!(error, Error::Input(_)) {
        errln!("PDF를 만들지 않았습니다. 위의 문제를 고친 뒤 다시 실행하세요.");
    }
}

/// Says `error` (see [`error`]) and gives its exit code: 2 for warnings denied, else 1.
pub fn failed(error: &Error, plan: Option<&Path>) -> ExitCode {
    self::error(error, plan);
    match error {
        Error::Warnings(_) => ExitCode::from(2),
        _ => ExitCode::from(1),
    }
}

/// Makes a panic (a bug) print one Korean sentence with Rust's own message in parentheses,
/// instead of an English backtrace; panics caught by [`shielded`](crate::model::error::shielded) print nothing.
pub fn install_panic_hook() {
    std::panic::set_hook(Box::new(|info| {
        if panic_is_shielded() {
            return;
        }
        errln!(
            "오류: gongsi 내부 오류입니다 (프로그램의 결함이며 자료의 잘못이 아닙니다). 쓰던 입력 파일과 이 메시지를 개발자에게 보내 주세요. ({info})"
        );
    }));
}
