//! The `gongsi` command: parses arguments, runs the command, prints the outcome in Korean
//! and sets the exit code (0 success, 1 failure).

mod args;

use std::process::ExitCode;

use clap::Parser;
use gongsi::build::{BuildConfig, build};
use gongsi::error::Error;
use gongsi::export::{export_workbook, write_template};
use gongsi::publish::{PublishConfig, publish};

use crate::args::{Cli, Command, PublishArgs, WorkbookFormat};

fn main() -> ExitCode {
    let cli = Cli::parse();
    let result = match cli.command {
        Command::Build(args) => build(&BuildConfig {
            plan: args.plan,
            output: args.output,
            emit_typst: args.emit_typst,
            templates: args.templates,
            font_paths: args.font_path,
        })
        .map(|report| {
            if let Some(warnings) = &report.warnings {
                eprintln!("경고:\n{warnings}");
            }
            println!(
                "완료: {} ({}쪽, {} KB)",
                report.output.display(),
                report.pages,
                report.bytes.div_ceil(1024)
            );
        }),
        Command::Template(args) => {
            let WorkbookFormat::Xlsx = args.format;
            write_template(&args.output).map(|()| {
                println!("완료: {} (빈 양식)", args.output.display());
            })
        }
        Command::Export(args) => {
            let WorkbookFormat::Xlsx = args.format;
            export_workbook(args.plan.as_deref(), args.output)
                .map(|output| println!("완료: {}", output.display()))
        }
        Command::Publish(args) => publish_command(args),
    };
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(error) => {
            report(&error);
            ExitCode::from(1)
        }
    }
}

fn publish_command(args: PublishArgs) -> Result<(), Error> {
    let report = publish(&PublishConfig {
        plan: args.plan,
        output: args.output,
        page_width: args.preview_width,
        thumbnail_width: args.thumbnail_width,
        templates: args.templates,
        font_paths: args.font_path,
    })?;
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

fn report(error: &Error) {
    eprintln!("오류: {error}");
    if matches!(error, Error::Input(_)) {
        eprintln!("PDF를 만들지 않았습니다. 위의 문제를 고친 뒤 다시 실행하세요.");
    }
}
