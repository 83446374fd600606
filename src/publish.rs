//! `gongsi publish`: a folder ready to upload to the district website — the accessible PDF
//! (PDF/UA-1 and PDF/A-2a), the HTML rendition (`index.html`), PNG previews (a cover
//! thumbnail and one image per page) and `manifest.json` with sizes and SHA-256 digests.
//!
//! The folder appears whole or not at all: everything is written into a temporary folder
//! beside it, which is then renamed into place. A folder from an earlier `publish` is
//! replaced; any other non-empty folder is left alone and the command fails.

use std::path::{Path, PathBuf};

use crate::build::{compile, default_output, load_and_validate};
use crate::compile::STANDARDS;
use crate::error::Error;
use crate::findings::Finding;
use crate::fonts::font_store;
use crate::html::render_html;
use crate::manifest::{FileEntry, MANIFEST, Manifest};
use crate::plan::Plan;
use crate::preview::{check_width, render_page, render_pages};
use crate::render::render;
use crate::world::PlanWorld;

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
    /// Folder whose templates override the built-in ones.
    pub templates: Option<PathBuf>,
    /// Extra font folders.
    pub font_paths: Vec<PathBuf>,
}

/// What a successful `publish` produced.
#[derive(Debug, Clone)]
pub struct PublishReport {
    /// The folder written.
    pub folder: PathBuf,
    /// Its manifest (also written as `manifest.json`).
    pub manifest: Manifest,
    /// Typst warnings, formatted.
    pub warnings: Option<String>,
    /// The validator's warnings (figures that break the plan's arithmetic), published as
    /// typed.
    pub findings: Vec<Finding>,
}

/// Publishes a plan into a folder.
pub fn publish(config: &PublishConfig) -> Result<PublishReport, Error> {
    check_width(config.page_width)?;
    check_width(config.thumbnail_width)?;
    let (plan, findings) = load_and_validate(config.plan.as_deref())?;
    let rendered = render(&plan, config.templates.as_deref())?;
    let mut world = PlanWorld::new(font_store(&config.font_paths)?);
    let compiled = compile(&mut world, &plan, &rendered)?;
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
    let html = render_html(
        &plan,
        config.templates.as_deref(),
        Some(&format!("{stem}.pdf")),
    )?;
    files.push((
        FileEntry::new(HTML.to_string(), "html", "text/html", html.as_bytes()),
        html.into_bytes(),
    ));
    let mut entry = FileEntry::new(
        format!("{stem}.png"),
        "thumbnail",
        "image/png",
        &thumbnail.png,
    );
    entry.page = Some(1);
    entry.pixels = Some([thumbnail.width, thumbnail.height]);
    files.push((entry, thumbnail.png));
    let digits = pages.to_string().len().max(2);
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

    let standards = STANDARDS.map(|(_, name)| name);
    let mut manifest = Manifest::new(&plan, pages, &standards);
    manifest.files = files.iter().map(|(entry, _)| entry.clone()).collect();
    let mut contents: Vec<(String, Vec<u8>)> = files
        .into_iter()
        .map(|(entry, bytes)| (entry.name, bytes))
        .collect();
    contents.push((MANIFEST.to_string(), manifest.to_json()));

    let folder = config
        .output
        .clone()
        .unwrap_or_else(|| default_folder(&plan));
    write_folder(&folder, &contents)?;
    Ok(PublishReport {
        folder,
        manifest,
        warnings: compiled.warnings,
        findings,
    })
}

/// `{연도}-{지자체}-연차별세부계획`, the name every published file starts with.
pub fn file_stem(plan: &Plan) -> String {
    default_output(plan)
        .file_stem()
        .map(|s| s.to_string_lossy().into_owned())
        .unwrap_or_default()
}

/// The default folder: `{연도}-{지자체}-연차별세부계획`.
pub fn default_folder(plan: &Plan) -> PathBuf {
    PathBuf::from(file_stem(plan))
}

/// Writes `files` as the whole content of `folder`, atomically: into a temporary folder
/// beside it, then renamed into place. An existing `folder` must be empty or hold a
/// `manifest.json` (an earlier publish); it is replaced.
pub fn write_folder(folder: &Path, files: &[(String, Vec<u8>)]) -> Result<(), Error> {
    let existing = check_target(folder)?;
    let parent = match folder.parent() {
        Some(p) if !p.as_os_str().is_empty() => p,
        _ => Path::new("."),
    };
    std::fs::create_dir_all(parent).map_err(|e| Error::io("폴더 만들기", parent, e))?;
    let temp = tempfile::Builder::new()
        .prefix(".gongsi-publish-")
        .tempdir_in(parent)
        .map_err(|e| Error::io("임시 폴더 만들기", parent, e))?;
    for (name, bytes) in files {
        write_file(&temp.path().join(name), bytes)?;
    }
    // A temporary folder is private (0700); the published one is for everyone to read.
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        std::fs::set_permissions(temp.path(), std::fs::Permissions::from_mode(0o755))
            .map_err(|e| Error::io("폴더 권한 설정", temp.path(), e))?;
    }
    if !existing {
        std::fs::rename(temp.path(), folder).map_err(|e| Error::io("폴더 저장", folder, e))?;
        let _kept = temp.keep();
        return Ok(());
    }
    // Move the old folder aside, put the new one in its place, then delete the old one.
    let aside = tempfile::Builder::new()
        .prefix(".gongsi-old-")
        .tempdir_in(parent)
        .map_err(|e| Error::io("임시 폴더 만들기", parent, e))?;
    let old = aside.path().join("old");
    std::fs::rename(folder, &old).map_err(|e| Error::io("이전 폴더 옮기기", folder, e))?;
    if let Err(e) = std::fs::rename(temp.path(), folder) {
        // Put the old folder back; the new one is removed with `temp`.
        let _ = std::fs::rename(&old, folder);
        return Err(Error::io("폴더 저장", folder, e));
    }
    let _kept = temp.keep();
    drop(aside); // removes the old folder
    Ok(())
}

