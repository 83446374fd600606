//! `gongsi build` of several plans as printed: a progress bar on a terminal, the errors of the
//! plans that failed, then one line per plan; exit 1 if any failed (2 if all failures were
//! denied warnings).

use std::io::IsTerminal;
use std::path::PathBuf;
use std::process::ExitCode;

use indicatif::{ProgressBar, ProgressStyle};

use crate::cli::args::{BuildArgs, DocumentFormat};
use crate::cli::print::{errln, outln};
use crate::cli::print::{error, failed, first_line};
use crate::commands::batch;
use crate::model::error::Error;

/// Several plans: built in parallel with a progress bar (on a terminal), then one summary
/// line per plan; exit 1 if any plan failed (2 if all failures were denied warnings).
pub fn run(args: BuildArgs, plans: Vec<PathBuf>) -> ExitCode {
    match run_all(args, plans) {
        Ok(code) => code,
        Err(e) => failed(&e, None),
    }
}

fn run_all(args: BuildArgs, plans: Vec<PathBuf>) -> Result<ExitCode, Error> {
    if matches!(args.to, Some(DocumentFormat::Hwpx)) {
        return Err(Error::Usage {
            message: "계획이 여럿일 때는 PDF만 만듭니다 (--to hwpx는 계획 하나씩).".into(),
            hint: Some("HWPX는 gongsi build <계획> -o <이름>.hwpx로 하나씩 만드세요.".into()),
        });
    }
    if args.emit_typst.is_some() {
        return Err(Error::Usage {
            message: "계획이 여럿일 때는 --emit-typst를 쓸 수 없습니다.".into(),
            hint: Some(
                "Typst 원본은 계획 하나씩 gongsi build <계획> --emit-typst <폴더>로 저장하세요."
                    .into(),
            ),
        });
    }
    if let Some(dir) = &args.output
        && dir.exists()
        && !dir.is_dir()
    {
        return Err(Error::Usage {
            message: format!(
                "계획이 여럿이면 -o는 PDF들을 넣을 폴더인데, {}은(는) 폴더가 아닌 파일입니다.",
                dir.display()
            ),
            hint: Some("-o에 폴더 이름을 주세요 (없으면 만듭니다).".into()),
        });
    }
    let bar = if std::io::stderr().is_terminal() {
        ProgressBar::new(plans.len() as u64)
    } else {
        ProgressBar::hidden()
    };
    bar.set_style(
        ProgressStyle::with_template("{spinner} [{elapsed}] {bar:30} {pos}/{len} {msg}")
            .expect("valid template"),
    );
    bar.enable_steady_tick(std::time::Duration::from_millis(120));
    let started = std::time::Instant::now();
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
    let failed: Vec<&batch::PlanOutcome> = outcomes.iter().filter(|o| o.result.is_err()).collect();
    for outcome in &failed {
        if let Err(e) = &outcome.result {
            errln!("── {} ──", outcome.plan.display());
            error(e, Some(&outcome.plan));
        }
    }
    outln!(
        "계획 {}개 (걸린 시간 {:.1}초):",
        outcomes.len(),
        started.elapsed().as_secs_f64()
    );
    for outcome in &outcomes {
        let seconds = outcome.elapsed.as_secs_f64();
        match &outcome.result {
            Ok(report) => {
                let warnings = if report.findings.is_empty() {
                    String::new()
                } else {
                    format!(
                        ", 경고 {}건: gongsi check {}",
                        report.findings.len(),
                        outcome.plan.display()
                    )
                };
                outln!(
                    "  성공  {} → {} ({}쪽, {} KB, {seconds:.1}초{warnings})",
                    outcome.plan.display(),
                    report.output.display(),
                    report.pages,
                    report.bytes.div_ceil(1024)
                );
            }
            Err(e) => outln!("  실패  {} ({})", outcome.plan.display(), first_line(e)),
        }
    }
    if failed.is_empty() {
        outln!("완료: 계획 {}개 모두 PDF를 만들었습니다.", outcomes.len());
        return Ok(ExitCode::SUCCESS);
    }
    errln!(
        "오류: 계획 {}개 중 {}개를 만들지 못했습니다 (위의 오류를 보세요). 나머지는 만들었습니다.",
        outcomes.len(),
        failed.len()
    );
    let only_warnings = failed
        .iter()
        .all(|o| matches!(o.result, Err(Error::Warnings(_))));
    Ok(ExitCode::from(if only_warnings { 2 } else { 1 }))
}
