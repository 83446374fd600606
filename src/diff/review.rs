//! 검토용 PDF: the old values of changed figures and texts, for the templates to redline.

use std::path::Path;

use crate::error::Error;

use super::{Diff, Draft, pages::Settings};

/// Writes the redlined PDF of the new draft; returns its page count.
pub fn write(
    _old: &Draft,
    _new: &Draft,
    _diff: &Diff,
    _pdf: &Path,
    _settings: &Settings,
) -> Result<usize, Error> {
    Err(Error::Usage {
        message: "검토용 PDF(--pdf)는 아직 만들 수 없습니다.".into(),
        hint: None,
    })
}
