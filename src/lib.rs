//! gongsi: turns a local government's jobs-plan data into the official documents of its
//! 연차별 세부계획 (annual detailed jobs plan, 지역일자리 목표 공시제).
//!
//! The layers, each importing only the ones above it in this list:
//! - [`model`]: the plan as written, the plan model, money and numbers, located values, the
//!   document's fixed wording.
//! - [`pipeline`]: the format-neutral steps, [`pipeline::load`] → [`pipeline::check`] →
//!   [`pipeline::plan`], then [`pipeline::output`] (atomic writes) and [`pipeline::compare`]
//!   of two drafts.
//! - [`renditions`]: the plan as PDF (through Typst), HTML, HWPX (한글) and workbook, each
//!   owning its machinery; [`renditions::shared`] holds what two of them share.
//! - [`commands`]: one module per subcommand, each a Config → `run` → Report, printing nothing.
//! - [`cli`]: the command line's arguments and everything printed.

// Standard output and error are written through `cli::print` (`outln!`, `errln!`), which
// never panic when the reader has gone away (`gongsi build … | head`); `println!` would.
#![deny(clippy::print_stdout, clippy::print_stderr)]

pub mod cli;
pub mod commands;
pub mod model;
pub mod pipeline;
pub mod renditions;
