//! HWPX 판 (한글 문서, OWPML / KS X 6101): the plan model written as a 한글 document that staff
//! and reviewers open and edit in 한글 — cover, 순서, parts I–V with every table and its merged
//! cells, the □ ○ - · ladder as named paragraph styles, captions, unit lines, footnotes and page
//! numbers, on A4 with the PDF's margins. The figures come from the same plan model and number
//! formatting as the PDF and the HTML, so no figure can differ.
//!
//! One way through: [`document`] walks the plan and writes paragraphs with [`body`] (body
//! blocks with [`blocks`], tables with [`table`], pictures with [`picture`], drawn by
//! [`figures`] from the PDF's own layout); [`header`] collects the shapes and the named
//! [`styles`] they use, after 한글's own [`defaults`], and the [`fonts`] the document carries; [`package`] zips the parts. Every value reaches the XML through
//! [`xml`], the one escaping path; the constant XML (a section's settings, a picture's and a
//! table's elements) is kept as it reads in `fragments/*.xml`, written through [`xml`] too.

pub mod blocks;
pub mod body;
pub mod defaults;
pub mod document;
pub mod drawings;
pub mod fonts;
pub mod header;
pub mod names;
pub mod package;
pub mod pagination;
pub mod picture;
pub mod styles;
pub mod table;
pub mod units;
pub mod xml;

use crate::model::plan::Plan;
use pagination::Pagination;
use picture::{Drawing, Picture};

/// The plan as an HWPX file to be read back (`diff`'s plan side): `pictures` draws a figure
/// of the plan (in the order the document meets them: [`Drawing`], e.g.
/// [`drawings::drawer`]); `None` leaves the figure as a table (the chart's values, the
/// diagram's boxes and words). What `build` writes, without the PDF's page breaks and
/// without the fonts: nothing that reads the printed lines opens them, and deflating them
/// would be most of the time it takes.
pub fn render_hwpx_to_read(
    plan: &Plan,
    pictures: &mut dyn FnMut(&Drawing) -> Option<Picture>,
) -> Vec<u8> {
    let mut written = document::write(plan, pictures, None);
    written.fonts = fonts::Carried::default();
    package::zip(plan, &written)
}

/// The plan as an HWPX file with the PDF's page breaks (`pages`, [`pagination::paginate`]):
/// a task starts a page where it does in the PDF.
pub fn render_hwpx_paginated(
    plan: &Plan,
    pictures: &mut dyn FnMut(&Drawing) -> Option<Picture>,
    pages: Option<&Pagination>,
) -> Vec<u8> {
    let written = document::write(plan, pictures, pages);
    package::zip(plan, &written)
}
