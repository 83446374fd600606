//! The `gongsi` command: parses the command line and hands it to the command's printer in
//! [`gongsi::cli`], which runs the command and says the outcome in Korean. Exit codes: 0
//! success, 1 failure or data errors, 2 warnings denied; `diff`: 0 same, 1 different, 2
//! error; 64 for a command line that cannot be read, whatever the command.

use std::process::ExitCode;

use gongsi::cli::args::Command;
use gongsi::cli::{build, check, diff, export, help, init, new, publish, studio, usage, watch};

fn main() -> ExitCode {
    // The reading child that gongsi starts for a workbook (not a command for people).
    let args: Vec<std::ffi::OsString> = std::env::args_os().skip(1).collect();
    if let Some((first, rest)) = args.split_first()
        && first == gongsi::pipeline::load::workbook::child::SUBCOMMAND
    {
        return gongsi::pipeline::load::workbook::child::serve(rest);
    }
    gongsi::cli::print::install_panic_hook();
    let cli = match help::parse() {
        Ok(cli) => cli,
        Err(error) => return usage::refused(&error),
    };
    match cli.command {
        Command::Build(args) => build::run(args),
        Command::Check(args) => check::run(&args),
        Command::Schema(args) => export::schema(args),
        Command::Template(args) => export::template(args),
        Command::Export(args) => export::export(args),
        Command::Diff(args) => diff::run(&args),
        Command::Init(args) => init::run(args),
        Command::New(args) => new::run(args),
        Command::Watch(args) => watch::run(args),
        Command::Publish(args) => publish::run(args),
        Command::Studio(args) => studio::run(args),
        Command::Help(args) => help::run(&args).unwrap_or_else(|name| usage::unknown(&name)),
    }
}
