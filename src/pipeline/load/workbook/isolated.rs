//! 통합문서를 따로 읽기 (reading a workbook in a process of its own): gongsi never runs
//! calamine itself. It starts itself again as the reading child ([`super::child`]), hands it
//! the workbook's bytes, and takes back the sheets as JSON ([`super::snapshot`]). The child
//! limits its own address space to [`limits::WORKBOOK_MEMORY`] before it reads a byte, and
//! gongsi kills it after [`limits::WORKBOOK_SECONDS`]; its answer may be at most
//! [`limits::WORKBOOK_ANSWER_BYTES`]. So whatever a workbook declares — a count of a hundred
//! billion strings, a cell at the last row of the last column, a record that loops — the
//! worst it can do is end the child, which gongsi reports as a Korean error naming the file
//! and the sheet being read: no workbook can abort gongsi or make it pass its memory.

// A problem is the rare path and is moved once into a list; boxing it would buy nothing.
#![allow(clippy::result_large_err)]

use std::io::{Read, Write};
use std::path::{Path, PathBuf};
use std::process::{Child, Command, ExitStatus, Stdio};
use std::sync::OnceLock;
use std::sync::mpsc;
use std::time::{Duration, Instant};

use crate::model::limits;
use crate::model::problem::Problem;
use crate::pipeline::load::workbook::child::{BROKEN, SUBCOMMAND};
use crate::pipeline::load::workbook::snapshot::{Answer, HEADER, Snapshot};

/// The program run as the reading child when it is not this one (see [`use_reader`]).
static READER: OnceLock<PathBuf> = OnceLock::new();

/// Makes the reading child `program` (a `gongsi` binary) instead of the running program:
/// for a test or benchmark executable that uses the library and is not `gongsi` itself.
pub fn use_reader(program: impl Into<PathBuf>) {
    let _ = READER.set(program.into());
}

/// The program to start as the reading child.
fn reader() -> std::io::Result<PathBuf> {
    match READER.get() {
        Some(program) => Ok(program.clone()),
        None => std::env::current_exe(),
    }
}

/// Reads the workbook `bytes` (a file with `extension`, named `shown` in problems) in the
/// reading child: the sheets, or every problem that kept the workbook from being read.
pub fn read(bytes: Vec<u8>, extension: &str, shown: &Path) -> Result<Snapshot, Vec<Problem>> {
    let ended = run(bytes, extension, shown).map_err(|problem| vec![problem])?;
    let answer = ended.answer(shown).map_err(|problem| vec![problem])?;
    answer.map_err(|refusals| refusals.iter().map(|r| r.problem(shown)).collect())
}

/// How the child ended, with what it wrote.
struct Ended {
    status: ExitStatus,
    /// Killed by gongsi after the time limit.
    timed_out: bool,
    /// Its standard output, unless it passed [`limits::WORKBOOK_ANSWER_BYTES`] (or it
    /// timed out).
    stdout: Option<Vec<u8>>,
    /// The last step it said it was at (`시트 표03`).
    step: Option<String>,
    /// The first few other lines it said on standard error (a panic's message, the
    /// allocator's last words).
    said: String,
}

/// Starts the child, feeds it, and waits for it within the time limit.
fn run(bytes: Vec<u8>, extension: &str, shown: &Path) -> Result<Ended, Problem> {
    let program = reader().map_err(|e| cannot_start(shown, &e.to_string()))?;
    let mut child = Command::new(&program)
        .arg(SUBCOMMAND)
        .arg(extension)
        .arg(shown)
        // The allocator's last words, without a backtrace after them.
        .env_remove("RUST_BACKTRACE")
        .env_remove("RUST_LIB_BACKTRACE")
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .map_err(|e| cannot_start(shown, &format!("{}: {e}", program.display())))?;
    let started = Instant::now();
    let deadline = started + Duration::from_secs(limits::WORKBOOK_SECONDS);
    let stdin = child.stdin.take();
    let feeder = std::thread::spawn(move || {
        // A child that died early closes its input: nothing more to do.
        if let Some(mut stdin) = stdin {
            let _ = stdin.write_all(&bytes);
        }
    });
    let stderr = child.stderr.take();
    let listener = std::thread::spawn(move || stderr.map(listen).unwrap_or_default());
    let (sender, answer) = mpsc::channel();
    let stdout = child.stdout.take();
    std::thread::spawn(move || {
        let _ = sender.send(stdout.map(bounded).unwrap_or(Some(Vec::new())));
    });
    let stdout = answer.recv_timeout(deadline.saturating_duration_since(Instant::now()));
    let (status, killed) = finish(&mut child, deadline);
    let _ = feeder.join();
    let (step, said) = listener.join().unwrap_or_default();
    Ok(Ended {
        status,
        timed_out: killed || stdout.is_err(),
        stdout: stdout.unwrap_or_default(),
        step,
        said,
    })
}

