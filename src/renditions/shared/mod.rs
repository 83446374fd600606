//! 공통 (shared): what two or more renditions use alike — the templates and their
//! `--templates` overrides with the fixed wording they print (PDF and HTML), the colours
//! (every rendition) and the column widths of data tables (PDF and HWPX).

pub mod palette;
pub mod templates;
pub mod widths;
