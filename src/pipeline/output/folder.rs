//! 폴더 통째로 쓰기: a folder of outputs (`gongsi publish`, `gongsi init`, `gongsi new`) that
//! appears whole or not at all, and, when it replaces a folder, leaves the user the old folder
//! or the new one whatever moment the process is killed — and is written by one run at a
//! time.
//!
//! A run first [`claim`]s the folder: an advisory lock (`flock`) on `.{이름}.gongsi-lock`
//! beside it, held until the run ends (the kernel releases it when a process dies, so a
//! killed run never leaves it held). A second run that finds the folder claimed stops at
//! once and says so; the target is always one complete run's output. Under the claim, what
//! a killed run left is cleaned (see [`recover`]), and the caller checks the target.
//!
//! The files are written into `.{이름}.gongsi-new-XXXXXX` (a name of this run's own) beside
//! the target and synced. A target that does not exist, or is empty, is then replaced by one
//! rename. A target to replace is swapped with the new folder in one step (Linux
//! `renameat2(RENAME_EXCHANGE)`), and the old folder, now at the temporary name, is deleted.
//! Where the file system cannot swap, the old folder is first renamed to `.{이름}.gongsi-old`:
//! a kill between that rename and the next leaves it there, and the next run (of any command
//! that writes the folder) puts it back before doing anything else. Leftovers of a killed
//! run — a half-written `.gongsi-new-…`, an old folder not yet deleted — are removed by the
//! next run.

use std::path::{Path, PathBuf};

use crate::model::error::Error;

/// What is at the target folder, as the caller found it (and accepts).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Target {
    /// Nothing yet.
    Missing,
    /// An empty folder.
    Empty,
    /// A folder the caller may replace (one it wrote before).
    Replaceable,
}

/// The name of `folder` and its parent.
fn name_and_parent(folder: &Path) -> Result<(String, PathBuf), Error> {
    let name = folder
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .filter(|n| n != "." && n != "..")
        .ok_or_else(|| {
            Error::usage(
                format!("{}은(는) 폴더 이름으로 쓸 수 없습니다.", folder.display()),
                "새로 만들 폴더의 이름을 주세요. 예: -o 누리집",
            )
        })?;
    let parent = match folder.parent() {
        Some(p) if !p.as_os_str().is_empty() => p.to_path_buf(),
        _ => PathBuf::from("."),
    };
    Ok((name, parent))
}

/// The start of the names of the new folders being written beside `folder` (each run's
/// own: `.{이름}.gongsi-new-XXXXXX`), and the old folder moved aside.
fn siblings(folder: &Path) -> Result<(PathBuf, String, PathBuf), Error> {
    let (name, parent) = name_and_parent(folder)?;
    let staging = format!(".{name}.gongsi-new");
    let aside = parent.join(format!(".{name}.gongsi-old"));
    Ok((parent, staging, aside))
}

/// The right to write one folder, held by one run at a time (see the module's notes).
#[derive(Debug)]
pub struct Claim {
    folder: PathBuf,
    lock: PathBuf,
    /// The open lock file: the lock lasts as long as it is open.
    _file: std::fs::File,
}

impl Claim {
    /// The folder claimed.
    pub fn folder(&self) -> &Path {
        &self.folder
    }
}

impl Drop for Claim {
    fn drop(&mut self) {
        // Removed while still locked; a run that opened it meanwhile sees that the name no
        // longer leads to the file it locked, and tries again ([`claim`]).
        let _ = std::fs::remove_file(&self.lock);
    }
}

