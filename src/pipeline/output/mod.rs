//! Step 6 of the pipeline, 저장: write output files atomically. The bytes go to a temporary
//! file in the target folder, which is then renamed over the target, so a failed build never
//! leaves a truncated file and never replaces a good one.

pub mod filename;
pub mod folder;
use std::io::Write;
use std::path::Path;

use crate::model::error::Error;

/// Checks that an output may go to `path`: a path where nothing is yet, or a regular file
/// (which is then replaced). A folder, a symbolic link, a device, a FIFO or a socket is
/// refused: renaming over them would replace the node itself (as root, `-o /dev/null`
/// would replace `/dev/null`), or write where the link points.
pub fn check_target(path: &Path) -> Result<(), Error> {
    let meta = match std::fs::symlink_metadata(path) {
        Ok(meta) => meta,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(()),
        Err(e) => return Err(Error::io("출력 파일 확인", path, e)),
    };
    let kind = meta.file_type();
    let what = if kind.is_file() {
        return Ok(());
    } else if kind.is_symlink() {
        "기호 링크(symlink)"
    } else if kind.is_dir() {
        "폴더"
    } else {
        "장치·파이프(FIFO)·소켓 같은 특수 파일"
    };
    Err(Error::usage(
        format!(
            "{}은(는) {what}입니다. 출력은 새 파일이나 보통 파일에만 씁니다.",
            path.display()
        ),
        "-o에는 아직 없는 파일 이름이나 보통 파일을 주세요 (있던 보통 파일은 새 파일로 바뀝니다).",
    ))
}

/// Writes `bytes` to `path` atomically (temp file in the same folder, then rename); `path`
/// must pass [`check_target`].
pub fn write_atomic(path: &Path, bytes: &[u8]) -> Result<(), Error> {
    check_target(path)?;
    let temp = staged(path, bytes)?;
    temp.persist(path)
        .map_err(|e| Error::io("파일 저장", path, e.error))?;
    Ok(())
}

/// Writes `bytes` to `path` atomically, only where nothing is yet: a file that appears there
/// meanwhile (another run's) is left as it is, and this write fails.
pub fn write_new(path: &Path, bytes: &[u8]) -> Result<(), Error> {
    check_target(path)?;
    let temp = staged(path, bytes)?;
    temp.persist_noclobber(path)
        .map_err(|e| Error::io("파일 저장", path, e.error))?;
    Ok(())
}

/// `bytes` in a synced temporary file beside `path`.
fn staged(path: &Path, bytes: &[u8]) -> Result<tempfile::NamedTempFile, Error> {
    let dir = match path.parent() {
        Some(p) if !p.as_os_str().is_empty() => p,
        _ => Path::new("."),
    };
    std::fs::create_dir_all(dir).map_err(|e| Error::io("폴더 만들기", dir, e))?;
    let mut builder = tempfile::Builder::new();
    builder.prefix(".gongsi-").suffix(".tmp");
    // A temporary file is private (0600); the output is a document to share and publish.
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        builder.permissions(std::fs::Permissions::from_mode(0o644));
    }
    let mut temp = builder
        .tempfile_in(dir)
        .map_err(|e| Error::io("임시 파일 만들기", dir, e))?;
    temp.write_all(bytes)
        .map_err(|e| Error::io("파일 쓰기", temp.path(), e))?;
    temp.as_file()
        .sync_all()
        .map_err(|e| Error::io("파일 쓰기", temp.path(), e))?;
    Ok(temp)
}

/// Writes the generated Typst sources into `dir` (for `--emit-typst`).
pub fn write_sources(dir: &Path, files: &[(String, String)]) -> Result<(), Error> {
    for (name, text) in files {
        write_atomic(&dir.join(name), text.as_bytes())?;
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn replaces_existing_file_and_leaves_no_temp_files() {
        let dir = tempfile::tempdir().unwrap();
        let target = dir.path().join("계획.pdf");
        write_atomic(&target, b"first").unwrap();
        write_atomic(&target, b"second").unwrap();
        assert_eq!(std::fs::read(&target).unwrap(), b"second");
        let names: Vec<_> = std::fs::read_dir(dir.path())
            .unwrap()
            .map(|e| e.unwrap().file_name())
            .collect();
        assert_eq!(names.len(), 1);
    }

    #[test]
    fn refuses_folders_links_and_special_files_and_leaves_them_alone() {
        let dir = tempfile::tempdir().unwrap();
        let folder = dir.path().join("폴더");
        std::fs::create_dir(&folder).unwrap();
        let error = write_atomic(&folder, b"x").unwrap_err().to_string();
        assert!(error.contains("폴더입니다"), "{error}");
        assert!(folder.is_dir());
        #[cfg(unix)]
        {
            let target = dir.path().join("원본.pdf");
            std::fs::write(&target, b"keep").unwrap();
            let link = dir.path().join("링크.pdf");
            std::os::unix::fs::symlink(&target, &link).unwrap();
            let error = write_atomic(&link, b"x").unwrap_err().to_string();
            assert!(error.contains("기호 링크"), "{error}");
            assert_eq!(std::fs::read(&target).unwrap(), b"keep");
            assert!(link.symlink_metadata().unwrap().file_type().is_symlink());
            let error = write_atomic(Path::new("/dev/null"), b"x")
                .unwrap_err()
                .to_string();
            assert!(error.contains("특수 파일"), "{error}");
        }
    }
}
