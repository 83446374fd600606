//! 한글 파일 묶음 (the HWPX zip) opened with bounds: the `mimetype` entry must say
//! `application/hwp+zip`, the zip has at most [`limits::HWPX_ENTRIES`] entries, and a part is
//! unpacked only up to [`limits::HWPX_PART_BYTES`] and [`limits::HWPX_RATIO`] times its
//! compressed size — counted while unpacking, so a zip that lies about its sizes stops at the
//! bound too. Every refusal is a Korean sentence naming the file.

// A problem is the rare path and is moved once into a list; boxing it would buy nothing.
#![allow(clippy::result_large_err)]

use std::io::{Cursor, Read};
use std::path::Path;

use crate::model::limits;
use crate::model::problem::Problem;

/// The mimetype a 한글 document's zip carries first.
const MIMETYPE: &str = "application/hwp+zip";

/// An opened HWPX package.
pub struct Package<'a> {
    archive: zip::ZipArchive<Cursor<&'a [u8]>>,
    shown: &'a Path,
}

/// A problem with the file as a whole.
pub fn refused(shown: &Path, message: impl Into<String>) -> Problem {
    Problem::new(shown, "", message).hint(
        "한글에서 파일을 열어 「다른 이름으로 저장」의 「한글 문서(*.hwpx)」로 다시 저장한 파일을 주세요.",
    )
}

impl<'a> Package<'a> {
    /// Opens `bytes` as an HWPX zip; `shown` names it in problems.
    pub fn open(bytes: &'a [u8], shown: &'a Path) -> Result<Self, Problem> {
        let archive = zip::ZipArchive::new(Cursor::new(bytes)).map_err(|_| {
            refused(
                shown,
                "한글 문서(HWPX)가 아닙니다: zip 묶음으로 읽히지 않습니다. .hwp(한글 97~2010 형식) 파일이면 HWPX로 다시 저장해야 합니다.",
            )
        })?;
        if archive.len() > limits::HWPX_ENTRIES {
            return Err(refused(
                shown,
                format!(
                    "한글 문서 안에 파일이 {}개 들어 있어 읽지 않았습니다(한도 {}개).",
                    archive.len(),
                    limits::HWPX_ENTRIES
                ),
            ));
        }
        let mut package = Package { archive, shown };
        let mimetype = package.part("mimetype")?;
        if mimetype.as_deref().map(str::trim) != Some(MIMETYPE) {
            return Err(refused(
                shown,
                format!("한글 문서(HWPX)가 아닙니다: 묶음의 `mimetype`이 `{MIMETYPE}`이 아닙니다."),
            ));
        }
        Ok(package)
    }

    /// The names of the section parts (`Contents/section0.xml` …) in their number's order.
    pub fn sections(&self) -> Vec<String> {
        let mut sections: Vec<(u64, String)> = self
            .archive
            .file_names()
            .filter_map(|name| {
                let name = name.ok()?;
                let number = name
                    .strip_prefix("Contents/section")?
                    .strip_suffix(".xml")?;
                Some((number.parse().ok()?, name.to_string()))
            })
            .collect();
        sections.sort();
        sections.into_iter().map(|(_, name)| name).collect()
    }

    /// The part `name` as text, `None` if the zip has no such part.
    pub fn part(&mut self, name: &str) -> Result<Option<String>, Problem> {
        let shown = self.shown;
        let broken = |detail: &str| {
            refused(
                shown,
                format!("한글 문서의 `{name}`을(를) 풀 수 없습니다({detail})."),
            )
        };
        let Some(index) = self.archive.index_for_name(name) else {
            return Ok(None);
        };
        let entry = self
            .archive
            .by_index(index)
            .map_err(|e| broken(&e.to_string()))?;
        let bound = limits::HWPX_PART_BYTES.min(
            entry
                .compressed_size()
                .max(1024)
                .saturating_mul(limits::HWPX_RATIO),
        );
        let mut bytes = Vec::new();
        entry
            .take(bound + 1)
            .read_to_end(&mut bytes)
            .map_err(|e| broken(&e.to_string()))?;
        if bytes.len() as u64 > bound {
            return Err(refused(
                shown,
                format!(
                    "한글 문서의 `{name}`이(가) 너무 크게 풀립니다(압축의 {}배 또는 {} MB 넘게). 압축 폭탄일 수 있어 읽지 않았습니다.",
                    limits::HWPX_RATIO,
                    limits::HWPX_PART_BYTES / (1024 * 1024)
                ),
            ));
        }
        String::from_utf8(bytes)
            .map(Some)
            .map_err(|_| broken("UTF-8 글이 아님"))
    }
}
