//! `gongsi template`, `gongsi export` and `gongsi schema` as printed: the files written.

use std::process::ExitCode;

use crate::cli::args::{ExportArgs, SchemaArgs, TemplateArgs, WorkbookFormat};
use crate::cli::print::outln;
use crate::cli::print::{Failure, failed, out};
use crate::commands::export::{export_workbook, write_template};

/// `gongsi template xlsx`: the blank workbook.
pub fn template(args: TemplateArgs) -> ExitCode {
    let WorkbookFormat::Xlsx = args.format;
    match write_template(&args.output) {
        Ok(()) => {
            outln!("완료: {} (빈 양식)", args.output.display());
            ExitCode::SUCCESS
        }
        Err(e) => failed(&e, None, Failure::undone("빈 양식을 만들지 않았습니다")),
    }
}

/// `gongsi export xlsx`: the plan as a workbook.
pub fn export(args: ExportArgs) -> ExitCode {
    let WorkbookFormat::Xlsx = args.format;
    match export_workbook(args.plan.as_deref(), args.output) {
        Ok(output) => {
            outln!("완료: {}", output.display());
            ExitCode::SUCCESS
        }
        Err(e) => failed(
            &e,
            args.plan.as_deref(),
            Failure::undone("통합문서를 만들지 않았습니다"),
        ),
    }
}

/// `gongsi schema`: the JSON Schemas written, one path per line.
pub fn schema(args: SchemaArgs) -> ExitCode {
    match crate::commands::schema::write(&args.output) {
        Ok(written) => {
            for path in written {
                out(&format!("{}\n", path.display()));
            }
            ExitCode::SUCCESS
        }
        Err(e) => failed(&e, None, Failure::undone("스키마를 쓰지 않았습니다")),
    }
}
