//! The integration tests, one test crate (one executable to build and link, instead of one per
//! file): a module per area, each running the real `gongsi` binary on fixtures or calling the
//! library, and `common` with the helpers they share. Run one area or one test with
//! `cargo test --test it build::` or `cargo test --test it build::same_input_gives_byte_identical_pdf`.

mod common;

mod bad_input;
mod batch;
mod build;
mod check;
mod closed_streams;
mod concurrent;
mod diff;
mod docs;
mod escaping;
mod first_run;
mod fuzz_check;
mod fuzz_workbook;
mod guide;
mod help;
mod hostile_workbooks;
mod html;
mod hwpx;
mod hwpx_diff;
mod hwpx_fonts;
mod init;
mod links;
mod new;
mod publish;
mod reference_figures;
mod schema;
mod snapshots;
mod studio;
mod watch;
mod weak_answers;
mod wording;
mod workbook;
