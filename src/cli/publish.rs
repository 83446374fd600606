//! `gongsi publish` as printed: the warnings of the build, then `완료: 폴더 (쪽, 파일, KB; 표준)`.

use std::process::ExitCode;

use crate::cli::args::PublishArgs;
use crate::cli::print::{Failure, failed, warnings};
use crate::cli::print::{errln, outln};
use crate::commands::publish::{PublishConfig, publish};

pub fn run(args: PublishArgs) -> ExitCode {
    let plan = args.plan.clone();
    let published = publish(&PublishConfig {
        plan: args.plan,
        output: args.output,
        page_width: args.preview_width,
        thumbnail_width: args.thumbnail_width,
        typesetting: args.typesetting.settings(),
    });
    let report = match published {
        Ok(report) => report,
        Err(e) => {
            return failed(
                &e,
                plan.as_deref(),
                Failure::undone("누리집 폴더를 만들지 않았습니다"),
            );
        }
    };
    warnings(&report.findings, plan.as_deref());
    if let Some(typst) = &report.typst_warnings {
        errln!("조판(Typst) 경고:\n{typst}");
    }
    let manifest = &report.manifest;
    let bytes: usize = manifest.files.iter().map(|f| f.bytes).sum();
    outln!(
        "완료: {} ({}쪽, 파일 {}개 + manifest.json, {} KB; {})",
        report.folder.display(),
        manifest.pages,
        manifest.files.len(),
        bytes.div_ceil(1024),
        manifest.standards.join(", ")
    );
    ExitCode::SUCCESS
}
