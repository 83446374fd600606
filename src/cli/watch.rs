//! `gongsi watch` as printed: what is watched, then one line per rebuild with its timings, or
//! the errors of a failed rebuild and that the last good PDF stays.

use std::process::ExitCode;
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};

use crate::cli::args::WatchArgs;
use crate::cli::print::{Failure, error, failed, warnings};
use crate::cli::print::{errln, outln};
use crate::commands::watch::{WatchConfig, WatchEvent};
use crate::model::error::Error;

/// `gongsi watch`: rebuilds on every change until Ctrl-C; a failed rebuild shows its errors
/// like `build` and keeps the last good PDF.
pub fn run(args: WatchArgs) -> ExitCode {
    let plan = args.plan.clone();
    match watch(args) {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => failed(&e, Some(&plan), Failure::undone("PDF를 만들지 않았습니다")),
    }
}

fn watch(args: WatchArgs) -> Result<(), Error> {
    let stop = Arc::new(AtomicBool::new(false));
    let flag = Arc::clone(&stop);
    ctrlc::set_handler(move || flag.store(true, Ordering::SeqCst))
        .map_err(|e| Error::Internal(format!("Ctrl-C 처리기를 설치할 수 없습니다: {e}")))?;
    let plan = args.plan.clone();
    let mut had_good = false;
    let mut last_findings: Option<Vec<String>> = None;
    crate::commands::watch::run(
        WatchConfig {
            plan: args.plan,
            output: args.output,
            typesetting: args.typesetting.settings(),
        },
        &|| stop.load(Ordering::SeqCst),
        &mut |event| match event {
            WatchEvent::Watching(paths) => {
                let shown: Vec<String> = paths.iter().map(|p| p.display().to_string()).collect();
                errln!("감시 중: {} (끝내려면 Ctrl-C)", shown.join(", "));
            }
            WatchEvent::Built(rebuilt) => {
                had_good = true;
                // The full list when it changed; a count when it is the same as before.
                let shown: Vec<String> = rebuilt
                    .findings
                    .iter()
                    .map(|f| f.problem.to_string())
                    .collect();
                if last_findings.as_ref() == Some(&shown) {
                    if !shown.is_empty() {
                        errln!("경고 {}건 (앞과 같음)", shown.len());
                    }
                } else {
                    warnings(&rebuilt.findings, Some(&plan));
                    last_findings = Some(shown);
                }
                if let Some(typst) = &rebuilt.typst_warnings {
                    errln!("조판(Typst) 경고:\n{typst}");
                }
                let t = &rebuilt.timings;
                let ms = |d: std::time::Duration| d.as_secs_f64() * 1000.0;
                outln!(
                    "[{}] 완료: {} ({}쪽, {} KB, {:.0} ms = 읽기·검사 {:.0} + 템플릿 {:.0} + 조판 {:.0} + PDF {:.0} + 저장 {:.0})",
                    clock(),
                    rebuilt.output.display(),
                    rebuilt.pages,
                    rebuilt.bytes.div_ceil(1024),
                    ms(t.total),
                    ms(t.load),
                    ms(t.render),
                    ms(t.layout),
                    ms(t.export),
                    ms(t.write)
                );
            }
            WatchEvent::Failed(error) => {
                errln!("[{}] 다시 만들지 못했습니다.", clock());
                self::error(
                    error,
                    Some(&plan),
                    Failure::undone("PDF를 새로 만들지 않았습니다"),
                );
                if had_good {
                    errln!(
                        "마지막으로 만든 PDF를 그대로 둡니다. 파일을 고쳐 저장하면 다시 만듭니다."
                    );
                } else {
                    errln!("파일을 고쳐 저장하면 다시 만듭니다.");
                }
            }
        },
    )?;
    errln!("감시를 마칩니다.");
    Ok(())
}

/// The time of day (UTC), for watch messages.
fn clock() -> String {
    let secs = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map(|d| d.as_secs())
        .unwrap_or_default();
    format!(
        "{:02}:{:02}:{:02}",
        secs / 3600 % 24,
        secs / 60 % 60,
        secs % 60
    )
}
