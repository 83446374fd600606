//! 공통 (shared): what two or more renditions use alike — the templates and their
//! `--templates` overrides with the fixed wording they print (PDF and HTML), the colours
//! (every rendition), the type scale (PDF and HWPX), the column widths of data tables (PDF
//! and HWPX) and the line count of body text (HWPX).

pub mod lines;
pub mod palette;
pub mod scale;
pub mod templates;
pub mod widths;
