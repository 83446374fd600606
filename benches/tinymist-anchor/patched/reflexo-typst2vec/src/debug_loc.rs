pub use reflexo::debug_loc::*;