/// Claims `folder` for this run: takes the lock beside it (or stops at once, in Korean, when
/// another run holds it), then cleans what a killed run left ([`recover`]).
pub fn claim(folder: &Path) -> Result<Claim, Error> {
    let (name, parent) = name_and_parent(folder)?;
    std::fs::create_dir_all(&parent).map_err(|e| Error::io("폴더 만들기", &parent, e))?;
    let lock = parent.join(format!(".{name}.gongsi-lock"));
    loop {
        let file = std::fs::OpenOptions::new()
            .create(true)
            .truncate(false)
            .write(true)
            .open(&lock)
            .map_err(|e| Error::io("잠금 파일 만들기", &lock, e))?;
        match file.try_lock() {
            Ok(()) => {}
            Err(std::fs::TryLockError::WouldBlock) => {
                return Err(Error::usage(
                    format!(
                        "다른 gongsi 실행이 지금 {}에 쓰고 있어, 이 실행은 아무것도 쓰지 않고 멈췄습니다.",
                        folder.display()
                    ),
                    "그 실행이 끝난 뒤 다시 실행하거나, -o로 다른 폴더를 주세요.",
                ));
            }
            Err(std::fs::TryLockError::Error(e)) => {
                return Err(Error::io("폴더 잠그기", &lock, e));
            }
        }
        if same_file(&file, &lock) {
            let claim = Claim {
                folder: folder.to_path_buf(),
                lock,
                _file: file,
            };
            recover(folder)?;
            return Ok(claim);
        }
        // The run before removed the lock file while this one was opening it: again.
    }
}

/// Whether `path` still names the open `file`.
#[cfg(unix)]
fn same_file(file: &std::fs::File, path: &Path) -> bool {
    use std::os::unix::fs::MetadataExt;
    match (file.metadata(), std::fs::metadata(path)) {
        (Ok(a), Ok(b)) => a.dev() == b.dev() && a.ino() == b.ino(),
        _ => false,
    }
}

/// Whether `path` still names the open `file` (a name in use cannot be removed here).
#[cfg(not(unix))]
fn same_file(_: &std::fs::File, path: &Path) -> bool {
    path.exists()
}

/// Cleans what a killed run left beside `folder` (only under a claim, so that no other run
/// is writing there): puts an old folder moved aside back when the target is missing (the
/// run died between its two renames), else deletes it; deletes half-written new folders.
/// Returns what was put back.
fn recover(folder: &Path) -> Result<Option<PathBuf>, Error> {
    let (parent, staging, aside) = siblings(folder)?;
    let mut restored = None;
    if is_dir(&aside) {
        if std::fs::symlink_metadata(folder).is_err() {
            std::fs::rename(&aside, folder)
                .map_err(|e| Error::io("이전 폴더 되돌리기", folder, e))?;
            restored = Some(folder.to_path_buf());
        } else {
            remove_tree(&aside)?;
        }
    }
    let entries = match std::fs::read_dir(&parent) {
        Ok(entries) => entries,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(restored),
        Err(e) => return Err(Error::io("폴더 읽기", &parent, e)),
    };
    for entry in entries.flatten() {
        let path = entry.path();
        if entry.file_name().to_string_lossy().starts_with(&staging) && is_dir(&path) {
            remove_tree(&path)?;
        }
    }
    Ok(restored)
}

/// What is at `folder` when only a new or empty folder may be written there (`new`, `init`):
/// anything else is refused, and left alone.
pub fn must_be_empty(folder: &Path) -> Result<Target, Error> {
    let refuse = |message: String| {
        Error::usage(
            message,
            "새 폴더 이름을 -o로 주거나, 빈 폴더를 주세요. 있던 파일은 건드리지 않았습니다.",
        )
    };
    match std::fs::read_dir(folder) {
        Ok(mut entries) => {
            if entries.next().is_some() {
                return Err(refuse(format!(
                    "{} 폴더가 비어 있지 않아 새 계획을 쓰지 않았습니다.",
                    folder.display()
                )));
            }
            Ok(Target::Empty)
        }
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => Ok(Target::Missing),
        Err(e) if e.kind() == std::io::ErrorKind::NotADirectory || folder.is_file() => Err(refuse(
            format!("{}은(는) 폴더가 아니라 파일입니다.", folder.display()),
        )),
        Err(e) => Err(Error::io("폴더 확인", folder, e)),
    }
}

