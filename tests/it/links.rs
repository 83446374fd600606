//! Links and files that change under gongsi (issue 23): what is read is what was checked
//! (a chapter flipped between itself and a link out of the plan never brings the outside
//! text in), and `watch` watches the plan as `build` reads it (never through a link out of
//! the plan, and a folder renamed away is a change).

use std::fs;
use std::path::{Path, PathBuf};
use std::process::{Child, Stdio};
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};
use std::time::{Duration, Instant};

use crate::common::*;

/// Text that is only in the file outside the plan.
const OUTSIDE: &str = "바깥비밀문장";

#[test]
fn a_chapter_flipped_to_a_link_out_of_the_plan_never_brings_the_outside_text_in() {
    let dir = tempfile::tempdir().unwrap();
    let plan = dir.path().join("plan");
    copy_dir(&fixture("minimal"), &plan);
    let chapter = plan.join("labour-market/01-population.yaml");
    let inside = fs::read_to_string(&chapter).unwrap();
    // The outside file is the chapter with a key of its own: were it read, the message about
    // that key (made from what was read, not from the file read again) would name it.
    let outside = dir.path().join("남의파일.yaml");
    fs::write(&outside, format!("{inside}{OUTSIDE}: 1\n")).unwrap();
    let stop = Arc::new(AtomicBool::new(false));
    let flipper = {
        let stop = Arc::clone(&stop);
        let (chapter, outside, inside) = (chapter.clone(), outside.clone(), inside.clone());
        std::thread::spawn(move || {
            let spare = chapter.with_extension("swap");
            let mut flips = 0u32;
            while !stop.load(Ordering::Relaxed) {
                let _ = fs::remove_file(&spare);
                if flips.is_multiple_of(2) {
                    std::os::unix::fs::symlink(&outside, &spare).unwrap();
                } else {
                    fs::write(&spare, &inside).unwrap();
                }
                fs::rename(&spare, &chapter).unwrap();
                flips += 1;
            }
            flips
        })
    };
    let mut leaked = Vec::new();
    let started = Instant::now();
    let mut runs = 0;
    // main `7b3d673` read the outside file in 2 of 60 runs on the development machine.
    while started.elapsed() < Duration::from_secs(4) || runs < 100 {
        let out = run(dir.path(), &["check", "plan"]);
        runs += 1;
        let said = format!(
            "{}{}",
            String::from_utf8_lossy(&out.stdout),
            String::from_utf8_lossy(&out.stderr)
        );
        if said.contains(OUTSIDE) {
            leaked.push(said);
        }
        if runs >= 300 {
            break;
        }
    }
    stop.store(true, Ordering::Relaxed);
    let flips = flipper.join().unwrap();
    assert!(flips > 100, "the link flipped {flips} times");
    assert!(
        leaked.is_empty(),
        "{} of {runs} runs read the outside file:\n{}",
        leaked.len(),
        leaked[0]
    );
}

/// Kills the watcher when the test ends.
struct Watcher(Child);

impl Drop for Watcher {
    fn drop(&mut self) {
        let _ = self.0.kill();
        let _ = self.0.wait();
    }
}

/// Starts `gongsi watch plan` in `dir`; the watcher and the file its standard error goes to.
fn watch(dir: &Path) -> (Watcher, PathBuf, PathBuf) {
    let (out, err) = (dir.join("out.txt"), dir.join("err.txt"));
    let child = gongsi()
        .current_dir(dir)
        .args(["watch", "plan", "-o", "계획.pdf"])
        .stdout(Stdio::from(fs::File::create(&out).unwrap()))
        .stderr(Stdio::from(fs::File::create(&err).unwrap()))
        .spawn()
        .unwrap();
    (Watcher(child), out, err)
}

fn wait_for(what: &str, mut ready: impl FnMut() -> bool) {
    let started = Instant::now();
    while !ready() {
        assert!(
            started.elapsed() < Duration::from_secs(120),
            "timed out waiting for {what}"
        );
        std::thread::sleep(Duration::from_millis(100));
    }
}

fn read(path: &Path) -> String {
    fs::read_to_string(path).unwrap_or_default()
}

/// The inotify watches the process `pid` holds (Linux: `/proc/PID/fdinfo`).
fn inotify_watches(pid: u32) -> usize {
    fs::read_dir(format!("/proc/{pid}/fdinfo"))
        .unwrap()
        .filter_map(Result::ok)
        .map(|e| read(&e.path()).matches("inotify wd:").count())
        .sum()
}

#[test]
fn watch_never_watches_through_a_link_out_of_the_plan() {
    let dir = tempfile::tempdir().unwrap();
    let plan = dir.path().join("plan");
    copy_dir(&fixture("minimal"), &plan);
    std::os::unix::fs::symlink("/usr", plan.join("labour-market/x")).unwrap();
    let (watcher, out, err) = watch(dir.path());
    // build refuses the link; watch says so and goes on watching.
    wait_for("the first build", || {
        read(&err).contains("다시 만들지 못했습니다") || read(&out).contains("완료:")
    });
    assert!(read(&err).contains("계획 폴더 밖"), "{}", read(&err));
    let watches = inotify_watches(watcher.0.id());
    assert!(
        (1..=10).contains(&watches),
        "{watches} inotify watches (the plan has 3 folders)"
    );
}

#[test]
fn watch_rebuilds_when_a_folder_is_renamed_away() {
    let dir = tempfile::tempdir().unwrap();
    let plan = dir.path().join("plan");
    copy_dir(&fixture("minimal"), &plan);
    let (_watcher, out, err) = watch(dir.path());
    wait_for("the first PDF", || read(&out).contains("완료:"));
    fs::rename(plan.join("strategies"), dir.path().join("strategies")).unwrap();
    wait_for("the rebuild", || {
        read(&err).contains("다시 만들지 못했습니다")
    });
    assert!(read(&err).contains("추진전략"), "{}", read(&err));
    // And back: the folder is watched again, and an edit in it rebuilds.
    fs::rename(dir.path().join("strategies"), plan.join("strategies")).unwrap();
    wait_for("the PDF again", || read(&out).matches("완료:").count() >= 2);
    let strategy = plan.join("strategies/01-youth.yaml");
    fs::write(
        &strategy,
        read(&strategy).replace("청년 인턴 사업", "청년 일경험 사업"),
    )
    .unwrap();
    wait_for("the edit", || read(&out).matches("완료:").count() >= 3);
}
