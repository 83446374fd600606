//! `gongsi diff`: two drafts of a plan loaded side by side and compared ([`compare`]), then,
//! if asked, the page comparison and the review PDF written ([`write_pages`],
//! [`write_review`]): separate steps, so that what was done is shown before a later one fails.

use std::path::PathBuf;

use crate::model::change::Diff;
use crate::model::error::Error;
use crate::pipeline::compare::{self, Draft};
use crate::renditions::pdf::pages::{self, PageSummary};
use crate::renditions::pdf::{Typesetting, review};

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
    /// The earlier draft.
    pub old: Draft,
    /// The later draft.
    pub new: Draft,
    /// The changes, in document order.
    pub changes: Diff,
}

/// Loads and checks both drafts (at the same time) and compares them.
pub fn compare(config: &DiffConfig) -> Result<Compared, Error> {
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
    Ok(Compared { old, new, changes })
}

/// Writes the page comparison, if `config` asks for it (`--pages`).
pub fn write_pages(config: &DiffConfig, compared: &Compared) -> Result<Option<PageSummary>, Error> {
    let Some(folder) = &config.pages else {
        return Ok(None);
    };
    let (old, new) = (&compared.old, &compared.new);
    pages::write(old, new, folder, config.page_width, &config.typesetting).map(Some)
}

/// Writes the review PDF, if `config` asks for it (`--pdf`); its page count.
pub fn write_review(config: &DiffConfig, compared: &Compared) -> Result<Option<usize>, Error> {
    let Some(pdf) = &config.pdf else {
        return Ok(None);
    };
    let Compared { old, new, changes } = compared;
    review::write(old, new, changes, pdf, &config.typesetting).map(Some)
}