/// Writes `files` (paths relative to the folder) as the whole content of the folder of
/// `claim`; `target` is what the caller found there and accepts (see the module's notes).
pub fn write(claim: &Claim, files: &[(PathBuf, Vec<u8>)], target: Target) -> Result<(), Error> {
    let folder = claim.folder();
    let (parent, staging, aside) = siblings(folder)?;
    std::fs::create_dir_all(&parent).map_err(|e| Error::io("폴더 만들기", &parent, e))?;
    let staging = tempfile::Builder::new()
        .prefix(&format!("{staging}-"))
        .tempdir_in(&parent)
        .map_err(|e| Error::io("임시 폴더 만들기", &parent, e))?
        .keep();
    let mut cleanup = Cleanup(Some(staging.clone()));
    for (name, bytes) in files {
        let path = staging.join(name);
        if let Some(dir) = path.parent() {
            std::fs::create_dir_all(dir).map_err(|e| Error::io("폴더 만들기", dir, e))?;
        }
        write_synced(&path, bytes)?;
    }
    // A new folder is for everyone to read, like the files in it.
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        std::fs::set_permissions(&staging, std::fs::Permissions::from_mode(0o755))
            .map_err(|e| Error::io("폴더 권한 설정", &staging, e))?;
    }
    sync_dir(&staging);
    match target {
        // rename(2) replaces an empty folder.
        Target::Missing | Target::Empty => {
            std::fs::rename(&staging, folder).map_err(|e| Error::io("폴더 저장", folder, e))?;
        }
        Target::Replaceable => {
            if exchange(&staging, folder).map_err(|e| Error::io("폴더 바꾸기", folder, e))? {
                // The old folder is now at the temporary name; deleting it is cleanup only.
                sync_dir(&parent);
                cleanup.0 = None;
                return remove_tree(&staging);
            }
            two_renames(&staging, folder, &aside)?;
        }
    }
    cleanup.0 = None;
    sync_dir(&parent);
    Ok(())
}

/// The fallback where the file system cannot swap two names: old aside, new in, old deleted.
fn two_renames(staging: &Path, folder: &Path, aside: &Path) -> Result<(), Error> {
    std::fs::rename(folder, aside).map_err(|e| Error::io("이전 폴더 옮기기", folder, e))?;
    if let Err(e) = std::fs::rename(staging, folder) {
        let _ = std::fs::rename(aside, folder);
        return Err(Error::io("폴더 저장", folder, e));
    }
    remove_tree(aside)
}

/// Swaps two folders in one step; `Ok(false)` when the file system cannot.
#[cfg(target_os = "linux")]
fn exchange(a: &Path, b: &Path) -> std::io::Result<bool> {
    use rustix::fs::{CWD, RenameFlags, renameat_with};
    use rustix::io::Errno;
    match renameat_with(CWD, a, CWD, b, RenameFlags::EXCHANGE) {
        Ok(()) => Ok(true),
        Err(Errno::INVAL | Errno::NOSYS | Errno::OPNOTSUPP) => Ok(false),
        Err(e) => Err(e.into()),
    }
}

/// Swaps two folders in one step; `Ok(false)` when the file system cannot.
#[cfg(not(target_os = "linux"))]
fn exchange(_: &Path, _: &Path) -> std::io::Result<bool> {
    Ok(false)
}

/// Removes the half-written folder when writing fails.
struct Cleanup(Option<PathBuf>);

impl Drop for Cleanup {
    fn drop(&mut self) {
        if let Some(path) = &self.0 {
            let _ = std::fs::remove_dir_all(path);
        }
    }
}

fn is_dir(path: &Path) -> bool {
    std::fs::symlink_metadata(path).is_ok_and(|m| m.is_dir())
}

fn remove_tree(path: &Path) -> Result<(), Error> {
    match std::fs::remove_dir_all(path) {
        Err(e) if e.kind() != std::io::ErrorKind::NotFound => {
            Err(Error::io("임시 폴더 지우기", path, e))
        }
        _ => Ok(()),
    }
}

fn write_synced(path: &Path, bytes: &[u8]) -> Result<(), Error> {
    use std::io::Write;
    let mut file = std::fs::File::create(path).map_err(|e| Error::io("파일 쓰기", path, e))?;
    file.write_all(bytes)
        .and_then(|()| file.sync_all())
        .map_err(|e| Error::io("파일 쓰기", path, e))
}

/// Makes a folder's entries durable (best effort: not every system can open a folder).
fn sync_dir(path: &Path) {
    if let Ok(dir) = std::fs::File::open(path) {
        let _ = dir.sync_all();
    }
}

#[cfg(test)]
pub(crate) mod tests {
    use super::*;

