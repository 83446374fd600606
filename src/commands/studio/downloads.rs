//! 내려받기 (downloads): the files a plan becomes, made by the very functions the commands
//! run — `build` (PDF, HWPX), `export` (workbook) and `publish` (the website folder, handed
//! over as one zip with its `manifest.json` inside) — written into the studio's own folder
//! and read back, so each is byte for byte what the command writes for the same plan.

use std::io::{Cursor, Write};
use std::path::{Path, PathBuf};

use zip::write::SimpleFileOptions;
use zip::{CompressionMethod, DateTime, ZipWriter};

use crate::commands::build::{BuildConfig, Rendition, build_plan_with};
use crate::commands::diff::{DiffConfig, compare, write_review};
use crate::commands::export::export_workbook;
use crate::commands::publish::{
    DEFAULT_PAGE_WIDTH, DEFAULT_THUMBNAIL_WIDTH, PublishConfig, publish,
};
use crate::model::error::Error;
use crate::renditions::pdf::Typesetting;

/// A file the page offers.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Download {
    /// The PDF (`gongsi build`).
    Pdf,
    /// The 한글 document (`gongsi build --to hwpx`).
    Hwpx,
    /// The workbook (`gongsi export xlsx`).
    Workbook,
    /// The website folder (`gongsi publish`) as a zip.
    Site,
    /// The review PDF of the last comparison (`gongsi diff --pdf`): the plan shown with what
    /// changed since the earlier draft marked.
    Review,
}

/// A file made.
pub struct Made {
    /// Its name (`2021-인천광역시서구-연차별세부계획.pdf`).
    pub name: String,
    /// Its bytes.
    pub bytes: Vec<u8>,
}

impl Download {
    /// The download at `/download/{name}`.
    pub fn named(name: &str) -> Option<Self> {
        match name {
            "pdf" => Some(Download::Pdf),
            "hwpx" => Some(Download::Hwpx),
            "xlsx" => Some(Download::Workbook),
            "zip" => Some(Download::Site),
            "review" => Some(Download::Review),
            _ => None,
        }
    }

    /// Its media type.
    pub fn media_type(self) -> &'static str {
        match self {
            Download::Pdf | Download::Review => "application/pdf",
            Download::Hwpx => crate::renditions::hwpx::names::MEDIA_TYPE,
            Download::Workbook => {
                "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
            }
            Download::Site => "application/zip",
        }
    }

    /// An ASCII name for browsers that do not read the Korean one.
    pub fn fallback_name(self) -> &'static str {
        match self {
            Download::Pdf => "plan.pdf",
            Download::Hwpx => "plan.hwpx",
            Download::Workbook => "plan.xlsx",
            Download::Site => "plan-site.zip",
            Download::Review => "plan-review.pdf",
        }
    }
}

/// Makes `kind` from the plan at `plan` (and, for the review PDF, the earlier draft `old`),
/// in a folder of its own inside `scratch`.
pub fn make(
    kind: Download,
    plan: &Path,
    old: Option<&Path>,
    typesetting: &Typesetting,
    scratch: &Path,
) -> Result<Made, Error> {
    let folder =
        tempfile::tempdir_in(scratch).map_err(|e| Error::io("임시 폴더 만들기", scratch, e))?;
    let dir = folder.path();
    let written = match kind {
        Download::Pdf | Download::Hwpx => {
            let to = if kind == Download::Pdf {
                Rendition::Pdf
            } else {
                Rendition::Hwpx
            };
            let config = BuildConfig {
                plan: Some(plan.to_path_buf()),
                output: None,
                emit_typst: None,
                typesetting: typesetting.clone(),
                deny_warnings: false,
                to: Some(to),
            };
            build_plan_with(&config, |name| Ok(dir.join(name)))?.output
        }
        Download::Workbook => {
            let output = dir.join("plan.xlsx");
            export_workbook(Some(plan), Some(output.clone()))?;
            let named = dir.join(format!("{}.xlsx", stem_of(plan)?));
            std::fs::rename(&output, &named).map_err(|e| Error::io("이름 바꾸기", &named, e))?;
            named
        }
        Download::Site => return site(plan, typesetting, dir),
        Download::Review => {
            let Some(old) = old else {
                return Err(Error::usage(
                    "비교한 초안이 없습니다.",
                    "먼저 「초안 비교」에서 이전 초안과 비교하세요.",
                ));
            };
            review(old, plan, typesetting, dir)?
        }
    };
    read_made(&written)
}

/// `diff`'s review PDF of `plan` against `old`, named `{문서 이름}-검토.pdf`.
fn review(
    old: &Path,
    plan: &Path,
    typesetting: &Typesetting,
    dir: &Path,
) -> Result<PathBuf, Error> {
    let output = dir.join(format!("{}-검토.pdf", stem_of(plan)?));
    let config = DiffConfig {
        old: old.to_path_buf(),
        new: plan.to_path_buf(),
        pages: None,
        page_width: 800,
        pdf: Some(output.clone()),
        typesetting: typesetting.clone(),
    };
    let compared = compare(&config)?;
    write_review(&config, &compared)?;
    Ok(output)
}

/// The plan's document name, as `build` names its files.
fn stem_of(plan: &Path) -> Result<String, Error> {
    let checked = crate::pipeline::load_and_check(Some(plan))?;
    Ok(crate::pipeline::output::filename::of_plan(
        &checked.plan,
        "",
    ))
}

fn read_made(path: &Path) -> Result<Made, Error> {
    let bytes = std::fs::read(path).map_err(|e| Error::io("파일 읽기", path, e))?;
    let name = path
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    Ok(Made { name, bytes })
}

/// `publish` into a folder, then that folder's files as one zip (names sorted, fixed times).
fn site(plan: &Path, typesetting: &Typesetting, dir: &Path) -> Result<Made, Error> {
    let config = PublishConfig {
        plan: Some(plan.to_path_buf()),
        output: None,
        page_width: DEFAULT_PAGE_WIDTH,
        thumbnail_width: DEFAULT_THUMBNAIL_WIDTH,
        typesetting: typesetting.clone(),
    };
    // publish names its folder after the plan; ask for that name inside `dir`.
    let stem = stem_of(plan)?;
    let folder = dir.join(&stem);
    let report = publish(&PublishConfig {
        output: Some(folder.clone()),
        ..config
    })?;
    let mut names: Vec<String> = report
        .manifest
        .files
        .iter()
        .map(|f| f.name.clone())
        .collect();
    names.push(crate::commands::publish::manifest::MANIFEST.to_string());
    names.sort();
    let options = SimpleFileOptions::default()
        .compression_method(CompressionMethod::Deflated)
        .last_modified_time(DateTime::default());
    let mut zip = ZipWriter::new(Cursor::new(Vec::new()));
    for name in names {
        let path = folder.join(&name);
        let bytes = std::fs::read(&path).map_err(|e| Error::io("파일 읽기", &path, e))?;
        zip.start_file(format!("{stem}/{name}"), options)
            .map_err(|e| Error::Internal(format!("zip 만들기: {e}")))?;
        zip.write_all(&bytes)
            .map_err(|e| Error::io("zip 쓰기", &path, e))?;
    }
    let bytes = zip
        .finish()
        .map_err(|e| Error::Internal(format!("zip 만들기: {e}")))?
        .into_inner();
    Ok(Made {
        name: format!("{stem}.zip"),
        bytes,
    })
}
