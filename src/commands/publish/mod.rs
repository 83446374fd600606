//! `gongsi publish`: a folder ready to upload to the district website — the accessible PDF
//! (PDF/UA-1 and PDF/A-2a), the HTML rendition (`index.html`), the 한글 document (`.hwpx`),
//! PNG previews (a cover thumbnail and one image per page) and `manifest.json` with sizes and
//! SHA-256 digests.
//!
//! The folder appears whole or not at all, and a folder from an earlier `publish` is
//! replaced in one step ([`crate::pipeline::output::folder`]); any other non-empty folder is left alone and
//! the command fails before anything is laid out.

pub mod manifest;
use std::path::{Path, PathBuf};

use crate::pipeline::output::folder::{Claim, Target};

use crate::commands::publish::manifest::{FileEntry, MANIFEST, Manifest};
use crate::model::error::Error;
use crate::model::plan::Plan;
use crate::model::problem::Finding;
use crate::pipeline::output::filename;
use crate::pipeline::{Checked, load_and_check};
use crate::renditions::html::render_html;
use crate::renditions::hwpx::names::MEDIA_TYPE;
use crate::renditions::hwpx::{drawings, fonts, pagination, render_hwpx_paginated};
use crate::renditions::pdf::compile::STANDARDS;
use crate::renditions::pdf::preview::{Preview, check_width, render_page, render_pages};
use crate::renditions::pdf::{Typesetter, Typesetting};

/// The HTML rendition's file name: the page a web server shows for the folder.
pub const HTML: &str = "index.html";
/// Default width of the page images, in pixels: sharp on a 360 px phone screen at twice its
/// pixel density (about 97 dpi for an A4 page), and publishing stays within 3× a build.
pub const DEFAULT_PAGE_WIDTH: u32 = 800;
/// Default width of the cover thumbnail, in pixels.
pub const DEFAULT_THUMBNAIL_WIDTH: u32 = 300;

/// What `publish` needs to know.
#[derive(Debug, Clone)]
pub struct PublishConfig {
    /// The plan folder or workbook; `None` for the embedded reference plan.
    pub plan: Option<PathBuf>,
    /// The folder to write (default: [`default_folder`]).
    pub output: Option<PathBuf>,
    /// Width of each page image in pixels.
    pub page_width: u32,
    /// Width of the cover thumbnail in pixels.
    pub thumbnail_width: u32,
    /// Templates and fonts.
    pub typesetting: Typesetting,
}

/// What a successful `publish` produced.
#[derive(Debug, Clone)]
pub struct PublishReport {
    /// The folder written.
    pub folder: PathBuf,
    /// Its manifest (also written as `manifest.json`).
    pub manifest: Manifest,
    /// Typst's own warnings about the typesetting, formatted.
    pub typst_warnings: Option<String>,
    /// The validator's warnings (figures that break the plan's arithmetic), published as
    /// typed.
    pub findings: Vec<Finding>,
}

