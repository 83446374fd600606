//! The `gongsi` command: parses arguments, runs the command, prints the outcome in Korean
//! and sets the exit code (0 success, 1 failure or data errors, 2 warnings denied; `diff`:
//! 0 same, 1 different, 2 error; 64 for a command line that cannot be read, whatever the
//! command).

mod args;

use std::io::IsTerminal;
use std::process::ExitCode;

use std::path::PathBuf;

use clap::Parser;
use clap::error::{ContextKind, ErrorKind};
use gongsi::batch;
use gongsi::build::{BuildConfig, build};
use gongsi::error::Error;
use gongsi::export::{export_workbook, write_template};
use gongsi::findings::{self, Sources};
use gongsi::publish::{PublishConfig, publish};
use gongsi::scaffold::{NewConfig, REVIEW_FILE, new_plan};
use indicatif::{ProgressBar, ProgressStyle};

use crate::args::{
    BuildArgs, CheckArgs, Cli, Command, DiffArgs, DiffFormat, Format, NewArgs, PublishArgs,
    WatchArgs, WorkbookFormat,
};

/// The exit code of a command line that cannot be read (unknown option, missing or bad
/// argument): `EX_USAGE` of sysexits.h, distinct from every outcome of a command.
const USAGE_EXIT: u8 = 64;

