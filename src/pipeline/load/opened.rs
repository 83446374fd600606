//! 연 파일 확인 (checking the file opened, not the path): a plan's file is opened once, and
//! what is checked and read is that open file. Its real place is found after opening and
//! must be inside the plan folder, and the file found there must be the one opened — so a
//! link swapped between the walk's check and the read can never bring an outside file in
//! (it is refused as outside, or as changed). It must be a regular file (it is opened without
//! waiting, so a FIFO put in its place cannot hang gongsi). It is read whole, and read again
//! when its size or time changed while it was read; a file that keeps changing is refused.

// A problem is the rare path and is moved once into a list; boxing it would buy nothing.
#![allow(clippy::result_large_err)]

use std::fs::File;
use std::io::{Read, Seek, SeekFrom};
use std::path::Path;

use crate::model::error::Error;
use crate::model::limits;
use crate::model::problem::Problem;
use crate::pipeline::load::textfile::{ReadError, too_large};

/// How many times a file that changed while it was read is read again.
const READS: usize = 3;

/// Opens the file at `path` (named `shown` in problems). With `base` (the plan folder,
/// canonical), the file opened must be inside it.
pub fn open_inside(path: &Path, base: Option<&Path>, shown: &Path) -> Result<File, ReadError> {
    let io = |e: std::io::Error| ReadError::Io(Error::io("파일 읽기", path, e));
    for _ in 0..READS {
        let file = open_without_waiting(path).map_err(io)?;
        let meta = file.metadata().map_err(io)?;
        if !meta.is_file() {
            return Err(ReadError::Content(
                Problem::new(
                    shown,
                    "",
                    "보통 파일이 아닙니다 (폴더, 장치, 파이프(FIFO), 소켓).",
                )
                .hint("계획 파일은 보통 파일이어야 합니다."),
            ));
        }
        let Some(base) = base else {
            return Ok(file);
        };
        // Where the path leads now; the file there must be the one opened.
        let real = std::fs::canonicalize(path).map_err(io)?;
        if !real.starts_with(base) {
            return Err(ReadError::Content(
                Problem::new(
                    shown,
                    "",
                    format!(
                        "계획 폴더 밖({})을 가리키는 링크(symlink)라 읽지 않았습니다.",
                        real.display()
                    ),
                )
                .hint("링크 대신 파일을 계획 폴더 안에 복사해 두세요. 계획 폴더 안을 가리키는 링크는 읽습니다."),
            ));
        }
        if std::fs::metadata(&real).is_ok_and(|now| same(&now, &meta)) {
            return Ok(file);
        }
        // The path was changed between the opening and the check: again.
    }
    Err(ReadError::Content(changing(shown)))
}

/// Reads the open `file` (at `path`, named `shown`) whole, at most [`limits::FILE_BYTES`];
/// read again when it changed meanwhile.
pub fn read_whole(mut file: &File, path: &Path, shown: &Path) -> Result<Vec<u8>, ReadError> {
    let io = |e: std::io::Error| ReadError::Io(Error::io("파일 읽기", path, e));
    for _ in 0..READS {
        let before = file.metadata().map_err(io)?;
        if before.len() > limits::FILE_BYTES {
            return Err(ReadError::Content(too_large(shown, before.len())));
        }
        file.seek(SeekFrom::Start(0)).map_err(io)?;
        let mut bytes = Vec::with_capacity(before.len() as usize);
        // The file may grow while it is read: never past the limit.
        file.take(limits::FILE_BYTES + 1)
            .read_to_end(&mut bytes)
            .map_err(io)?;
        if bytes.len() as u64 > limits::FILE_BYTES {
            return Err(ReadError::Content(too_large(shown, bytes.len() as u64)));
        }
        let after = file.metadata().map_err(io)?;
        if unchanged(&before, &after) && after.len() == bytes.len() as u64 {
            return Ok(bytes);
        }
    }
    Err(ReadError::Content(changing(shown)))
}

/// What a file was when it was read: which file, its size and its times.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Stamp {
    len: u64,
    modified: Option<std::time::SystemTime>,
    #[cfg(unix)]
    identity: (u64, u64, i64, i64),
}

impl Stamp {
    /// The stamp of an open file now.
    pub fn of(file: &File) -> std::io::Result<Self> {
        Ok(Self::from(&file.metadata()?))
    }

    /// The stamp of the file at `path` now, if there is one.
    pub fn at(path: &Path) -> Option<Self> {
        std::fs::metadata(path).ok().map(|meta| Self::from(&meta))
    }

    /// Whether the file at `path` is still what this stamp says.
    pub fn holds(&self, path: &Path) -> bool {
        std::fs::metadata(path).is_ok_and(|now| Self::from(&now) == *self)
    }

    fn from(meta: &std::fs::Metadata) -> Self {
        Stamp {
            len: meta.len(),
            modified: meta.modified().ok(),
            #[cfg(unix)]
            identity: {
                use std::os::unix::fs::MetadataExt;
                (meta.dev(), meta.ino(), meta.ctime(), meta.ctime_nsec())
            },
        }
    }
}

