//! `gongsi build` of several plans as printed: a progress bar on a terminal, the errors of the
//! plans that failed, then one line per plan; exit 1 if any failed (2 if all failures were
//! denied warnings).

use std::io::IsTerminal;
use std::path::PathBuf;
use std::process::ExitCode;
use std::time::{Duration, Instant};

use indicatif::{ProgressBar, ProgressStyle};

use crate::cli::args::BuildArgs;
use crate::cli::digest;
use crate::cli::print::{Failure, error, failed, first_line};
use crate::cli::print::{errln, outln};
use crate::commands::batch;
use crate::commands::build::Rendition;
use crate::model::error::Error;

/// Several plans: built in parallel with a progress bar (on a terminal), then one summary
/// line per plan; exit 1 if any plan failed (2 if all failures were denied warnings).
pub fn run(args: BuildArgs, plans: Vec<PathBuf>) -> ExitCode {
    if let Err(e) = refuse_single_plan_options(&args) {
        return failed(&e, None, Failure::undone(UNDONE));
    }
    let started = Instant::now();
    let bar = progress(plans.len());
    let outcomes = batch::build_all(
        &batch::BatchConfig {
            plans,
            output_dir: args.output,
            typesetting: args.typesetting.settings(),
            deny_warnings: args.deny_warnings,
        },
        &|outcome| {
            bar.set_message(outcome.plan.display().to_string());
            bar.inc(1);
        },
    );
    bar.finish_and_clear();
    print_failures(&outcomes, args.verbose);
    print_summary(&outcomes, started.elapsed());
    exit_code(&outcomes)
}

/// What a failed plan of a batch did not make.
const UNDONE: &str = "PDF를 만들지 않았습니다";

/// The options that work for one plan only: `--to hwpx`, `--emit-typst`, and `-o` naming a
/// file rather than a folder.
fn refuse_single_plan_options(args: &BuildArgs) -> Result<(), Error> {
    if matches!(args.to, Some(Rendition::Hwpx)) {
        return Err(Error::usage(
            "계획이 여럿일 때는 PDF만 만듭니다 (--to hwpx는 계획 하나씩).",
            "HWPX는 gongsi build <계획> -o <이름>.hwpx로 하나씩 만드세요.",
        ));
    }
    if args.emit_typst.is_some() {
        return Err(Error::usage(
            "계획이 여럿일 때는 --emit-typst를 쓸 수 없습니다.",
            "Typst 원본은 계획 하나씩 gongsi build <계획> --emit-typst <폴더>로 저장하세요.",
        ));
    }
    if let Some(dir) = &args.output
        && dir.exists()
        && !dir.is_dir()
    {
        return Err(Error::usage(
            format!(
                "계획이 여럿이면 -o는 PDF들을 넣을 폴더인데, {}은(는) 폴더가 아닌 파일입니다.",
                dir.display()
            ),
            "-o에 폴더 이름을 주세요 (없으면 만듭니다).",
        ));
    }
    Ok(())
}

/// A progress bar on a terminal (hidden otherwise) counting `plans` built.
fn progress(plans: usize) -> ProgressBar {
    let bar = if std::io::stderr().is_terminal() {
        ProgressBar::new(plans as u64)
    } else {
        ProgressBar::hidden()
    };
    bar.set_style(
        ProgressStyle::with_template("{spinner} [{elapsed}] {bar:30} {pos}/{len} {msg}")
            .expect("valid template"),
    );
    bar.enable_steady_tick(Duration::from_millis(120));
    bar
}

/// The errors of the plans that failed, each under its plan's name, as `build` says them.
fn print_failures(outcomes: &[batch::PlanOutcome], verbose: bool) {
    for outcome in outcomes {
        if let Err(e) = &outcome.result {
            errln!("── {} ──", outcome.plan.display());
            let failure = Failure {
                undone: UNDONE,
                verbose,
            };
            error(e, Some(&outcome.plan), failure);
        }
    }
}

/// One line per plan: what it made (pages, size, time, what its warnings are) or why not.
fn print_summary(outcomes: &[batch::PlanOutcome], elapsed: Duration) {
    outln!(
        "계획 {}개 (걸린 시간 {:.1}초):",
        outcomes.len(),
        elapsed.as_secs_f64()
    );
    for outcome in outcomes {
        let seconds = outcome.elapsed.as_secs_f64();
        match &outcome.result {
            Ok(report) => {
                let warnings = if report.findings.is_empty() {
                    String::new()
                } else {
                    format!(
                        ", 경고 {}건: {}; {}로 모두 보기",
                        report.findings.len(),
                        digest::kinds(&report.findings),
                        digest::check_command(Some(&outcome.plan))
                    )
                };
                let pages = report
                    .pages
                    .map(|pages| format!("{pages}쪽, "))
                    .unwrap_or_default();
                outln!(
                    "  성공  {} → {} ({pages}{} KB, {seconds:.1}초{warnings})",
                    outcome.plan.display(),
                    report.output.display(),
                    report.bytes.div_ceil(1024)
                );
            }
            Err(e) => outln!("  실패  {} ({})", outcome.plan.display(), first_line(e)),
        }
    }
}

/// 0 when every plan was built; else the count of failures said, and 2 when they were all
/// denied warnings, 1 otherwise.
fn exit_code(outcomes: &[batch::PlanOutcome]) -> ExitCode {
    let failed: Vec<&batch::PlanOutcome> = outcomes.iter().filter(|o| o.result.is_err()).collect();
    if failed.is_empty() {
        outln!("완료: 계획 {}개 모두 PDF를 만들었습니다.", outcomes.len());
        return ExitCode::SUCCESS;
    }
    errln!(
        "오류: 계획 {}개 중 {}개를 만들지 못했습니다 (위의 오류를 보세요). 나머지는 만들었습니다.",
        outcomes.len(),
        failed.len()
    );
    let only_warnings = failed
        .iter()
        .all(|o| matches!(o.result, Err(Error::Warnings(_))));
    ExitCode::from(if only_warnings { 2 } else { 1 })
}