fn main() -> ExitCode {
    gongsi::error::install_panic_hook();
    let cli = match Cli::try_parse() {
        Ok(cli) => cli,
        Err(error) => return usage_error(&error),
    };
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
        Command::Build(args) => build_command(args),
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
        Command::New(args) => {
            let from = args.from.clone();
            new_command(args)
                .map(|()| ExitCode::SUCCESS)
                .map_err(|error| (error, Some(from)))
        }
        Command::Watch(args) => {
            let plan = args.plan.clone();
            watch_command(args)
                .map(|()| ExitCode::SUCCESS)
                .map_err(|error| (error, Some(plan)))
        }
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

/// A command line clap could not read, said in Korean with clap's own words in parentheses
/// and the usage line; help and version requests print as they are.
fn usage_error(error: &clap::Error) -> ExitCode {
    let context = |kind| error.get(kind).map(|v| v.to_string()).unwrap_or_default();
    let (arg, value) = (
        context(ContextKind::InvalidArg),
        context(ContextKind::InvalidValue),
    );
    let message = match error.kind() {
        ErrorKind::DisplayHelp | ErrorKind::DisplayVersion => {
            let _ = error.print();
            return ExitCode::SUCCESS;
        }
        ErrorKind::DisplayHelpOnMissingArgumentOrSubcommand | ErrorKind::MissingSubcommand => {
            let _ = error.print();
            "명령을 주지 않았습니다.".to_string()
        }
        ErrorKind::UnknownArgument => format!("알 수 없는 옵션이나 인자 `{arg}`입니다."),
        ErrorKind::InvalidSubcommand => format!(
            "알 수 없는 명령 `{}`입니다.",
            context(ContextKind::InvalidSubcommand)
        ),
        ErrorKind::InvalidValue => {
            let valid = context(ContextKind::ValidValue);
            let valid = if valid.is_empty() {
                String::new()
            } else {
                format!(" 쓸 수 있는 값: {valid}")
            };
            format!("{arg}에 `{value}`은(는) 쓸 수 없습니다.{valid}")
        }
        ErrorKind::ValueValidation => {
            format!("{arg}의 값 `{value}`을(를) 읽을 수 없습니다 (숫자가 와야 하는지 확인하세요).")
        }
        ErrorKind::MissingRequiredArgument => format!("꼭 주어야 하는 인자가 빠졌습니다: {arg}"),
        ErrorKind::ArgumentConflict => {
            format!("{arg}은(는) 함께 쓸 수 없는 옵션과 같이 쓰였습니다.")
        }
        ErrorKind::TooManyValues | ErrorKind::TooFewValues | ErrorKind::WrongNumberOfValues => {
            format!("{arg}에 준 값의 개수가 맞지 않습니다.")
        }
        ErrorKind::NoEquals => format!("{arg}의 값은 `=`로 붙여 주어야 합니다."),
        ErrorKind::InvalidUtf8 => "명령줄에 UTF-8이 아닌 글자가 있습니다.".to_string(),
        _ => "명령줄을 읽을 수 없습니다.".to_string(),
    };
    let rendered = error.render().to_string();
    let detail = rendered
        .lines()
        .find_map(|l| l.strip_prefix("error: "))
        .unwrap_or_default();
    if detail.is_empty() {
        eprintln!("오류: {message}");
    } else {
        eprintln!("오류: {message} ({detail})");
    }
    let usage = match rendered.lines().find_map(|l| l.strip_prefix("Usage: ")) {
        Some(usage) => usage.to_string(),
        None => <Cli as clap::CommandFactory>::command()
            .render_usage()
            .to_string()
            .trim_start_matches("Usage: ")
            .to_string(),
    };
    eprintln!("  사용법: {usage}");
    eprintln!(
        "  도움말: gongsi --help, gongsi <명령> --help로 쓸 수 있는 명령과 옵션을 보세요. (종료 코드 {USAGE_EXIT}: 명령줄 오류)"
    );
    ExitCode::from(USAGE_EXIT)
}

/// `gongsi build`: one plan (`-o` is the PDF), or several at once (`-o` is a folder).
fn build_command(args: BuildArgs) -> Result<ExitCode, (Error, Option<PathBuf>)> {
    let (plans, expanded) = batch::expand(&args.plans).map_err(|e| (e, None))?;
    if plans.len() > 1 || expanded {
        return batch_command(args, plans).map_err(|e| (e, None));
    }
    let plan = plans.into_iter().next();
    build(&BuildConfig {
        plan: plan.clone(),
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

/// Several plans: built in parallel with a progress bar (on a terminal), then one summary
/// line per plan; exit 1 if any plan failed (2 if all failures were denied warnings).
fn batch_command(args: BuildArgs, plans: Vec<PathBuf>) -> Result<ExitCode, Error> {
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
            templates: args.templates,
            font_paths: args.font_path,
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
        if let Err(error) = &outcome.result {
            eprintln!("── {} ──", outcome.plan.display());
            report(error, Some(&outcome.plan));
        }
    }
    println!(
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
                println!(
                    "  성공  {} → {} ({}쪽, {} KB, {seconds:.1}초{warnings})",
                    outcome.plan.display(),
                    report.output.display(),
                    report.pages,
                    report.bytes.div_ceil(1024)
                );
            }
            Err(error) => println!("  실패  {} ({})", outcome.plan.display(), first_line(error)),
        }
    }
    if failed.is_empty() {
        println!("완료: 계획 {}개 모두 PDF를 만들었습니다.", outcomes.len());
        return Ok(ExitCode::SUCCESS);
    }
    eprintln!(
        "오류: 계획 {}개 중 {}개를 만들지 못했습니다 (위의 오류를 보세요). 나머지는 만들었습니다.",
        outcomes.len(),
        failed.len()
    );
    let only_warnings = failed
        .iter()
        .all(|o| matches!(o.result, Err(Error::Warnings(_))));
    Ok(ExitCode::from(if only_warnings { 2 } else { 1 }))
}

/// The first line of an error, for the summary.
fn first_line(error: &Error) -> String {
    error
        .to_string()
        .lines()
        .next()
        .unwrap_or_default()
        .to_string()
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

fn new_command(args: NewArgs) -> Result<(), Error> {
    let report = new_plan(&NewConfig {
        from: args.from,
        year: args.year,
        output: args.output,
    })?;
    out(&report.review);
    let kept = report.files.iter().filter(|f| f.kept).count();
    println!(
        "\n완료: {} ({}년 계획, 파일 {}개 중 {}개는 원본의 주석과 모양을 그대로 둠; 검토할 곳 {}곳은 {}에도 적었습니다)",
        report.folder.display(),
        report.year,
        report.files.len(),
        kept,
        report.places,
        report.folder.join(REVIEW_FILE).display()
    );
    Ok(())
}

/// `gongsi watch`: rebuilds on every change until Ctrl-C; a failed rebuild shows its errors
/// like `build` and keeps the last good PDF.
fn watch_command(args: WatchArgs) -> Result<(), Error> {
    use gongsi::watch::{WatchConfig, WatchEvent};
    use std::sync::Arc;
    use std::sync::atomic::{AtomicBool, Ordering};

    let stop = Arc::new(AtomicBool::new(false));
    let flag = Arc::clone(&stop);
    ctrlc::set_handler(move || flag.store(true, Ordering::SeqCst)).map_err(|e| Error::Usage {
        message: format!("Ctrl-C 처리기를 설치할 수 없습니다: {e}"),
        hint: None,
    })?;
    let plan = args.plan.clone();
    let mut had_good = false;
    let mut last_findings: Option<Vec<String>> = None;
    gongsi::watch::run(
        WatchConfig {
            plan: args.plan,
            output: args.output,
            templates: args.templates,
            font_paths: args.font_path,
        },
        &|| stop.load(Ordering::SeqCst),
        &mut |event| match event {
            WatchEvent::Watching(paths) => {
                let shown: Vec<String> = paths.iter().map(|p| p.display().to_string()).collect();
                eprintln!("감시 중: {} (끝내려면 Ctrl-C)", shown.join(", "));
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
                        eprintln!("경고 {}건 (앞과 같음)", shown.len());
                    }
                } else {
                    print_findings(&rebuilt.findings, Some(&plan));
                    last_findings = Some(shown);
                }
                if let Some(warnings) = &rebuilt.warnings {
                    eprintln!("경고:\n{warnings}");
                }
                let t = &rebuilt.timings;
                let ms = |d: std::time::Duration| d.as_secs_f64() * 1000.0;
                println!(
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
                eprintln!("[{}] 다시 만들지 못했습니다.", clock());
                report(error, Some(&plan));
                if had_good {
                    eprintln!(
                        "마지막으로 만든 PDF를 그대로 둡니다. 파일을 고쳐 저장하면 다시 만듭니다."
                    );
                } else {
                    eprintln!("파일을 고쳐 저장하면 다시 만듭니다.");
                }
            }
        },
    )?;
    eprintln!("감시를 마칩니다.");
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
    use gongsi::diff::{compare, report};
    let (old, new) = std::thread::scope(|scope| {
        let old = scope.spawn(|| compare::load_draft(&args.old));
        let new = compare::load_draft(&args.new);
        (old.join().expect("loading a draft does not panic"), new)
    });
    let (old, new) = (old?, new?);
    let changes = compare::compare(&old, &new);
    match args.format {
        DiffFormat::Text => out(&report::text(&changes, color(true))),
        DiffFormat::Md => out(&report::markdown(&changes)),
        DiffFormat::Json => out(&format!("{}\n", report::json(&changes))),
    }
    let settings = gongsi::diff::pages::Settings {
        templates: args.templates.clone(),
        font_paths: args.font_path.clone(),
    };
    if let Some(folder) = &args.pages {
        let found = gongsi::diff::pages::write(&old, &new, folder, args.page_width, &settings)?;
        eprintln!("{}", found.text());
    }
    if let Some(pdf) = &args.pdf {
        let written = gongsi::diff::review::write(&old, &new, &changes, pdf, &settings)?;
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