    /// The names in `dir`, sorted.
    pub(crate) fn names(dir: &Path) -> Vec<String> {
        let mut names: Vec<String> = std::fs::read_dir(dir)
            .unwrap()
            .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
            .collect();
        names.sort();
        names
    }

    fn files(names: &[&str]) -> Vec<(PathBuf, Vec<u8>)> {
        names
            .iter()
            .map(|n| (PathBuf::from(n), n.as_bytes().to_vec()))
            .collect()
    }

    #[test]
    fn writes_new_replaces_whole_and_leaves_nothing_beside() {
        let dir = tempfile::tempdir().unwrap();
        let target = dir.path().join("게시");
        let claim = super::claim(&target).unwrap();
        write(&claim, &files(&["a.pdf", "b/c.png"]), Target::Missing).unwrap();
        assert_eq!(names(&target), ["a.pdf", "b"]);
        write(&claim, &files(&["new.pdf"]), Target::Replaceable).unwrap();
        assert_eq!(names(&target), ["new.pdf"]);
        drop(claim);
        assert_eq!(names(dir.path()), ["게시"]);
    }

    #[test]
    fn one_run_at_a_time_claims_a_folder() {
        let dir = tempfile::tempdir().unwrap();
        let target = dir.path().join("게시");
        let first = claim(&target).unwrap();
        let error = claim(&target).unwrap_err().to_string();
        assert!(error.contains("다른 gongsi 실행이 지금"), "{error}");
        drop(first);
        let again = claim(&target).unwrap();
        assert_eq!(again.folder(), target);
    }

    #[test]
    fn the_fallback_swap_replaces_whole_too() {
        let dir = tempfile::tempdir().unwrap();
        let target = dir.path().join("게시");
        let claim = super::claim(&target).unwrap();
        write(&claim, &files(&["old.pdf"]), Target::Missing).unwrap();
        let (_, staging, aside) = siblings(&target).unwrap();
        let staging = dir.path().join(format!("{staging}-x"));
        std::fs::create_dir(&staging).unwrap();
        std::fs::write(staging.join("new.pdf"), b"n").unwrap();
        two_renames(&staging, &target, &aside).unwrap();
        assert_eq!(names(&target), ["new.pdf"]);
        drop(claim);
        assert_eq!(names(dir.path()), ["게시"]);
    }

    #[test]
    fn a_run_killed_between_the_two_renames_gets_the_old_folder_back() {
        let dir = tempfile::tempdir().unwrap();
        let target = dir.path().join("게시");
        let (_, staging, aside) = siblings(&target).unwrap();
        // What a kill after `folder → aside` leaves: no target, the old folder aside, the
        // new one complete in its staging folder (and one of an older killed run).
        std::fs::create_dir(&aside).unwrap();
        std::fs::write(aside.join("old.pdf"), b"o").unwrap();
        for run in ["a1b2c3", "d4e5f6"] {
            let staging = dir.path().join(format!("{staging}-{run}"));
            std::fs::create_dir(&staging).unwrap();
            std::fs::write(staging.join("new.pdf"), b"n").unwrap();
        }
        assert_eq!(recover(&target).unwrap(), Some(target.clone()));
        assert_eq!(names(&target), ["old.pdf"]);
        assert_eq!(names(dir.path()), ["게시"]);
        // After the second rename, before the old folder was deleted: the new one stays.
        std::fs::create_dir(&aside).unwrap();
        assert_eq!(recover(&target).unwrap(), None);
        assert_eq!(names(&target), ["old.pdf"]);
        assert_eq!(names(dir.path()), ["게시"]);
    }

    #[test]
    fn a_failed_write_leaves_no_temporary_folder() {
        let dir = tempfile::tempdir().unwrap();
        let target = dir.path().join("게시");
        // A file where a folder is needed makes the second write fail.
        let bad = vec![
            (PathBuf::from("a"), b"x".to_vec()),
            (PathBuf::from("a/b"), b"y".to_vec()),
        ];
        let claim = claim(&target).unwrap();
        assert!(write(&claim, &bad, Target::Missing).is_err());
        drop(claim);
        assert!(names(dir.path()).is_empty(), "{:?}", names(dir.path()));
    }
}
