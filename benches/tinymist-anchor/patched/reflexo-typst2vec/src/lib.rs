pub mod cast;
pub mod convert;
pub mod debug_loc;
pub mod font;
pub mod hash;
#[cfg(feature = "flat-vector")]
pub mod incr;
pub mod ir;
pub mod pass;
mod path2d;
pub mod utils;

pub use cast::*;
pub use ir::geom;
pub use pass::Glyph2VecPass;
pub use reflexo::vector::*;
