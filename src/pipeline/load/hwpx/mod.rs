//! 한글 문서 읽기 (reading a 한글 document, `.hwpx`) for `diff`: a reviewer's copy of the
//! plan's HWPX, read back as printed lines with gongsi's marks ([`Printed`]). [`package`]
//! opens the zip within bounds, [`section`] reads each section's XML. Nothing is run, nothing
//! is written; every refusal is a Korean sentence naming the file.

// A problem is the rare path and is moved once into a list; boxing it would buy nothing.
#![allow(clippy::result_large_err)]

pub mod package;
pub mod section;

use std::io::Read;
use std::path::Path;

use crate::model::error::Error;
use crate::model::limits;
use crate::model::printed::Printed;
use package::{Package, refused};

/// Whether `path` names a 한글 document (by its extension).
pub fn is_hwpx(path: &Path) -> bool {
    path.extension()
        .and_then(|e| e.to_str())
        .is_some_and(|e| e.eq_ignore_ascii_case("hwpx"))
}

/// Reads the 한글 document at `path`.
pub fn read_hwpx(path: &Path) -> Result<Printed, Error> {
    let file = std::fs::File::open(path).map_err(|e| Error::io("한글 문서 읽기", path, e))?;
    let mut bytes = Vec::new();
    file.take(limits::HWPX_FILE_BYTES + 1)
        .read_to_end(&mut bytes)
        .map_err(|e| Error::io("한글 문서 읽기", path, e))?;
    if bytes.len() as u64 > limits::HWPX_FILE_BYTES {
        return Err(Error::Input(vec![too_large(path)]));
    }
    read_bytes(&bytes, path).map_err(|p| Error::Input(vec![p]))
}

/// What is said of a 한글 document over [`limits::HWPX_FILE_BYTES`].
pub fn too_large(shown: &Path) -> crate::model::problem::Problem {
    refused(
        shown,
        format!(
            "한글 문서가 {} MB보다 커서 읽지 않았습니다.",
            limits::HWPX_FILE_BYTES / (1024 * 1024)
        ),
    )
}

/// Reads a 한글 document from its bytes; `shown` names it in problems.
pub fn read_bytes(bytes: &[u8], shown: &Path) -> Result<Printed, crate::model::problem::Problem> {
    let mut package = Package::open(bytes, shown)?;
    let names = package.sections();
    if names.is_empty() {
        return Err(refused(
            shown,
            "한글 문서에 본문(Contents/section0.xml)이 없습니다.",
        ));
    }
    let mut sections = section::Sections::default();
    if let Some(header) = package.part("Contents/header.xml")? {
        sections.read_authors(&header);
    }
    for name in names {
        let xml = package.part(&name)?.unwrap_or_default();
        sections.read(&xml).map_err(|reason| {
            refused(
                shown,
                format!("한글 문서의 `{name}`을(를) 읽지 않았습니다: {reason}."),
            )
        })?;
    }
    Ok(sections.finish())
}
