//! 파이프라인 (pipeline): the steps a plan goes through, in order — [`load`] → [`check`] →
//! [`plan`] → [`render`] → [`compile`] → [`output`] — with the fonts they share and
//! [`compare`] of two drafts. Each step imports only the model and the steps before it.

pub mod check;
pub mod compare;
pub mod compile;
pub mod fonts;
pub mod load;
pub mod output;
pub mod plan;
pub mod render;
