//! `gongsi build` as printed: the warnings of the build, then `완료: 파일 (쪽, KB)` (no pages
//! for an HWPX, which 한글 lays out); several
//! plans go to [`crate::cli::batch`].

use std::process::ExitCode;

use crate::cli::args::{BuildArgs, DocumentFormat};
use crate::cli::print::{errln, outln};
use crate::cli::print::{failed, warnings};
use crate::commands::batch;
use crate::commands::build::{BuildConfig, Rendition, build};

/// `gongsi build`: one plan (`-o` is the PDF), or several at once (`-o` is a folder).
pub fn run(args: BuildArgs) -> ExitCode {
    let (plans, expanded) = match batch::expand(&args.plans) {
        Ok(found) => found,
        Err(e) => return failed(&e, None),
    };
    if plans.len() > 1 || expanded {
        return crate::cli::batch::run(args, plans);
    }
    let plan = plans.into_iter().next();
    let built = build(&BuildConfig {
        plan: plan.clone(),
        output: args.output,
        emit_typst: args.emit_typst,
        typesetting: args.typesetting.settings(),
        deny_warnings: args.deny_warnings,
        to: args.to.map(|to| match to {
            DocumentFormat::Pdf => Rendition::Pdf,
            DocumentFormat::Hwpx => Rendition::Hwpx,
        }),
    });
    match built {
        Ok(report) => {
            warnings(&report.findings, plan.as_deref());
            if let Some(warnings) = &report.warnings {
                errln!("경고:\n{warnings}");
            }
            // An HWPX file has no pages of its own: 한글 lays them out.
            let pages = match report.pages {
                0 => String::new(),
                pages => format!("{pages}쪽, "),
            };
            outln!(
                "완료: {} ({pages}{} KB)",
                report.output.display(),
                report.bytes.div_ceil(1024)
            );
            ExitCode::SUCCESS
        }
        Err(e) => failed(&e, plan.as_deref()),
    }
}
