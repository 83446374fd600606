//! Step 6 of the pipeline, 저장: write output files atomically. The bytes go to a temporary
//! file in the target folder, which is then renamed over the target, so a failed build never
//! leaves a truncated file and never replaces a good one.

use std::io::Write;
use std::path::Path;

use crate::error::Error;

/// Writes `bytes` to `path` atomically (temp file in the same folder, then rename).
pub fn write_atomic(path: &Path, bytes: &[u8]) -> Result<(), Error> {
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
    temp.persist(path)
        .map_err(|e| Error::io("파일 저장", path, e.error))?;
    Ok(())
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
}
