pub mod glyph2vec;
pub mod span2vec;
pub mod typst2vec;

pub use glyph2vec::*;
pub use span2vec::*;
pub use typst2vec::*;