/// Publishes a plan into a folder.
pub fn publish(config: &PublishConfig) -> Result<PublishReport, Error> {
    check_width(config.page_width)?;
    check_width(config.thumbnail_width)?;
    // The fonts first: a `--font-path` font may print what the embedded ones lack.
    let mut typesetter = Typesetter::new(&config.typesetting)?;
    let Checked {
        plan,
        findings,
        read,
        ..
    } = load_and_check(config.plan.as_deref())?;
    // The fonts the HWPX carries deflate while the PDF is typeset and drawn.
    fonts::deflate_ahead();
    let folder = config
        .output
        .clone()
        .unwrap_or_else(|| default_folder(&plan));
    let claim = crate::pipeline::output::folder::claim(&folder)?;
    check_target(&folder)?;
    let (_, compiled) = typesetter.typeset(&plan)?;
    let pages = compiled.document.pages().len();
    let stem = file_stem(&plan);

    let thumbnail = render_page(&compiled.document, 0, config.thumbnail_width)?;
    let images = render_pages(&compiled.document, config.page_width)?;

    let mut files: Vec<(FileEntry, Vec<u8>)> = Vec::new();
    files.push((
        FileEntry::new(
            format!("{stem}.pdf"),
            "pdf",
            "application/pdf",
            &compiled.pdf,
        ),
        compiled.pdf,
    ));
    let html = render_html(&plan, config.typesetting.templates.as_deref(), Some(&stem))?;
    files.push((
        FileEntry::new(HTML.to_string(), "html", "text/html", html.as_bytes()),
        html.into_bytes(),
    ));
    // The 한글 document (HWPX): the same plan model and fonts, the above PDF's task page breaks.
    let hwpx_pages = pagination::from_document(&compiled.document, &plan);
    let mut draw = drawings::drawer(typesetter, &plan);
    let hwpx = render_hwpx_paginated(&plan, &mut draw, hwpx_pages.as_ref());
    files.push((
        FileEntry::new(format!("{stem}.hwpx"), "hwpx", MEDIA_TYPE, &hwpx),
        hwpx,
    ));
    files.extend(image_entries(&stem, thumbnail, images));

    let standards = STANDARDS.map(|(_, name)| name);
    let mut manifest = Manifest::new(&plan, pages, &standards);
    manifest.files = files.iter().map(|(entry, _)| entry.clone()).collect();
    let mut contents: Vec<(String, Vec<u8>)> = files
        .into_iter()
        .map(|(entry, bytes)| (entry.name, bytes))
        .collect();
    contents.push((MANIFEST.to_string(), manifest.to_json()));

    read.unchanged()?;
    write_folder(&claim, &contents)?;
    drop(claim);
    Ok(PublishReport {
        folder,
        manifest,
        typst_warnings: compiled.warnings,
        findings,
    })
}

/// The thumbnail (`{stem}.png`) and the page images (`{stem}-NN.png`, numbered with at least
/// two digits) as entries of the manifest with their bytes.
fn image_entries(
    stem: &str,
    thumbnail: Preview,
    images: Vec<Preview>,
) -> Vec<(FileEntry, Vec<u8>)> {
    let mut files = Vec::new();
    let mut entry = FileEntry::new(
        format!("{stem}.png"),
        "thumbnail",
        "image/png",
        &thumbnail.png,
    );
    entry.page = Some(1);
    entry.pixels = Some([thumbnail.width, thumbnail.height]);
    files.push((entry, thumbnail.png));
    let digits = images.len().to_string().len().max(2);
    for (i, image) in images.into_iter().enumerate() {
        let mut entry = FileEntry::new(
            format!("{stem}-{:0digits$}.png", i + 1),
            "page",
            "image/png",
            &image.png,
        );
        entry.page = Some(i + 1);
        entry.pixels = Some([image.width, image.height]);
        files.push((entry, image.png));
    }
    files
}

/// `{연도}-{지자체}-연차별세부계획`, the name every published file starts with.
pub fn file_stem(plan: &Plan) -> String {
    filename::of_plan(plan, "")
}

/// The default folder: `{연도}-{지자체}-연차별세부계획`.
pub fn default_folder(plan: &Plan) -> PathBuf {
    PathBuf::from(file_stem(plan))
}

/// Writes `files` as the whole content of the claimed folder (see
/// [`crate::pipeline::output::folder`]): it must be new, empty, or one that an earlier
/// `publish` wrote and nobody changed since ([`check_target`]).
pub fn write_folder(claim: &Claim, files: &[(String, Vec<u8>)]) -> Result<(), Error> {
    let target = check_target(claim.folder())?;
    let files: Vec<(PathBuf, Vec<u8>)> = files
        .iter()
        .map(|(name, bytes)| (PathBuf::from(name), bytes.clone()))
        .collect();
    crate::pipeline::output::folder::write(claim, &files, target)
}

