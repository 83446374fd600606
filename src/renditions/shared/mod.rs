//! 공통 (shared): what two or more renditions use alike — the templates and their
//! `--templates` overrides with the fixed wording they print (PDF and HTML), the colours
//! (every rendition), the column widths of data tables (PDF and HWPX) and the embedded
//! typefaces they are measured and set with.

pub mod palette;
pub mod templates;
pub mod typeface;
pub mod widths;
