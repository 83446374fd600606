//! A command line clap could not read (명령줄 오류), said in Korean with exit code 64.

use std::process::ExitCode;

use clap::error::{ContextKind, ErrorKind};

use crate::cli::print::errln;

/// The exit code of a command line that cannot be read (unknown option, missing or bad
/// argument): `EX_USAGE` of sysexits.h, distinct from every outcome of a command.
pub const USAGE_EXIT: u8 = 64;

/// The range a number argument must be in, when clap refused a value out of it (its words:
/// `1999 is not in 2000..=2100`).
fn allowed_range(error: &clap::Error) -> Option<(String, String)> {
    let source = std::error::Error::source(error)?.to_string();
    let (_, range) = source.split_once(" is not in ")?;
    let (from, to) = range.trim().split_once("..=")?;
    Some((from.to_string(), to.to_string()))
}

/// A command line clap could not read, said in Korean with clap's own words in parentheses
/// and the usage line; help and version requests print as they are.
pub fn refused(error: &clap::Error) -> ExitCode {
    let context = |kind| error.get(kind).map(|v| v.to_string()).unwrap_or_default();
    let (arg, value) = (
        context(ContextKind::InvalidArg),
        context(ContextKind::InvalidValue),
    );
    let message = match error.kind() {
        ErrorKind::DisplayHelp | ErrorKind::DisplayVersion => {
            let _ = error.print();
            return ExitCode::SUCCESS;
        }
        ErrorKind::DisplayHelpOnMissingArgumentOrSubcommand | ErrorKind::MissingSubcommand => {
            let _ = error.print();
            "명령을 주지 않았습니다.".to_string()
        }
        ErrorKind::UnknownArgument => format!("알 수 없는 옵션이나 인자 `{arg}`입니다."),
        ErrorKind::InvalidSubcommand => format!(
            "알 수 없는 명령 `{}`입니다.",
            context(ContextKind::InvalidSubcommand)
        ),
        ErrorKind::InvalidValue => {
            let valid = context(ContextKind::ValidValue);
            let valid = if valid.is_empty() {
                String::new()
            } else {
                format!(" 쓸 수 있는 값: {valid}")
            };
            format!("{arg}에 `{value}`은(는) 쓸 수 없습니다.{valid}")
        }
        ErrorKind::ValueValidation => match allowed_range(error) {
            Some((from, to)) => {
                format!("{arg}에 `{value}`은(는) 쓸 수 없습니다: {from}부터 {to}까지만 됩니다.")
            }
            None => format!(
                "{arg}의 값 `{value}`을(를) 읽을 수 없습니다 (숫자가 와야 하는지 확인하세요)."
            ),
        },
        ErrorKind::MissingRequiredArgument => format!("꼭 주어야 하는 인자가 빠졌습니다: {arg}"),
        ErrorKind::ArgumentConflict => {
            format!("{arg}은(는) 함께 쓸 수 없는 옵션과 같이 쓰였습니다.")
        }
        ErrorKind::TooManyValues | ErrorKind::TooFewValues | ErrorKind::WrongNumberOfValues => {
            format!("{arg}에 준 값의 개수가 맞지 않습니다.")
        }
        ErrorKind::NoEquals => format!("{arg}의 값은 `=`로 붙여 주어야 합니다."),
        ErrorKind::InvalidUtf8 => "명령줄에 UTF-8이 아닌 글자가 있습니다.".to_string(),
        _ => "명령줄을 읽을 수 없습니다.".to_string(),
    };
    let rendered = error.render().to_string();
    let detail = rendered
        .lines()
        .find_map(|l| l.strip_prefix("error: "))
        .unwrap_or_default();
    if detail.is_empty() {
        errln!("오류: {message}");
    } else {
        errln!("오류: {message} ({detail})");
    }
    let usage = usage_of(rendered.lines().find_map(|l| l.strip_prefix("Usage: ")));
    errln!("  사용법: {usage}");
    errln!(
        "  도움말: gongsi --help, gongsi <명령> --help로 쓸 수 있는 명령과 옵션을 보세요. (종료 코드 {USAGE_EXIT}: 명령줄 오류)"
    );
    ExitCode::from(USAGE_EXIT)
}

/// `gongsi help <name>` of a command gongsi does not have: said in Korean with the commands
/// there are, exit code [`USAGE_EXIT`].
pub fn unknown(name: &str) -> ExitCode {
    let names: Vec<String> = crate::cli::help::command()
        .get_subcommands()
        .map(|s| s.get_name().to_string())
        .collect();
    errln!("오류: 알 수 없는 명령 `{name}`입니다.");
    errln!("  사용법: gongsi help [명령]");
    errln!("  명령: {}", names.join(", "));
    ExitCode::from(USAGE_EXIT)
}

/// The usage line of the command clap's error names (`gongsi new [옵션] --from <계획>`),
/// not clap's own line for the error, which lists the options given as if they were required.
fn usage_of(clap_usage: Option<&str>) -> String {
    let mut command = crate::cli::help::command();
    let name = clap_usage.and_then(|u| u.split_whitespace().nth(1));
    let usage = match name.and_then(|n| command.find_subcommand_mut(n)) {
        Some(sub) => sub.render_usage().to_string(),
        None => match clap_usage {
            Some(usage) => return usage.to_string(),
            None => command.render_usage().to_string(),
        },
    };
    usage.trim_start_matches("Usage:").trim().to_string()
}
