//! `gongsi check` as printed: every finding with its place (text or JSON) and the count; exit 1
//! on errors, 2 on warnings denied.

use std::process::ExitCode;

use crate::cli::args::{CheckArgs, Format};
use crate::cli::findings::{self, FileTexts};
use crate::cli::print::{Failure, color, failed, out};
use crate::commands::check::{CheckConfig, check};

/// `gongsi check`: every finding with its place; exit 1 on errors, 2 on warnings denied.
pub fn run(args: &CheckArgs) -> ExitCode {
    let config = CheckConfig {
        plan: args.plan.clone(),
    };
    let found = match check(&config) {
        Ok(report) => report.findings,
        Err(e) => {
            return failed(
                &e,
                args.plan.as_deref(),
                Failure::undone("검사를 마치지 못했습니다"),
            );
        }
    };
    match args.format {
        Format::Json => out(&format!("{}\n", findings::json(&found))),
        Format::Text => {
            let texts = FileTexts::of(args.plan.as_deref());
            let text = findings::text(&found, &texts, color(true));
            out(&format!("{text}{}\n", findings::summary(&found)));
        }
    }
    match findings::counts(&found) {
        (0, 0) => ExitCode::SUCCESS,
        (0, _) if !args.deny_warnings => ExitCode::SUCCESS,
        (0, _) => ExitCode::from(2),
        _ => ExitCode::from(1),
    }
}