/// Whether `folder` exists (and may be replaced); an error if it must not be touched.
fn check_target(folder: &Path) -> Result<bool, Error> {
    let meta = match std::fs::metadata(folder) {
        Ok(meta) => meta,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(false),
        Err(e) => return Err(Error::io("폴더 확인", folder, e)),
    };
    let refuse = |message: String| Error::Usage {
        message,
        hint: Some(
            "새 폴더 이름을 주거나, 빈 폴더 또는 이전에 gongsi publish로 만든 폴더를 주세요."
                .into(),
        ),
    };
    if !meta.is_dir() {
        return Err(refuse(format!(
            "{}은(는) 폴더가 아닌 파일입니다.",
            folder.display()
        )));
    }
    let mut entries = std::fs::read_dir(folder).map_err(|e| Error::io("폴더 읽기", folder, e))?;
    let empty = entries.next().is_none();
    if !empty && !folder.join(MANIFEST).is_file() {
        return Err(refuse(format!(
            "{} 폴더에 이미 다른 파일이 있습니다 (manifest.json이 없어 gongsi publish로 만든 폴더가 아닙니다).",
            folder.display()
        )));
    }
    Ok(true)
}

fn write_file(path: &Path, bytes: &[u8]) -> Result<(), Error> {
    use std::io::Write;
    let mut file = std::fs::File::create(path).map_err(|e| Error::io("파일 쓰기", path, e))?;
    file.write_all(bytes)
        .and_then(|()| file.sync_all())
        .map_err(|e| Error::io("파일 쓰기", path, e))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn names(dir: &Path) -> Vec<String> {
        let mut names: Vec<String> = std::fs::read_dir(dir)
            .unwrap()
            .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
            .collect();
        names.sort();
        names
    }

    fn files(names: &[&str]) -> Vec<(String, Vec<u8>)> {
        names
            .iter()
            .map(|n| (n.to_string(), n.as_bytes().to_vec()))
            .collect()
    }

    #[test]
    fn writes_a_new_folder_and_leaves_nothing_beside_it() {
        let dir = tempfile::tempdir().unwrap();
        let target = dir.path().join("게시");
        write_folder(&target, &files(&["a.pdf", MANIFEST])).unwrap();
        assert_eq!(names(&target), ["a.pdf", MANIFEST]);
        assert_eq!(names(dir.path()), ["게시"]);
        assert_eq!(std::fs::read(target.join("a.pdf")).unwrap(), b"a.pdf");
    }

    #[test]
    fn replaces_an_earlier_publish_whole() {
        let dir = tempfile::tempdir().unwrap();
        let target = dir.path().join("게시");
        write_folder(&target, &files(&["old.pdf", "old.png", MANIFEST])).unwrap();
        write_folder(&target, &files(&["new.pdf", MANIFEST])).unwrap();
        assert_eq!(names(&target), ["manifest.json", "new.pdf"]);
        assert_eq!(names(dir.path()), ["게시"]);
    }

    #[test]
    fn fills_an_empty_folder() {
        let dir = tempfile::tempdir().unwrap();
        let target = dir.path().join("게시");
        std::fs::create_dir(&target).unwrap();
        write_folder(&target, &files(&["a.pdf", MANIFEST])).unwrap();
        assert_eq!(names(&target), ["a.pdf", MANIFEST]);
        assert_eq!(names(dir.path()), ["게시"]);
    }

    #[test]
    fn refuses_a_folder_it_did_not_make_and_leaves_it_untouched() {
        let dir = tempfile::tempdir().unwrap();
        let target = dir.path().join("문서함");
        std::fs::create_dir(&target).unwrap();
        std::fs::write(target.join("내 문서.hwp"), b"keep").unwrap();
        let err = write_folder(&target, &files(&["a.pdf", MANIFEST])).unwrap_err();
        assert!(err.to_string().contains("manifest.json이 없어"), "{err}");
        assert_eq!(names(&target), ["내 문서.hwp"]);
        assert_eq!(
            names(dir.path()),
            ["문서함"],
            "no temporary folder is left behind"
        );
    }

    #[test]
    fn refuses_a_file() {
        let dir = tempfile::tempdir().unwrap();
        let file = dir.path().join("plan.pdf");
        std::fs::write(&file, b"x").unwrap();
        let err = write_folder(&file, &files(&[MANIFEST])).unwrap_err();
        assert!(err.to_string().contains("파일입니다"), "{err}");
    }
}
