//! 글 파일 읽기: a plan's YAML file or a template, refused before it is read when it is larger
//! than [`limits::FILE_BYTES`], and named with its encoding when it is not UTF-8 (a file saved
//! as EUC-KR/CP949 or UTF-16 by an older editor), with how to save it as UTF-8.

// A problem is the rare path and is moved once into a list; boxing it would buy nothing.
#![allow(clippy::result_large_err)]

use std::io::Read;
use std::path::Path;

use crate::model::error::Error;
use crate::model::limits;
use crate::model::problem::Problem;

/// Why a text file could not be read: a problem of the file's content (located, reported
/// with the plan's other problems), or a failure around it (no permission, a folder).
#[derive(Debug)]
pub enum ReadError {
    /// The content: too large, or not UTF-8.
    Content(Problem),
    /// The file could not be read at all.
    Io(Error),
}

impl ReadError {
    /// As a command's error; `action` names what was being read (e.g. "템플릿 읽기").
    pub fn into_error(self, action: &'static str) -> Error {
        match self {
            ReadError::Content(problem) => Error::Input(vec![problem]),
            ReadError::Io(Error::Io { path, source, .. }) => Error::Io {
                action,
                path,
                source,
            },
            ReadError::Io(other) => other,
        }
    }
}

/// Reads the text file at `path`; messages name it as `path`.
pub fn read(path: &Path) -> Result<String, ReadError> {
    read_shown(path, path)
}

/// Reads the text file at `path`; messages name it as `shown` (relative to the plan folder).
pub fn read_shown(path: &Path, shown: &Path) -> Result<String, ReadError> {
    // Opening a FIFO would wait for a writer forever.
    let kind =
        std::fs::metadata(path).map_err(|e| ReadError::Io(Error::io("파일 읽기", path, e)))?;
    if !kind.is_file() {
        return Err(ReadError::Content(
            Problem::new(
                shown,
                "",
                "보통 파일이 아닙니다 (폴더, 장치, 파이프(FIFO), 소켓).",
            )
            .hint("읽을 파일은 보통 파일이어야 합니다."),
        ));
    }
    let file =
        std::fs::File::open(path).map_err(|e| ReadError::Io(Error::io("파일 읽기", path, e)))?;
    let size = file
        .metadata()
        .map_err(|e| ReadError::Io(Error::io("파일 읽기", path, e)))?
        .len();
    if size > limits::FILE_BYTES {
        return Err(ReadError::Content(too_large(shown, size)));
    }
    let mut bytes = Vec::with_capacity(size as usize);
    // The file may grow while it is read: never past the limit.
    file.take(limits::FILE_BYTES + 1)
        .read_to_end(&mut bytes)
        .map_err(|e| ReadError::Io(Error::io("파일 읽기", path, e)))?;
    if bytes.len() as u64 > limits::FILE_BYTES {
        return Err(ReadError::Content(too_large(shown, bytes.len() as u64)));
    }
    decode(shown, bytes).map_err(ReadError::Content)
}

/// A file over [`limits::FILE_BYTES`].
pub fn too_large(shown: &Path, size: u64) -> Problem {
    Problem::new(
        shown,
        "",
        format!(
            "파일이 너무 큽니다: {} 바이트 (한도 {} 바이트, 10 MiB).",
            limits::count(size),
            limits::count(limits::FILE_BYTES)
        ),
    )
    .hint("계획 파일 하나는 10 MiB를 넘을 수 없습니다. 내용을 여러 파일(전략마다 하나)로 나누거나, 잘못 붙여 넣은 내용이 없는지 확인하세요.")
}