/// A file that kept changing while gongsi read it.
pub fn changing(shown: &Path) -> Problem {
    Problem::new(
        shown,
        "",
        "읽는 동안 파일이 계속 바뀌어 읽지 않았습니다 (저장 중이거나 다른 프로그램이 쓰는 중).",
    )
    .hint("저장이 끝난 뒤 다시 실행하세요.")
}

/// A file that changed after gongsi read it, before what it made was written.
pub fn changed_since_read(shown: &Path) -> Problem {
    Problem::new(
        shown,
        "",
        "문서를 만드는 동안 파일이 바뀌어 결과를 쓰지 않았습니다 (저장 중이거나 다른 프로그램이 쓰는 중).",
    )
    .hint("저장이 끝난 뒤 다시 실행하세요. 반쯤 저장된 파일로 만든 문서를 쓰지 않으려는 것입니다.")
}

/// Opens for reading without waiting for a writer (a FIFO would wait forever).
#[cfg(unix)]
fn open_without_waiting(path: &Path) -> std::io::Result<File> {
    use std::os::unix::fs::OpenOptionsExt;
    std::fs::OpenOptions::new()
        .read(true)
        .custom_flags(nonblock())
        .open(path)
}

#[cfg(target_os = "linux")]
fn nonblock() -> i32 {
    rustix::fs::OFlags::NONBLOCK.bits() as i32
}

#[cfg(all(unix, not(target_os = "linux")))]
fn nonblock() -> i32 {
    // O_NONBLOCK on macOS and the BSDs.
    0x0004
}

#[cfg(not(unix))]
fn open_without_waiting(path: &Path) -> std::io::Result<File> {
    File::open(path)
}

/// Whether two metadata are of the same file.
#[cfg(unix)]
fn same(a: &std::fs::Metadata, b: &std::fs::Metadata) -> bool {
    use std::os::unix::fs::MetadataExt;
    a.dev() == b.dev() && a.ino() == b.ino()
}

#[cfg(not(unix))]
fn same(a: &std::fs::Metadata, b: &std::fs::Metadata) -> bool {
    a.len() == b.len() && a.modified().ok() == b.modified().ok()
}

/// Whether a file's size and times are as they were.
fn unchanged(before: &std::fs::Metadata, after: &std::fs::Metadata) -> bool {
    before.len() == after.len() && before.modified().ok() == after.modified().ok() && {
        #[cfg(unix)]
        {
            use std::os::unix::fs::MetadataExt;
            (before.ctime(), before.ctime_nsec()) == (after.ctime(), after.ctime_nsec())
        }
        #[cfg(not(unix))]
        true
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_link_out_of_the_folder_is_refused_as_opened() {
        let dir = tempfile::tempdir().unwrap();
        let plan = dir.path().join("plan");
        std::fs::create_dir(&plan).unwrap();
        std::fs::write(dir.path().join("남.yaml"), "x: 1\n").unwrap();
        std::fs::write(plan.join("안.yaml"), "y: 2\n").unwrap();
        let base = std::fs::canonicalize(&plan).unwrap();
        #[cfg(unix)]
        {
            std::os::unix::fs::symlink(dir.path().join("남.yaml"), plan.join("링크.yaml")).unwrap();
            let Err(ReadError::Content(problem)) =
                open_inside(&plan.join("링크.yaml"), Some(&base), Path::new("링크.yaml"))
            else {
                panic!("the outside file was opened");
            };
            assert!(problem.message.contains("계획 폴더 밖"), "{problem:?}");
        }
        let file = open_inside(&plan.join("안.yaml"), Some(&base), Path::new("안.yaml")).unwrap();
        let bytes = read_whole(&file, &plan.join("안.yaml"), Path::new("안.yaml")).unwrap();
        assert_eq!(bytes, b"y: 2\n");
    }

    #[test]
    fn a_stamp_holds_until_the_file_is_written_again() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("plan.yaml");
        std::fs::write(&path, "district: 가상군\n").unwrap();
        let stamp = Stamp::of(&File::open(&path).unwrap()).unwrap();
        assert!(stamp.holds(&path));
        std::fs::write(&path, "district: 시험군\n").unwrap();
        assert!(!stamp.holds(&path));
    }

    #[cfg(unix)]
    #[test]
    fn a_fifo_is_refused_without_waiting() {
        let dir = tempfile::tempdir().unwrap();
        let fifo = dir.path().join("plan.yaml");
        assert!(
            std::process::Command::new("mkfifo")
                .arg(&fifo)
                .status()
                .unwrap()
                .success()
        );
        let Err(ReadError::Content(problem)) = open_inside(&fifo, None, Path::new("plan.yaml"))
        else {
            panic!("a FIFO was taken");
        };
        assert!(problem.message.contains("보통 파일이 아닙니다"));
    }
}
