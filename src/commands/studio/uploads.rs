//! 올린 파일 (uploads): a workbook (or, as a draft to compare with, a 한글 검토본) from the
//! browser, taken as the commands take a file — at most [`limits::FILE_BYTES`], a 한글 file
//! [`limits::HWPX_FILE_BYTES`] as `diff` takes it (413 with the
//! commands' own words, before the body is read when its declared size is too large), a
//! workbook's (or `.hwpx`) extension — and stored in the studio's own folder, each in a folder
//! of its own, under its name made safe (its last part only, no separator, no leading dot).
//! Its content is then read like any such file: a workbook in the isolated reading process, a
//! 한글 file by `diff`'s bounded reader, with every limit.

use std::path::{Path, PathBuf};
use std::sync::Mutex;

use axum::body::{Body, to_bytes};
use axum::http::{HeaderMap, StatusCode, header};
use axum::response::{IntoResponse, Response};

use crate::model::error::Error;
use crate::model::limits;
use crate::pipeline::load::hwpx::{is_hwpx, too_large as hwpx_too_large};
use crate::pipeline::load::textfile::too_large;
use crate::pipeline::load::workbook::is_workbook;
use crate::pipeline::output::filename;

/// What an upload may be.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Accepted {
    /// The plan to show: a workbook.
    Plan,
    /// A draft to compare with: a workbook or a 한글 검토본 (`.hwpx`).
    Draft,
}

/// Stores the uploaded `body` named `name` inside `scratch` (the `count`-th upload) if it is
/// what is `accepted`; the refusal to send back otherwise.
pub async fn receive(
    scratch: &tempfile::TempDir,
    count: &Mutex<u32>,
    (name, accepted): (&str, Accepted),
    headers: &HeaderMap,
    body: Body,
) -> Result<PathBuf, Response> {
    let shown = safe_name(name);
    let path = Path::new(&shown);
    let fits = is_workbook(path) || (accepted == Accepted::Draft && is_hwpx(path));
    if !fits {
        let said = match accepted {
            Accepted::Plan => "통합문서(.xlsx, .xls, .xlsb, .ods)만 올릴 수 있습니다.",
            Accepted::Draft => {
                "통합문서(.xlsx, .xls, .xlsb, .ods)나 한글 검토본(.hwpx)만 올릴 수 있습니다."
            }
        };
        return Err(refused(StatusCode::UNSUPPORTED_MEDIA_TYPE, said.into()));
    }
    // A 한글 file carries its fonts: it may be larger than a workbook, as `diff` takes it.
    let hangul = is_hwpx(path);
    let limit = if hangul {
        limits::HWPX_FILE_BYTES
    } else {
        limits::FILE_BYTES
    };
    let declared = headers
        .get(header::CONTENT_LENGTH)
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.parse::<u64>().ok());
    let bytes = match declared {
        Some(size) if size > limit => None,
        _ => to_bytes(body, limit as usize).await.ok(),
    };
    let Some(bytes) = bytes else {
        let size = declared.unwrap_or(limit + 1);
        let problem = if hangul {
            hwpx_too_large(Path::new(&shown))
        } else {
            too_large(Path::new(&shown), size)
        };
        let text = format!(
            "{}\n  도움말: {}",
            problem.message,
            problem.hint.unwrap_or_default()
        );
        return Err(refused(StatusCode::PAYLOAD_TOO_LARGE, text));
    };
    let number = {
        let mut count = count.lock().expect("uploads lock");
        *count += 1;
        *count
    };
    let folder = scratch.path().join(format!("upload-{number}"));
    let path = folder.join(&shown);
    std::fs::create_dir(&folder)
        .and_then(|()| std::fs::write(&path, &bytes))
        .map_err(|e| {
            let text = Error::io("올린 파일 저장", &path, e).to_string();
            refused(StatusCode::INTERNAL_SERVER_ERROR, text)
        })?;
    Ok(path)
}

fn refused(status: StatusCode, text: String) -> Response {
    (
        status,
        [(header::CONTENT_TYPE, "text/plain; charset=utf-8")],
        text,
    )
        .into_response()
}

/// A file name from the browser made safe: its last part only, no separators, no leading dot.
fn safe_name(name: &str) -> String {
    let last = name.rsplit(['/', '\\']).next().unwrap_or_default();
    let (stem, extension) = last.rsplit_once('.').unwrap_or((last, ""));
    let extension: String = extension
        .chars()
        .filter(char::is_ascii_alphanumeric)
        .take(8)
        .collect();
    filename::from_data(&[stem], &extension.to_ascii_lowercase())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_uploaded_name_keeps_only_its_last_part() {
        assert_eq!(safe_name("../../etc/계획.xlsx"), "계획.xlsx");
        assert_eq!(safe_name("C:\\x\\..\\계획 안.XLSX"), "계획안.xlsx");
        assert!(!safe_name("..").starts_with('.'));
        assert!(!is_workbook(Path::new(&safe_name("a.xlsx/.."))));
    }
}
