//! 결과물 (renditions): the plan model as a PDF through Typst ([`pdf`]), as HTML ([`html`]),
//! as a 한글 document ([`hwpx`]) and as a workbook ([`workbook`]); all from the same model,
//! so no figure can differ between them. What two of them share has its own home
//! ([`shared`]); each owns the rest of its machinery.

pub mod html;
pub mod hwpx;
pub mod pdf;
pub mod shared;
pub mod workbook;
