//! gongsi: turns a local government's jobs-plan data into the official PDF of its
//! 연차별 세부계획 (annual detailed jobs plan, 지역일자리 목표 공시제).
//!
//! The pipeline runs one way, one step per module: [`load`] → [`check`] → [`plan`] →
//! [`render`] → [`compile`] → [`output`], driven by [`build`].

pub mod batch;
pub mod budget;
pub mod build;
pub mod check;
pub mod compile;
pub mod content;
pub mod diff;
pub mod error;
pub mod escape;
pub mod export;
pub mod filename;
pub mod findings;
pub mod folder;
pub mod fonts;
pub mod html;
pub mod limits;
pub mod load;
pub mod locate;
pub mod manifest;
pub mod number;
pub mod output;
pub mod plan;
pub mod prescan;
pub mod preview;
pub mod publish;
pub mod reference;
pub mod render;
pub mod rounding;
pub mod scaffold;
pub mod schema;
pub mod source;
pub mod summary;
pub mod textfile;
pub mod walk;
pub mod watch;
pub mod widths;
pub mod workbook;
pub mod world;
