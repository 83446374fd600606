//! `gongsi build` as printed: the warnings of the build summed up by rule (every report with
//! `--verbose`), then `완료: 파일 (쪽, KB)` (no pages for an HWPX, which 한글 lays out); a
//! failure says which document was not made. Several plans go to [`crate::cli::batch`].

use std::process::ExitCode;

use crate::cli::args::BuildArgs;
use crate::cli::print::{Failure, failed, summed_up, warnings};
use crate::cli::print::{errln, outln};
use crate::commands::batch;
use crate::commands::build::{BuildConfig, Rendition, build};

/// `gongsi build`: one plan (`-o` is the PDF), or several at once (`-o` is a folder).
pub fn run(args: BuildArgs) -> ExitCode {
    let (plans, expanded) = match batch::expand(&args.plans) {
        Ok(found) => found,
        Err(e) => return failed(&e, None, Failure::undone(undone(Rendition::Pdf))),
    };
    if plans.len() > 1 || expanded {
        return crate::cli::batch::run(args, plans);
    }
    let plan = plans.into_iter().next();
    let to = args.to;
    // Which document a failure did not make (a refused -o/--to pair is a usage error, said
    // by build itself).
    let rendition = Rendition::choose(args.output.as_deref(), to).unwrap_or(Rendition::Pdf);
    let failure = Failure {
        undone: undone(rendition),
        verbose: args.verbose,
    };
    let built = build(&BuildConfig {
        plan: plan.clone(),
        output: args.output,
        emit_typst: args.emit_typst,
        typesetting: args.typesetting.settings(),
        deny_warnings: args.deny_warnings,
        to,
    });
    match built {
        Ok(report) => {
            if args.verbose {
                warnings(&report.findings, plan.as_deref());
            } else {
                summed_up(&report.findings, plan.as_deref(), false);
            }
            if let Some(typst) = &report.typst_warnings {
                errln!("조판(Typst) 경고:\n{typst}");
            }
            // An HWPX file has no pages of its own: 한글 lays them out.
            let pages = report
                .pages
                .map(|pages| format!("{pages}쪽, "))
                .unwrap_or_default();
            outln!(
                "완료: {} ({pages}{} KB)",
                report.output.display(),
                report.bytes.div_ceil(1024)
            );
            ExitCode::SUCCESS
        }
        Err(e) => failed(&e, plan.as_deref(), failure),
    }
}

/// What a failed build did not make.
fn undone(rendition: Rendition) -> &'static str {
    match rendition {
        Rendition::Pdf => "PDF를 만들지 않았습니다",
        Rendition::Hwpx => "한글 문서(HWPX)를 만들지 않았습니다",
    }
}
