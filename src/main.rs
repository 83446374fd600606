//! The `gongsi` command: parses arguments, runs the command, prints the outcome in Korean
//! and sets the exit code (0 success, 1 failure or data errors, 2 warnings denied; `diff`:
//! 0 same, 1 different, 2 error).

mod args;

use std::io::IsTerminal;
use std::process::ExitCode;

use clap::Parser;
use gongsi::build::{BuildConfig, build};
use gongsi::error::Error;
use gongsi::export::{export_workbook, write_template};
use gongsi::findings::{self, Sources};
use gongsi::publish::{PublishConfig, publish};

use crate::args::{
    CheckArgs, Cli, Command, DiffArgs, DiffFormat, Format, PublishArgs, WorkbookFormat,
};

fn main() -> ExitCode {
    let cli = Cli::parse();
    if let Command::Diff(args) = cli.command {
        return match diff(&args) {
            Ok(code) => code,
            Err(error) => {
                report(&error, None);
                ExitCode::from(2)
            }
        };
    }
    let result = match cli.command {
        Command::Build(args) => {
            let plan = args.plan.clone();
            build(&BuildConfig {
                plan: args.plan,
                output: args.output,
                emit_typst: args.emit_typst,
                templates: args.templates,
                font_paths: args.font_path,
                deny_warnings: args.deny_warnings,
            })
            .map(|report| {
                print_findings(&report.findings, plan.as_deref());
                if let Some(warnings) = &report.warnings {
                    eprintln!("경고:\n{warnings}");
                }
                println!(
                    "완료: {} ({}쪽, {} KB)",
                    report.output.display(),
                    report.pages,
                    report.bytes.div_ceil(1024)
                );
                ExitCode::SUCCESS
            })
            .map_err(|error| (error, plan))
        }
        Command::Check(args) => check(&args).map_err(|error| (error, None)),
        Command::Schema(args) => gongsi::schema::write(&args.output)
            .map(|written| {
                for path in written {
                    out(&format!("{}\n", path.display()));
                }
                ExitCode::SUCCESS
            })
            .map_err(|error| (error, None)),
        Command::Template(args) => {
            let WorkbookFormat::Xlsx = args.format;
            write_template(&args.output)
                .map(|()| {
                    println!("완료: {} (빈 양식)", args.output.display());
                    ExitCode::SUCCESS
                })
                .map_err(|error| (error, None))
        }
        Command::Export(args) => {
            let WorkbookFormat::Xlsx = args.format;
            let plan = args.plan.clone();
            export_workbook(args.plan.as_deref(), args.output)
                .map(|output| {
                    println!("완료: {}", output.display());
                    ExitCode::SUCCESS
                })
                .map_err(|error| (error, plan))
        }
        Command::Diff(_) => unreachable!("handled above: diff has its own exit codes"),
        Command::Publish(args) => {
            let plan = args.plan.clone();
            publish_command(args)
                .map(|()| ExitCode::SUCCESS)
                .map_err(|error| (error, plan))
        }
    };
    match result {
        Ok(code) => code,
        Err((error, plan)) => {
            report(&error, plan.as_deref());
            match error {
                Error::Warnings(_) => ExitCode::from(2),
                _ => ExitCode::from(1),
            }
        }
    }
}

/// Prints the validator's warnings of a build or publish that went ahead.
fn print_findings(found: &[findings::Finding], plan: Option<&std::path::Path>) {
    if found.is_empty() {
        return;
    }
    eprint!(
        "{}",
        findings::text(found, &Sources::of(plan), color(false))
    );
    eprintln!(
        "경고 {}건: 계산이 맞지 않는 숫자를 적힌 그대로 조판했습니다 (gongsi check로 다시 볼 수 있습니다).",
        found.len()
    );
}

