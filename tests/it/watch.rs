//! `gongsi watch` end to end: start the watcher on a copy of the example plan, edit a value
//! and see the PDF change, break the file and see the errors with the old PDF kept, then
//! stop it with Ctrl-C (SIGINT). Every wait is bounded.

use std::fs;
use std::path::Path;
use std::process::{Child, Stdio};
use std::time::{Duration, Instant};

use crate::common::*;

/// Waits until `ready()` holds, at most `limit`.
fn wait_for(limit: Duration, what: &str, mut ready: impl FnMut() -> bool) {
    let started = Instant::now();
    while !ready() {
        assert!(started.elapsed() < limit, "timed out waiting for {what}");
        std::thread::sleep(Duration::from_millis(100));
    }
}

/// Kills the watcher if the test fails half-way.
struct Watcher(Child);

impl Drop for Watcher {
    fn drop(&mut self) {
        let _ = self.0.kill();
        let _ = self.0.wait();
    }
}

fn read(path: &Path) -> String {
    fs::read_to_string(path).unwrap_or_default()
}

#[test]
fn watch_rebuilds_on_edits_and_keeps_the_last_good_pdf() {
    let limit = Duration::from_secs(120);
    let dir = tempfile::tempdir().unwrap();
    let plan = dir.path().join("plan");
    copy_dir(&fixture("minimal"), &plan);
    let (out, err, pdf) = (
        dir.path().join("out.txt"),
        dir.path().join("err.txt"),
        dir.path().join("계획.pdf"),
    );
    let child = gongsi()
        .current_dir(dir.path())
        .args(["watch", "plan", "-o", "계획.pdf"])
        .stdout(Stdio::from(fs::File::create(&out).unwrap()))
        .stderr(Stdio::from(fs::File::create(&err).unwrap()))
        .spawn()
        .unwrap();
    let mut watcher = Watcher(child);

    wait_for(limit, "the first PDF", || read(&out).contains("완료:"));
    assert!(read(&err).contains("감시 중: plan"));
    assert!(pdf_text(&pdf).contains("가상군"));

    // An edit: the PDF is rebuilt with the new value.
    let info = plan.join("plan.yaml");
    let text = read(&info);
    fs::write(&info, text.replace("가상군", "시험군")).unwrap();
    wait_for(limit, "the rebuilt PDF", || {
        read(&out).matches("완료:").count() >= 2
    });
    let good = fs::read(&pdf).unwrap();
    assert!(pdf_text(&pdf).contains("시험군"));

    // A broken edit: errors with their place, the last good PDF kept.
    fs::write(&info, "district: [\n").unwrap();
    wait_for(limit, "the errors", || {
        read(&err).contains("다시 만들지 못했습니다")
    });
    let errors = read(&err);
    assert!(errors.contains("plan.yaml:"), "{errors}");
    assert!(
        errors.contains("마지막으로 만든 PDF를 그대로 둡니다"),
        "{errors}"
    );
    assert_eq!(fs::read(&pdf).unwrap(), good);

    // Ctrl-C: a clean exit.
    let pid = watcher.0.id().to_string();
    assert!(
        std::process::Command::new("kill")
            .args(["-INT", &pid])
            .status()
            .unwrap()
            .success()
    );
    let started = Instant::now();
    let status = loop {
        if let Some(status) = watcher.0.try_wait().unwrap() {
            break status;
        }
        assert!(
            started.elapsed() < Duration::from_secs(20),
            "watch did not stop on SIGINT"
        );
        std::thread::sleep(Duration::from_millis(50));
    };
    assert!(status.success(), "{}", read(&err));
    assert!(read(&err).contains("감시를 마칩니다."));
    let leftovers: Vec<_> = fs::read_dir(dir.path())
        .unwrap()
        .filter_map(Result::ok)
        .filter(|e| e.file_name().to_string_lossy().starts_with(".gongsi-"))
        .collect();
    assert!(leftovers.is_empty());
}
