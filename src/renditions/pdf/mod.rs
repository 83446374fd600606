//! PDF: the plan typeset through Typst, its page previews, and the review PDF and page
//! comparison of `gongsi diff`.

pub mod overlay;
pub mod pages;
pub mod preview;
pub mod review;
