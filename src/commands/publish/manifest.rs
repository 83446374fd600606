//! `manifest.json` of a published folder: what is in it, with sizes and SHA-256 digests, so
//! that a web manager can check an upload and a reader can check a download.
//!
//! The manifest holds no time stamp: publishing the same plan twice gives the same bytes.

use serde::Serialize;
use sha2::{Digest, Sha256};

use crate::model::plan::Plan;

/// The manifest's file name.
pub const MANIFEST: &str = "manifest.json";

/// The manifest of a published folder.
#[derive(Debug, Clone, Serialize)]
pub struct Manifest {
    /// The tool and its version, e.g. `gongsi 0.1.0`.
    pub generator: String,
    /// The plan published.
    pub plan: PlanInfo,
    /// Pages of the PDF.
    pub pages: usize,
    /// Standards the PDF conforms to (checked by Typst when writing it).
    pub standards: Vec<String>,
    /// The files, in the order they were written, the manifest itself excluded.
    pub files: Vec<FileEntry>,
}

/// Which plan a folder holds.
#[derive(Debug, Clone, Serialize)]
pub struct PlanInfo {
    /// 연도.
    pub year: i32,
    /// 지자체.
    pub district: String,
    /// The document title, as in the PDF's metadata.
    pub title: String,
}

/// One published file.
#[derive(Debug, Clone, Serialize)]
pub struct FileEntry {
    /// File name inside the folder.
    pub name: String,
    /// What it is: `pdf`, `html`, `hwpx` (the 한글 document), `thumbnail` (the cover, small) or
    /// `page` (one page).
    pub role: &'static str,
    /// Media type.
    pub media_type: &'static str,
    /// Size in bytes.
    pub bytes: usize,
    /// SHA-256 of the bytes, lowercase hex.
    pub sha256: String,
    /// 1-based page number, for page images.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub page: Option<usize>,
    /// Pixel size `[width, height]`, for images.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub pixels: Option<[u32; 2]>,
}

impl FileEntry {
    /// An entry for `bytes` named `name`.
    pub fn new(name: String, role: &'static str, media_type: &'static str, bytes: &[u8]) -> Self {
        FileEntry {
            name,
            role,
            media_type,
            bytes: bytes.len(),
            sha256: sha256_hex(bytes),
            page: None,
            pixels: None,
        }
    }
}

impl Manifest {
    /// A manifest for `plan` with no files yet.
    pub fn new(plan: &Plan, pages: usize, standards: &[&str]) -> Self {
        Manifest {
            generator: format!("gongsi {}", env!("CARGO_PKG_VERSION")),
            plan: PlanInfo {
                year: plan.year,
                district: plan.district.clone(),
                title: document_title(plan),
            },
            pages,
            standards: standards.iter().map(|s| s.to_string()).collect(),
            files: Vec::new(),
        }
    }

    /// The manifest as pretty-printed JSON with a final newline.
    pub fn to_json(&self) -> Vec<u8> {
        let mut out = serde_json::to_vec_pretty(self).expect("the manifest serializes");
        out.push(b'\n');
        out
    }
}

/// The document title, as `templates/main.typ` sets it.
pub fn document_title(plan: &Plan) -> String {
    format!(
        "{}년도 일자리대책 연차별 세부계획 - {}",
        plan.year, plan.district
    )
}

/// SHA-256 of `bytes` as lowercase hex.
pub fn sha256_hex(bytes: &[u8]) -> String {
    Sha256::digest(bytes)
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sha256_of_known_input() {
        assert_eq!(
            sha256_hex(b"abc"),
            "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"
        );
    }

    #[test]
    fn entry_records_size_and_digest() {
        let entry = FileEntry::new("a.pdf".into(), "pdf", "application/pdf", b"");
        assert_eq!(entry.bytes, 0);
        assert_eq!(
            entry.sha256,
            "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855"
        );
        let json = serde_json::to_value(&entry).unwrap();
        assert!(json.get("page").is_none(), "{json}");
    }
}
