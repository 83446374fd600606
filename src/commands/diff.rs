//! `gongsi diff`: two drafts of a plan loaded side by side and compared ([`compare`]), then,
//! if asked, the page comparison and the review PDF written ([`write_pages`],
//! [`write_review`]): separate steps, so that what was done is shown before a later one fails.
//!
//! A 한글 draft (`.hwpx`, a reviewer's copy) is compared as printed lines: the plan's side is
//! written as HWPX by the same writer as `build` and read back by the same reader as the
//! reviewer's file ([`compare_hwpx`]), so both sides are read one way.

use std::path::PathBuf;

use std::path::Path;

use crate::model::change::Diff;
use crate::model::error::Error;
use crate::model::printed::Printed;
use crate::pipeline::compare::printed::{Side, compare_printed};
use crate::pipeline::compare::{self, Draft};
use crate::pipeline::load::hwpx::{is_hwpx, read_bytes, read_hwpx};
use crate::renditions::hwpx::{drawings, render_hwpx_to_read};
use crate::renditions::pdf::pages::{self, PageSummary};
use crate::renditions::pdf::{Typesetter, Typesetting, review};

/// What `diff` needs to know.
#[derive(Debug, Clone)]
pub struct DiffConfig {
    /// The earlier draft (plan folder, `plan.yaml` or workbook).
    pub old: PathBuf,
    /// The later draft.
    pub new: PathBuf,
    /// Where to write the page comparison (`--pages`), if anywhere.
    pub pages: Option<PathBuf>,
    /// Width of its page images in pixels.
    pub page_width: u32,
    /// Where to write the review PDF (`--pdf`), if anywhere.
    pub pdf: Option<PathBuf>,
    /// Templates and fonts for both.
    pub typesetting: Typesetting,
}

/// The two drafts and what changed between them.
#[derive(Debug, Clone)]
pub struct Compared {
    /// The earlier draft (`None` for a 한글 file).
    pub old: Option<Draft>,
    /// The later draft (`None` for a 한글 file).
    pub new: Option<Draft>,
    /// The changes, in document order.
    pub changes: Diff,
}

/// Loads and checks both drafts (at the same time) and compares them.
pub fn compare(config: &DiffConfig) -> Result<Compared, Error> {
    if is_hwpx(&config.old) || is_hwpx(&config.new) {
        return compare_hwpx(config);
    }
    if config.pdf.is_some() || config.pages.is_some() {
        // The drafts are typeset: a `--font-path` font may print what the embedded ones lack.
        crate::renditions::pdf::fonts::user_fonts(&config.typesetting.font_paths)?;
    }
    let (old, new) = std::thread::scope(|scope| {
        let old = scope.spawn(|| compare::load_draft(&config.old));
        let new = compare::load_draft(&config.new);
        (old.join().expect("loading a draft does not panic"), new)
    });
    let (old, new) = (old?, new?);
    let changes = compare::compare(&old, &new);
    Ok(Compared {
        old: Some(old),
        new: Some(new),
        changes,
    })
}

/// Compares when one side or both are 한글 files: each side as printed lines, the plan's
/// written as HWPX first. The review PDF and the page comparison need two plans.
fn compare_hwpx(config: &DiffConfig) -> Result<Compared, Error> {
    if config.pdf.is_some() || config.pages.is_some() {
        return Err(Error::usage(
            "한글 문서(.hwpx)와 비교할 때는 --pdf와 --pages를 쓸 수 없습니다.",
            "검토용 PDF와 쪽 비교는 두 계획(폴더나 통합문서) 사이에서 만듭니다. 한글 검토본의 바뀐 곳은 변경 목록(--format md 또는 json)으로 보세요.",
        ));
    }
    let (old, new) = std::thread::scope(|scope| {
        let old = scope.spawn(|| printed_side(&config.old, &config.typesetting));
        let new = printed_side(&config.new, &config.typesetting);
        (old.join().expect("reading a draft does not panic"), new)
    });
    let ((old, old_lines), (new, new_lines)) = (old?, new?);
    let side = |path: &Path, printed, draft| Side {
        label: path.display().to_string(),
        printed,
        draft,
    };
    let changes = compare_printed(
        &side(&config.old, &old_lines, old.as_ref()),
        &side(&config.new, &new_lines, new.as_ref()),
    );
    Ok(Compared { old, new, changes })
}

/// One side as printed lines: a 한글 file read, or a plan loaded, written as HWPX (with its
/// figures drawn, as `build` does) and read back.
fn printed_side(path: &Path, typesetting: &Typesetting) -> Result<(Option<Draft>, Printed), Error> {
    if is_hwpx(path) {
        if !path.is_file() {
            return Err(Error::usage(
                format!("비교할 한글 문서 `{}`이(가) 없습니다.", path.display()),
                "한글에서 저장한 .hwpx 파일의 경로를 주세요.",
            ));
        }
        return Ok((None, read_hwpx(path)?));
    }
    let draft = compare::load_draft(path)?;
    let mut draw = drawings::drawer(Typesetter::new(typesetting)?, &draft.plan);
    let bytes = render_hwpx_to_read(&draft.plan, &mut draw);
    let printed = read_bytes(&bytes, path).map_err(|p| Error::Input(vec![p]))?;
    Ok((Some(draft), printed))
}

/// Writes the page comparison, if `config` asks for it (`--pages`).
pub fn write_pages(config: &DiffConfig, compared: &Compared) -> Result<Option<PageSummary>, Error> {
    let Some(folder) = &config.pages else {
        return Ok(None);
    };
    let (Some(old), Some(new)) = (&compared.old, &compared.new) else {
        return Ok(None);
    };
    pages::write(old, new, folder, config.page_width, &config.typesetting).map(Some)
}

/// Writes the review PDF, if `config` asks for it (`--pdf`); its page count.
pub fn write_review(config: &DiffConfig, compared: &Compared) -> Result<Option<usize>, Error> {
    let Some(pdf) = &config.pdf else {
        return Ok(None);
    };
    let Compared { old, new, changes } = compared;
    let (Some(old), Some(new)) = (old, new) else {
        return Ok(None);
    };
    review::write(old, new, changes, pdf, &config.typesetting).map(Some)
}