/// What may be done at `folder`: fill it (missing or empty), or replace it — only when it
/// is exactly what an earlier `publish` wrote: a `manifest.json` whose `generator` is
/// gongsi, and no file or folder in it that the manifest does not list. Anything else is
/// refused and left untouched.
pub fn check_target(folder: &Path) -> Result<Target, Error> {
    let refuse = |message: String| {
        Error::usage(
            message,
            "새 폴더 이름을 주거나, 빈 폴더 또는 이전에 gongsi publish로 만든 폴더를 그대로 주세요. 있던 폴더는 건드리지 않았습니다.",
        )
    };
    let meta = match std::fs::symlink_metadata(folder) {
        Ok(meta) => meta,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(Target::Missing),
        Err(e) => return Err(Error::io("폴더 확인", folder, e)),
    };
    if meta.file_type().is_symlink() {
        return Err(refuse(format!(
            "{}은(는) 기호 링크(symlink)입니다. 게시 폴더는 링크가 아닌 폴더여야 합니다.",
            folder.display()
        )));
    }
    if !meta.is_dir() {
        return Err(refuse(format!(
            "{}은(는) 폴더가 아닌 파일입니다.",
            folder.display()
        )));
    }
    let mut present = std::collections::BTreeSet::new();
    for entry in std::fs::read_dir(folder).map_err(|e| Error::io("폴더 읽기", folder, e))? {
        let entry = entry.map_err(|e| Error::io("폴더 읽기", folder, e))?;
        let name = entry.file_name().to_string_lossy().into_owned();
        let is_file = entry.file_type().is_ok_and(|t| t.is_file());
        present.insert(if is_file { name } else { format!("{name}/") });
    }
    if present.is_empty() {
        return Ok(Target::Empty);
    }
    if !present.contains(MANIFEST) {
        return Err(refuse(format!(
            "{} 폴더에 이미 다른 파일이 있습니다 (manifest.json이 없어 gongsi publish로 만든 폴더가 아닙니다).",
            folder.display()
        )));
    }
    let listed = match Written::read(&folder.join(MANIFEST)) {
        Some(written) => written,
        None => {
            return Err(refuse(format!(
                "{}의 manifest.json은 gongsi publish가 쓴 것이 아닙니다 (다른 프로그램의 파일로 보여 폴더를 바꾸지 않았습니다).",
                folder.display()
            )));
        }
    };
    let mut expected: std::collections::BTreeSet<String> = listed.into_iter().collect();
    expected.insert(MANIFEST.to_string());
    let extra: Vec<&String> = present.difference(&expected).collect();
    if !extra.is_empty() {
        let shown: Vec<&str> = extra.iter().take(5).map(|s| s.as_str()).collect();
        return Err(refuse(format!(
            "{} 폴더에 gongsi publish가 쓰지 않은 것이 {}개 있습니다: {}{}",
            folder.display(),
            extra.len(),
            shown.join(", "),
            if extra.len() > shown.len() {
                " …"
            } else {
                ""
            }
        )));
    }
    Ok(Target::Replaceable)
}

/// The part of an earlier `manifest.json` that says gongsi wrote the folder.
#[derive(serde::Deserialize)]
struct Written {
    generator: String,
    files: Vec<WrittenFile>,
}

#[derive(serde::Deserialize)]
struct WrittenFile {
    name: String,
}

