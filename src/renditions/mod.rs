//! 결과물 (renditions): the plan model as a PDF through Typst ([`pdf`]), as HTML
//! ([`html`]) and as a workbook ([`workbook`]); all from the same model, so no figure can
//! differ between them.

pub mod html;
pub mod hwpx;
pub mod pdf;
pub mod workbook;
