//! 도움말 (help): the command line of [`Cli`] made Korean throughout — the usage line, the
//! headings, the help and version flags, defaults and possible values, which clap writes in
//! English — and `gongsi help <명령>`.

use std::process::ExitCode;

use clap::{Arg, ArgAction, Command, CommandFactory, FromArgMatches};

use crate::cli::args::{Cli, HelpArgs};

/// The help page of every command: clap's own layout with a Korean usage heading.
const TEMPLATE: &str =
    "{before-help}{about-with-newline}\n사용법: {usage}\n\n{all-args}{after-help}";

/// The heading of the positional arguments and of the options.
const ARGUMENTS: &str = "인자";
const OPTIONS: &str = "옵션";

/// The place of `--help` and `--version`: after the command's own arguments.
const LAST: usize = 1000;

/// The command line of gongsi with Korean help, built (so subcommands know their full
/// name, `gongsi build`).
pub fn command() -> Command {
    let mut command = korean(Cli::command(), true);
    command.build();
    command.mut_subcommands(|mut sub| {
        // clap writes `[OPTIONS]` into the usage line itself.
        let usage = sub.render_usage().to_string();
        let usage = usage.trim_start_matches("Usage:").trim();
        let usage = usage.replace("[OPTIONS]", &format!("[{OPTIONS}]"));
        sub.override_usage(usage)
    })
}

/// Reads the command line with the Korean [`command`].
pub fn parse() -> Result<Cli, clap::Error> {
    let mut command = command();
    let matches = command.try_get_matches_from_mut(std::env::args_os())?;
    Cli::from_arg_matches(&matches).map_err(|e| e.with_cmd(&command))
}

/// `gongsi help [명령]`: the help of that command (of gongsi without one), as `--help` shows
/// it; `Err` with the name of an unknown command.
pub fn run(args: &HelpArgs) -> Result<ExitCode, String> {
    let mut command = command();
    let text = match args.command.as_deref() {
        None => command.render_long_help(),
        Some(name) => match command.find_subcommand_mut(name) {
            Some(sub) => sub.render_long_help(),
            None => return Err(name.to_string()),
        },
    };
    crate::cli::print::out(&text.to_string());
    Ok(ExitCode::SUCCESS)
}

/// `command` and its subcommands with Korean headings, help and version flags and argument
/// notes; `top` for gongsi itself (which alone has `--version`).
fn korean(command: Command, top: bool) -> Command {
    let mut order = 0;
    let mut command = command
        .help_template(TEMPLATE)
        // clap counts a Korean character one column wide (`<파일>`): help on its own line
        // stays aligned. gongsi's own page lists only commands and two flags.
        .next_line_help(!top)
        .subcommand_help_heading("명령")
        .subcommand_value_name("명령")
        .disable_help_subcommand(true)
        .disable_help_flag(true)
        .mut_args(|arg| {
            order += 1;
            korean_arg(arg, order)
        })
        .arg(
            Arg::new("help")
                .short('h')
                .long("help")
                .action(ArgAction::Help)
                .help("도움말을 봅니다 (-h는 짧게, --help는 자세히)")
                .help_heading(OPTIONS)
                .display_order(LAST),
        );
    if top {
        command = command.disable_version_flag(true).arg(
            Arg::new("version")
                .short('V')
                .long("version")
                .action(ArgAction::Version)
                .help("gongsi의 버전을 봅니다")
                .help_heading(OPTIONS)
                .display_order(LAST + 1),
        );
    }
    command.mut_subcommands(|sub| korean(sub, false))
}

/// An argument under a Korean heading at its place in the declaration (`order`), its
/// default and possible values said in Korean after its help instead of clap's
/// `[default: …]` and `[possible values: …]`.
fn korean_arg(arg: Arg, order: usize) -> Arg {
    let heading = if arg.is_positional() {
        ARGUMENTS
    } else {
        OPTIONS
    };
    let takes_values = arg.get_action().takes_values();
    let help = arg.get_help().map(|h| h.to_string()).unwrap_or_default();
    let mut arg = arg.help_heading(heading).display_order(order);
    if !takes_values {
        return arg;
    }
    let mut short = help.clone();
    let mut long = help;
    let defaults: Vec<String> = arg
        .get_default_values()
        .iter()
        .map(|v| v.to_string_lossy().into_owned())
        .collect();
    if !defaults.is_empty() {
        let default = format!(" [기본: {}]", defaults.join(" "));
        short.push_str(&default);
        long.push_str(&default);
    }
    let values = arg.get_possible_values();
    let visible: Vec<_> = values.iter().filter(|v| !v.is_hide_set()).collect();
    if !visible.is_empty() {
        let names: Vec<&str> = visible.iter().map(|v| v.get_name()).collect();
        short.push_str(&format!(" [값: {}]", names.join(", ")));
        long.push_str("\n\n쓸 수 있는 값:");
        for value in &visible {
            match value.get_help() {
                Some(about) => long.push_str(&format!("\n- {}: {about}", value.get_name())),
                None => long.push_str(&format!("\n- {}", value.get_name())),
            }
        }
    }
    arg = arg
        .hide_possible_values(true)
        .hide_default_value(true)
        .help(short.clone());
    if long != short {
        arg.long_help(long)
    } else {
        arg
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_help_page_is_korean() {
        let mut command = command();
        let mut pages = vec![command.render_help().to_string()];
        pages.push(command.render_long_help().to_string());
        for sub in command.get_subcommands_mut() {
            pages.push(sub.render_help().to_string());
            pages.push(sub.render_long_help().to_string());
        }
        for page in pages {
            for english in [
                "Usage:",
                "Options:",
                "Commands:",
                "Arguments:",
                "Print help",
                "Print version",
                "[OPTIONS]",
                "[default:",
                "possible values",
                "Possible values",
            ] {
                assert!(!page.contains(english), "`{english}` in:\n{page}");
            }
        }
    }
}
