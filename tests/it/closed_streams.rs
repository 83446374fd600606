//! Standard output or standard error with nobody reading (`gongsi build … | head`, a log
//! pipe that closed): every command does its work and exits with the code the work earned,
//! never a panic (101) or an abort (134), and says nothing it cannot say (issue 23).

use std::path::Path;
use std::process::{Output, Stdio};

use crate::common::*;

/// Which standard stream has no reader.
#[derive(Clone, Copy, Debug)]
enum Closed {
    Stdout,
    Stderr,
}

/// Runs gongsi in `dir` with `args`, the `closed` stream a pipe whose reading end is closed
/// before gongsi starts; the other stream is captured.
fn with_closed(dir: &Path, args: &[&str], closed: Closed) -> Output {
    let (reader, writer) = std::io::pipe().unwrap();
    drop(reader);
    let mut command = gongsi();
    command.current_dir(dir).args(args).stdin(Stdio::null());
    match closed {
        Closed::Stdout => command.stdout(writer).stderr(Stdio::piped()),
        Closed::Stderr => command.stderr(writer).stdout(Stdio::piped()),
    };
    command.output().unwrap()
}

#[test]
fn commands_end_with_the_code_their_work_earned_when_nobody_reads() {
    let dir = tempfile::tempdir().unwrap();
    let work = dir.path();
    copy_dir(&fixture("minimal"), &work.join("plan"));
    std::fs::create_dir(work.join("b")).unwrap();
    let broken = broken_plan(&work.join("b"), "plan.yaml", |t| {
        t.replace("district:", "distrct:")
    });
    let cases: Vec<(Vec<&str>, i32, Option<&str>)> = vec![
        (vec!["build", "plan", "-o", "a.pdf"], 0, Some("a.pdf")),
        (vec!["check", "plan"], 0, None),
        (
            vec!["export", "xlsx", "plan", "-o", "a.xlsx"],
            0,
            Some("a.xlsx"),
        ),
        (vec!["template", "xlsx", "-o", "t.xlsx"], 0, Some("t.xlsx")),
        (
            vec![
                "init",
                "--district",
                "가상군",
                "--year",
                "2026",
                "-o",
                "새계획",
            ],
            0,
            Some("새계획/plan.yaml"),
        ),
        (
            vec!["new", "--from", "plan", "-o", "다음해"],
            0,
            Some("다음해/plan.yaml"),
        ),
        (
            vec![
                "publish",
                "plan",
                "-o",
                "site",
                "--preview-width",
                "40",
                "--thumbnail-width",
                "40",
            ],
            0,
            Some("site/index.html"),
        ),
        (vec!["build", "plan", &broken, "-o", "pdfs"], 1, None),
        (vec!["diff", "plan", &broken], 2, None),
        (vec!["build", &broken, "-o", "b.pdf"], 1, None),
        (vec!["check", &broken], 1, None),
        (vec!["build", "--nope"], 64, None),
        (vec!["--help"], 0, None),
    ];
    let mut failures = Vec::new();
    for closed in [Closed::Stdout, Closed::Stderr] {
        for (args, code, writes) in &cases {
            if let Some(file) = writes {
                let path = work.join(file);
                let _ = std::fs::remove_file(&path);
                if let Some(top) = Path::new(file).components().next()
                    && Path::new(file).components().count() > 1
                {
                    let _ = std::fs::remove_dir_all(work.join(top));
                }
            }
            let out = with_closed(work, args, closed);
            let said = format!(
                "{}{}",
                String::from_utf8_lossy(&out.stdout),
                String::from_utf8_lossy(&out.stderr)
            );
            let wrote = writes.is_none_or(|file| work.join(file).is_file());
            if out.status.code() != Some(*code)
                || !wrote
                || said.contains("panicked")
                || said.contains("내부 오류")
            {
                failures.push(format!(
                    "{args:?} with {closed:?} closed: {:?}, wrote {wrote}\n{said}",
                    out.status
                ));
            }
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n\n"));
}
