pub(crate) mod glyph;
pub use glyph::*;

mod ligature;