/// Waits for the child until `deadline`, then kills it; its status, and whether it was
/// killed for time.
fn finish(child: &mut Child, deadline: Instant) -> (ExitStatus, bool) {
    let mut pause = Duration::from_millis(1);
    loop {
        match child.try_wait() {
            Ok(Some(status)) => return (status, false),
            Ok(None) if Instant::now() < deadline => {
                std::thread::sleep(pause);
                pause = (pause * 2).min(Duration::from_millis(20));
            }
            _ => {
                let _ = child.kill();
                let status = child.wait();
                // `wait` after `kill` fails only if the child was already reaped.
                return (status.unwrap_or_else(|_| killed()), true);
            }
        }
    }
}

#[cfg(unix)]
fn killed() -> ExitStatus {
    use std::os::unix::process::ExitStatusExt;
    ExitStatus::from_raw(9)
}

#[cfg(not(unix))]
fn killed() -> ExitStatus {
    use std::os::windows::process::ExitStatusExt;
    ExitStatus::from_raw(1)
}

/// The child's standard output, or `None` past [`limits::WORKBOOK_ANSWER_BYTES`] (the rest
/// is read and dropped, so the child is never blocked).
fn bounded(mut stdout: impl Read) -> Option<Vec<u8>> {
    let mut out = Vec::new();
    let limit = limits::WORKBOOK_ANSWER_BYTES;
    let read = (&mut stdout).take(limit + 1).read_to_end(&mut out);
    if read.is_err() || out.len() as u64 > limit {
        let _ = std::io::copy(&mut stdout, &mut std::io::sink());
        return None;
    }
    Some(out)
}

/// What the child says on standard error: the last step it named, and the first few other
/// lines (a panic's message, the allocator's last words).
fn listen(stderr: impl Read) -> (Option<String>, String) {
    use std::io::BufRead;
    let mut step = None;
    let mut said: Vec<String> = Vec::new();
    let mut reader = std::io::BufReader::new(stderr);
    let mut line = Vec::new();
    // Each line is read whole but kept short; the child says one line per sheet.
    while let Ok(n) = (&mut reader).take(64 * 1024).read_until(b'\n', &mut line) {
        if n == 0 {
            break;
        }
        let text = String::from_utf8_lossy(&line).trim_end().to_string();
        line.clear();
        if text == "열기" || text.starts_with("시트 ") {
            step = Some(text);
        } else if !text.is_empty() && said.len() < 4 {
            said.push(text.chars().take(300).collect());
        }
    }
    (step, said.join(" / "))
}

/// The child could not be started: the installation, not the workbook.
fn cannot_start(shown: &Path, detail: &str) -> Problem {
    Problem::new(
        shown,
        "",
        format!("통합문서를 읽을 프로그램(gongsi 자신)을 시작할 수 없습니다 ({detail})."),
    )
    .hint("gongsi를 다시 설치하거나, 다시 실행해 보세요. 되풀이되면 이 메시지를 개발자에게 보내 주세요.")
}

impl Ended {
    /// Where the child was when it stopped, as words and as a cell (`표03!A1`).
    fn place(&self) -> (String, Option<String>) {
        match self.step.as_deref().and_then(|s| s.strip_prefix("시트 ")) {
            Some(sheet) => (
                format!("`{sheet}` 시트를 읽는 중"),
                Some(format!("{sheet}!A1")),
            ),
            None => ("파일을 여는 중".to_string(), None),
        }
    }

    /// A problem about the workbook, at the sheet being read when the child stopped.
    fn problem(&self, shown: &Path, message: String, hint: &str) -> Problem {
        let (_, cell) = self.place();
        let problem = Problem::new(shown, "", message).hint(hint);
        match cell {
            Some(cell) => problem.in_cell(shown, cell),
            None => problem,
        }
    }

