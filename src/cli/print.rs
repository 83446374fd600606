//! What every command prints alike: standard output and standard error that tolerate a
//! reader gone away ([`outln!`], [`errln!`]: `gongsi build … | head` ends with the exit code
//! the work earned, never a panic or an abort), colour only on a terminal, an error with what
//! to do next and what was not done, the warnings of a publish or rebuild that went ahead, and
//! a bug (a panic) as one Korean sentence. `println!` and its kin panic when the reader is
//! gone; the library denies them (`clippy::print_stdout`, `clippy::print_stderr` in lib.rs).

use std::io::IsTerminal;
use std::path::Path;
use std::process::ExitCode;

use crate::cli::digest;
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

/// Prints the validator's warnings of a publish or rebuild that went ahead, each in full,
/// then what they are by rule.
pub fn warnings(found: &[Finding], plan: Option<&Path>) {
    if found.is_empty() {
        return;
    }
    err(&findings::text(found, &FileTexts::of(plan), color(false)));
    errln!(
        "경고 {}건을 적힌 그대로 조판했습니다: {} (gongsi check로 다시 볼 수 있습니다).",
        found.len(),
        digest::kinds(found)
    );
}

/// Prints the warnings of a build on standard error summed up by rule ([`digest`]), or each
/// in full when `verbose`.
pub fn summed_up(found: &[Finding], plan: Option<&Path>, verbose: bool) {
    if found.is_empty() {
        return;
    }
    if verbose {
        err(&findings::text(found, &FileTexts::of(plan), color(false)));
    } else {
        err(&digest::digest(found, plan));
    }
}

/// How a failed command says what it did not do — a sentence without its full stop ("PDF를
/// 만들지 않았습니다", "한글 문서(HWPX)를 만들지 않았습니다") — and whether warnings denied by
/// `--deny-warnings` are shown each in full (`--verbose`) or summed up by rule.
#[derive(Debug, Clone, Copy)]
pub struct Failure<'a> {
    /// What was not done.
    pub undone: &'a str,
    /// Every denied warning in full.
    pub verbose: bool,
}

impl<'a> Failure<'a> {
    /// A failure that leaves `undone` undone; denied warnings summed up by rule.
    pub const fn undone(undone: &'a str) -> Self {
        Failure {
            undone,
            verbose: false,
        }
    }
}

/// Says what went wrong on standard error and what was not done; denied warnings are
/// listed by rule (or in full) with their places.
pub fn error(error: &Error, plan: Option<&Path>, failure: Failure) {
    let undone = failure.undone;
    if let Error::Warnings(found) = error {
        summed_up(found, plan, failure.verbose);
        errln!(
            "오류: 경고가 {}건 있어 {undone} (--deny-warnings). 경고를 고치거나 --deny-warnings 없이 실행하세요.",
            found.len()
        );
        return;
    }
    errln!("오류: {error}");
    if matches!(error, Error::Input(_)) {
        errln!("{undone}. 위의 문제를 고친 뒤 다시 실행하세요.");
    }
}

/// Says `error` (see [`error`]) and gives its exit code: 2 for warnings denied, else 1.
pub fn failed(error: &Error, plan: Option<&Path>, failure: Failure) -> ExitCode {
    self::error(error, plan, failure);
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
