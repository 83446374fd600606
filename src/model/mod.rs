//! 모델 (model): the plan as its files write it ([`written`]), the values with where they
//! came from, the plan model with every derived figure ([`plan`], [`content`]), money and
//! numbers, the sheets of a workbook, the Korean field guide ([`guide`]), the document's
//! fixed wording ([`wording`]), the problems found, and what changed between drafts
//! ([`change`]) and where the plan model prints it ([`spot`]). Imports nothing from the
//! layers below it.

pub mod axis;
pub mod budget;
pub mod change;
pub mod content;
pub mod data_path;
pub mod error;
pub mod guide;
pub mod limits;
pub mod located;
pub mod number;
pub mod places;
pub mod plan;
pub mod positions;
pub mod printed;
pub mod problem;
pub mod rounding;
pub mod sheets;
pub mod spot;
pub mod summary;
pub mod typeface;
pub mod walk;
pub mod wording;
pub mod written;