    /// The child's answer, or the problem of how it ended.
    fn answer(&self, shown: &Path) -> Result<Answer, Problem> {
        let (doing, _) = self.place();
        let resave = "Excel이나 LibreOffice에서 파일을 열어 다시 저장한 뒤(xlsx 권장) 다시 해 보세요. 다른 곳에서 받은 파일이면 보낸 사람에게 확인하세요.";
        if self.timed_out || signal(self.status) == Some(SIGXCPU) {
            return Err(self.problem(
                shown,
                format!(
                    "통합문서를 {}초 안에 다 읽지 못해 읽기를 멈췄습니다 ({doing}). 파일이 손상되었거나, 읽는 프로그램을 끝없이 돌게 만드는 파일입니다.",
                    limits::WORKBOOK_SECONDS
                ),
                resave,
            ));
        }
        if self.out_of_memory() {
            return Err(self.problem(
                shown,
                format!(
                    "통합문서를 읽는 데 메모리가 {} 넘게 들어 읽기를 멈췄습니다 ({doing}). 파일 안에 적힌 크기(칸·글의 수, 되풀이 수, 사용 범위)가 실제 내용보다 훨씬 큰, 손상되었거나 조작된 파일입니다.",
                    bytes(limits::WORKBOOK_MEMORY)
                ),
                resave,
            ));
        }
        if self.status.code() == Some(BROKEN.into()) {
            return Err(cannot_start(shown, &self.said));
        }
        if !self.status.success() {
            let detail = match signal(self.status) {
                Some(number) => format!(
                    "읽는 프로그램이 신호 {number}을(를) 받고 끝남: {}",
                    self.said
                ),
                None => format!("읽는 프로그램이 끝난 상태: {}; {}", self.status, self.said),
            };
            return Err(self.problem(
                shown,
                format!("통합문서를 읽을 수 없습니다: 손상되었거나, 확장자와 다른 형식의 파일입니다 ({doing}; {detail})."),
                resave,
            ));
        }
        let Some(stdout) = &self.stdout else {
            return Err(self.problem(
                shown,
                format!(
                    "통합문서에서 읽은 내용이 {}를 넘습니다 ({doing}). gongsi가 한 번에 다루는 양이 아닙니다.",
                    bytes(limits::WORKBOOK_ANSWER_BYTES)
                ),
                "쓰지 않는 시트와 아주 긴 칸을 지우고 저장하세요.",
            ));
        };
        let json = stdout
            .strip_prefix(HEADER.as_bytes())
            .ok_or_else(|| cannot_start(shown, "읽는 프로그램의 답이 gongsi의 것이 아닙니다"))?;
        serde_json::from_slice(json).map_err(|e| cannot_start(shown, &e.to_string()))
    }

    /// Whether the child died for want of memory: the allocator's own words (before its
    /// abort), or a kill not by gongsi (the kernel's, out of memory).
    fn out_of_memory(&self) -> bool {
        self.said.contains("memory allocation of")
            || self.said.contains("capacity overflow")
            || signal(self.status) == Some(SIGKILL)
    }
}

/// A size in GiB or MiB, for messages: `1 GiB`, `256 MiB`.
fn bytes(n: u64) -> String {
    const MIB: u64 = 1024 * 1024;
    if n.is_multiple_of(1024 * MIB) {
        format!("{} GiB", n / (1024 * MIB))
    } else {
        format!("{} MiB", n / MIB)
    }
}

const SIGKILL: i32 = 9;
const SIGXCPU: i32 = 24;

/// The signal that ended the child, if one did.
#[cfg(unix)]
fn signal(status: ExitStatus) -> Option<i32> {
    use std::os::unix::process::ExitStatusExt;
    status.signal()
}

#[cfg(not(unix))]
fn signal(_: ExitStatus) -> Option<i32> {
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_child_that_hangs_is_stopped_at_the_deadline() {
        let mut child = Command::new("sleep").arg("30").spawn().unwrap();
        let started = Instant::now();
        let (_, timed_out) = finish(&mut child, started + Duration::from_millis(200));
        assert!(timed_out);
        assert!(started.elapsed() < Duration::from_secs(5));
    }

    #[test]
    fn the_last_step_names_the_sheet_and_the_end_says_why() {
        let said = "열기\n시트 계획\n시트 표03\nmemory allocation of 2399999999976 bytes failed\n";
        let (step, rest) = listen(said.as_bytes());
        assert_eq!(step.as_deref(), Some("시트 표03"));
        assert_eq!(rest, "memory allocation of 2399999999976 bytes failed");
    }

    #[test]
    fn an_answer_past_the_limit_is_dropped_whole() {
        assert_eq!(bounded(&b"abc"[..]), Some(b"abc".to_vec()));
    }
}