impl Written {
    /// The file names an earlier manifest lists, if gongsi wrote it (a file of at most 1 MiB).
    fn read(path: &Path) -> Option<Vec<String>> {
        let meta = std::fs::metadata(path).ok()?;
        if meta.len() > 1 << 20 {
            return None;
        }
        let written: Written = serde_json::from_slice(&std::fs::read(path).ok()?).ok()?;
        written
            .generator
            .starts_with("gongsi ")
            .then(|| written.files.into_iter().map(|f| f.name).collect())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::pipeline::output::folder::tests::names;

    /// Claims `folder` and writes `files` as a publish would.
    fn publish_to(folder: &Path, files: &[(String, Vec<u8>)]) -> Result<(), Error> {
        let claim = crate::pipeline::output::folder::claim(folder)?;
        write_folder(&claim, files)
    }

    /// The files of a publish: `names`, and a manifest that lists them.
    fn files(names: &[&str]) -> Vec<(String, Vec<u8>)> {
        let listed: Vec<String> = names
            .iter()
            .map(|n| format!("{{\"name\": \"{n}\"}}"))
            .collect();
        let manifest = format!(
            "{{\"generator\": \"gongsi 0.1.0\", \"files\": [{}]}}",
            listed.join(", ")
        );
        let mut out: Vec<(String, Vec<u8>)> = names
            .iter()
            .map(|n| (n.to_string(), n.as_bytes().to_vec()))
            .collect();
        out.push((MANIFEST.to_string(), manifest.into_bytes()));
        out
    }

    #[test]
    fn writes_a_new_folder_and_leaves_nothing_beside_it() {
        let dir = tempfile::tempdir().unwrap();
        let target = dir.path().join("게시");
        publish_to(&target, &files(&["a.pdf"])).unwrap();
        assert_eq!(names(&target), ["a.pdf", MANIFEST]);
        assert_eq!(names(dir.path()), ["게시"]);
        assert_eq!(std::fs::read(target.join("a.pdf")).unwrap(), b"a.pdf");
    }

    #[test]
    fn replaces_an_earlier_publish_whole() {
        let dir = tempfile::tempdir().unwrap();
        let target = dir.path().join("게시");
        publish_to(&target, &files(&["old.pdf", "old.png"])).unwrap();
        publish_to(&target, &files(&["new.pdf"])).unwrap();
        assert_eq!(names(&target), ["manifest.json", "new.pdf"]);
        assert_eq!(names(dir.path()), ["게시"]);
    }

    #[test]
    fn fills_an_empty_folder() {
        let dir = tempfile::tempdir().unwrap();
        let target = dir.path().join("게시");
        std::fs::create_dir(&target).unwrap();
        publish_to(&target, &files(&["a.pdf"])).unwrap();
        assert_eq!(names(&target), ["a.pdf", MANIFEST]);
        assert_eq!(names(dir.path()), ["게시"]);
    }

    #[test]
    fn refuses_a_folder_it_did_not_make_and_leaves_it_untouched() {
        let dir = tempfile::tempdir().unwrap();
        let target = dir.path().join("문서함");
        std::fs::create_dir(&target).unwrap();
        std::fs::write(target.join("내 문서.hwp"), b"keep").unwrap();
        let err = publish_to(&target, &files(&["a.pdf"])).unwrap_err();
        assert!(err.to_string().contains("manifest.json이 없어"), "{err}");
        assert_eq!(names(&target), ["내 문서.hwp"]);
        assert_eq!(
            names(dir.path()),
            ["문서함"],
            "no temporary folder is left behind"
        );
    }

    #[test]
    fn refuses_a_web_app_with_its_own_manifest_and_a_publish_with_a_file_added() {
        let dir = tempfile::tempdir().unwrap();
        let app = dir.path().join("앱");
        std::fs::create_dir(&app).unwrap();
        std::fs::write(
            app.join(MANIFEST),
            br#"{"name": "My App", "start_url": "."}"#,
        )
        .unwrap();
        std::fs::write(app.join("index.html"), b"<app>").unwrap();
        let err = publish_to(&app, &files(&["a.pdf"])).unwrap_err();
        assert!(
            err.to_string()
                .contains("gongsi publish가 쓴 것이 아닙니다"),
            "{err}"
        );
        assert_eq!(names(&app), ["index.html", MANIFEST]);

        let site = dir.path().join("게시");
        publish_to(&site, &files(&["a.pdf"])).unwrap();
        std::fs::write(site.join("추가.txt"), b"mine").unwrap();
        std::fs::create_dir(site.join("그림")).unwrap();
        let err = publish_to(&site, &files(&["b.pdf"])).unwrap_err();
        assert!(err.to_string().contains("쓰지 않은 것이 2개"), "{err}");
        assert!(err.to_string().contains("추가.txt"), "{err}");
        assert_eq!(names(&site), ["a.pdf", MANIFEST, "그림", "추가.txt"]);
    }

    #[test]
    fn refuses_a_file_and_a_link() {
        let dir = tempfile::tempdir().unwrap();
        let file = dir.path().join("plan.pdf");
        std::fs::write(&file, b"x").unwrap();
        let err = publish_to(&file, &files(&[])).unwrap_err();
        assert!(err.to_string().contains("파일입니다"), "{err}");
        #[cfg(unix)]
        {
            let real = dir.path().join("진짜");
            publish_to(&real, &files(&["a.pdf"])).unwrap();
            let link = dir.path().join("링크");
            std::os::unix::fs::symlink(&real, &link).unwrap();
            let err = publish_to(&link, &files(&["b.pdf"])).unwrap_err();
            assert!(err.to_string().contains("기호 링크"), "{err}");
            assert_eq!(names(&real), ["a.pdf", MANIFEST]);
        }
    }
}