/// The text of `bytes`, which must be UTF-8 (a UTF-8 byte order mark is dropped).
pub fn decode(shown: &Path, bytes: Vec<u8>) -> Result<String, Problem> {
    const HINT: &str = "파일을 UTF-8로 다시 저장하세요: 메모장은 「다른 이름으로 저장」의 인코딩에서 UTF-8, VS Code는 오른쪽 아래의 인코딩 → 「인코딩하여 저장」 → UTF-8을 고릅니다.";
    let bytes = match bytes.strip_prefix(b"\xef\xbb\xbf") {
        Some(rest) => rest.to_vec(),
        None => bytes,
    };
    if bytes.starts_with(b"\xff\xfe") || bytes.starts_with(b"\xfe\xff") {
        return Err(Problem::new(
            shown,
            "",
            "UTF-16으로 저장된 파일입니다. gongsi는 UTF-8 파일만 읽습니다.",
        )
        .at(1, 1)
        .hint(HINT));
    }
    let text = match String::from_utf8(bytes) {
        Ok(text) => text,
        Err(error) => {
            let bytes = error.into_bytes();
            let (line, column) = place(&bytes, bad_byte(&bytes));
            let euc_kr = encoding_rs::EUC_KR
                .decode_without_bom_handling_and_without_replacement(&bytes)
                .is_some();
            let message = if euc_kr {
                "UTF-8이 아닌 파일입니다: EUC-KR(CP949, 완성형 한글)로 저장된 것으로 보입니다. gongsi는 UTF-8 파일만 읽습니다."
            } else {
                "UTF-8이 아닌 파일입니다: UTF-8로 읽을 수 없는 바이트가 있습니다. gongsi는 UTF-8 파일만 읽습니다."
            };
            return Err(Problem::new(shown, "", message).at(line, column).hint(HINT));
        }
    };
    if let Some(at) = text.find('\0') {
        let (line, column) = place(text.as_bytes(), at);
        return Err(Problem::new(
            shown,
            "",
            "파일에 NUL 문자가 있습니다: BOM 없는 UTF-16으로 저장된 것으로 보입니다. gongsi는 UTF-8 파일만 읽습니다.",
        )
        .at(line, column)
        .hint(HINT));
    }
    Ok(text)
}

/// The offset of the first byte that is not valid UTF-8.
fn bad_byte(bytes: &[u8]) -> usize {
    std::str::from_utf8(bytes)
        .err()
        .map_or(0, |e| e.valid_up_to())
}

/// 1-based line and column (in characters) of byte `at`.
fn place(bytes: &[u8], at: usize) -> (usize, usize) {
    let before = &bytes[..at.min(bytes.len())];
    let line = before.iter().filter(|b| **b == b'\n').count() + 1;
    let start = before
        .iter()
        .rposition(|b| *b == b'\n')
        .map_or(0, |i| i + 1);
    let column = String::from_utf8_lossy(&before[start..]).chars().count() + 1;
    (line, column)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn euc_kr_and_utf16_are_named_with_the_fix() {
        let (euc_kr, _, _) = encoding_rs::EUC_KR.encode("district: 인천광역시 서구\n");
        let problem = decode(Path::new("plan.yaml"), euc_kr.into_owned()).unwrap_err();
        assert!(problem.message.contains("EUC-KR"), "{}", problem.message);
        assert_eq!((problem.line, problem.column), (Some(1), Some(11)));
        assert!(problem.hint.unwrap().contains("UTF-8로 다시 저장"));

        let utf16: Vec<u8> = [0xff, 0xfe]
            .into_iter()
            .chain("id: a\n".encode_utf16().flat_map(u16::to_le_bytes))
            .collect();
        let problem = decode(Path::new("a.yaml"), utf16).unwrap_err();
        assert!(problem.message.contains("UTF-16"), "{}", problem.message);
        let bare: Vec<u8> = "id: a\n"
            .encode_utf16()
            .flat_map(u16::to_le_bytes)
            .collect();
        let problem = decode(Path::new("a.yaml"), bare).unwrap_err();
        assert!(problem.message.contains("UTF-16"), "{}", problem.message);
    }

    #[test]
    fn utf8_with_or_without_a_byte_order_mark_is_read() {
        assert_eq!(
            decode(Path::new("a"), b"\xef\xbb\xbfid: a".to_vec()).unwrap(),
            "id: a"
        );
        assert_eq!(
            decode(Path::new("a"), "이름: 서구".into()).unwrap(),
            "이름: 서구"
        );
    }

    #[test]
    fn a_file_over_the_limit_is_refused_before_it_is_read() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("big.yaml");
        let file = std::fs::File::create(&path).unwrap();
        file.set_len(limits::FILE_BYTES + 1).unwrap();
        match read(&path) {
            Err(ReadError::Content(problem)) => {
                assert!(
                    problem.message.contains("너무 큽니다"),
                    "{}",
                    problem.message
                )
            }
            other => panic!("{other:?}"),
        }
    }
}
