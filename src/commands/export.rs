//! `gongsi template` and `gongsi export`: the blank workbook, and a plan written to the same
//! workbook layout, each saved atomically.

use std::path::{Path, PathBuf};

use crate::model::error::Error;
use crate::pipeline::load_and_check;
use crate::pipeline::output::filename;
use crate::pipeline::output::write_atomic;
use crate::renditions::workbook;

/// Writes the blank workbook to `output`.
pub fn write_template(output: &Path) -> Result<(), Error> {
    let bytes = workbook::template().map_err(xlsx_error)?;
    write_atomic(output, &bytes)
}

/// Exports the plan at `plan` (the embedded reference plan if `None`) to a workbook at
/// `output` (default `{연도}-{지자체}-연차별세부계획.xlsx`); returns where it went.
pub fn export_workbook(plan: Option<&Path>, output: Option<PathBuf>) -> Result<PathBuf, Error> {
    let source = load_and_check(plan)?.written;
    let bytes = workbook::export(&source).map_err(xlsx_error)?;
    let info = &source.info.value;
    let output = output
        .unwrap_or_else(|| PathBuf::from(filename::document(info.year, &info.district, "xlsx")));
    write_atomic(&output, &bytes)?;
    Ok(output)
}

/// A workbook that could not be made, in Korean.
pub fn xlsx_error(e: rust_xlsxwriter::XlsxError) -> Error {
    Error::WorkbookWrite(e.to_string())
}