fn publish_command(args: PublishArgs) -> Result<(), Error> {
    let plan = args.plan.clone();
    let report = publish(&PublishConfig {
        plan: args.plan,
        output: args.output,
        page_width: args.preview_width,
        thumbnail_width: args.thumbnail_width,
        templates: args.templates,
        font_paths: args.font_path,
    })?;
    print_findings(&report.findings, plan.as_deref());
    if let Some(warnings) = &report.warnings {
        eprintln!("경고:\n{warnings}");
    }
    let manifest = &report.manifest;
    let bytes: usize = manifest.files.iter().map(|f| f.bytes).sum();
    println!(
        "완료: {} ({}쪽, 파일 {}개 + manifest.json, {} KB; {})",
        report.folder.display(),
        manifest.pages,
        manifest.files.len(),
        bytes.div_ceil(1024),
        manifest.standards.join(", ")
    );
    Ok(())
}

/// `gongsi check`: every finding with its place; exit 1 on errors, 2 on warnings denied.
fn check(args: &CheckArgs) -> Result<ExitCode, Error> {
    let found = gongsi::check::run(args.plan.as_deref())?;
    match args.format {
        Format::Json => out(&format!("{}\n", findings::json(&found))),
        Format::Text => {
            let sources = Sources::of(args.plan.as_deref());
            let text = findings::text(&found, &sources, color(true));
            out(&format!("{text}{}\n", findings::summary(&found)));
        }
    }
    Ok(match findings::counts(&found) {
        (0, 0) => ExitCode::SUCCESS,
        (0, _) if !args.deny_warnings => ExitCode::SUCCESS,
        (0, _) => ExitCode::from(2),
        _ => ExitCode::from(1),
    })
}

/// `gongsi diff`: the change list; exit 0 when the drafts are the same, 1 when they differ.
fn diff(args: &DiffArgs) -> Result<ExitCode, Error> {
    use gongsi::diff::{self, report};
    let (old, new) = std::thread::scope(|scope| {
        let old = scope.spawn(|| diff::load_draft(&args.old));
        let new = diff::load_draft(&args.new);
        (old.join().expect("loading a draft does not panic"), new)
    });
    let (old, new) = (old?, new?);
    let changes = diff::compare(&old, &new);
    match args.format {
        DiffFormat::Text => out(&report::text(&changes, color(true))),
        DiffFormat::Md => out(&report::markdown(&changes)),
        DiffFormat::Json => out(&format!("{}\n", report::json(&changes))),
    }
    let settings = diff::pages::Settings {
        templates: args.templates.clone(),
        font_paths: args.font_path.clone(),
    };
    if let Some(folder) = &args.pages {
        let found = diff::pages::write(&old, &new, folder, args.page_width, &settings)?;
        eprintln!("{}", found.text());
    }
    if let Some(pdf) = &args.pdf {
        let written = diff::review::write(&old, &new, &changes, pdf, &settings)?;
        eprintln!("검토용 PDF: {} ({}쪽)", pdf.display(), written);
    }
    Ok(if changes.is_empty() {
        ExitCode::SUCCESS
    } else {
        ExitCode::from(1)
    })
}

/// Writes to standard output; a reader that went away (`| head`) is not an error.
fn out(text: &str) {
    use std::io::Write;
    let _ = std::io::stdout().lock().write_all(text.as_bytes());
}

/// Whether to colour output: only on a terminal, and never with `NO_COLOR` set.
fn color(stdout: bool) -> bool {
    let terminal = if stdout {
        std::io::stdout().is_terminal()
    } else {
        std::io::stderr().is_terminal()
    };
    terminal && std::env::var_os("NO_COLOR").is_none()
}

fn report(error: &Error, plan: Option<&std::path::Path>) {
    if let Error::Warnings(found) = error {
        eprint!(
            "{}",
            findings::text(found, &Sources::of(plan), color(false))
        );
        eprintln!(
            "오류: 경고가 {}건 있어 PDF를 만들지 않았습니다 (--deny-warnings). 숫자를 고치거나 --deny-warnings 없이 실행하세요.",
            found.len()
        );
        return;
    }
    eprintln!("오류: {error}");
    if matches!(error, Error::Input(_)) {
        eprintln!("PDF를 만들지 않았습니다. 위의 문제를 고친 뒤 다시 실행하세요.");
    }
}
