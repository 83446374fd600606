//! `gongsi diff` as printed: the change list (text, Markdown or JSON) on standard output, what
//! was written of the page comparison and the review PDF on standard error; exit 0 when the
//! drafts are the same, 1 when they differ, 2 on an error.

use std::process::ExitCode;

use crate::cli::args::{DiffArgs, DiffFormat};
use crate::cli::print::{color, error, out};
use crate::cli::report;
use crate::model::error::Error;
use crate::pipeline::compare;

/// `gongsi diff`: the change list; exit 0 when the drafts are the same, 1 when they differ.
pub fn run(args: &DiffArgs) -> ExitCode {
    match diff(args) {
        Ok(code) => code,
        Err(e) => {
            error(&e, None);
            ExitCode::from(2)
        }
    }
}

fn diff(args: &DiffArgs) -> Result<ExitCode, Error> {
    let (old, new) = std::thread::scope(|scope| {
        let old = scope.spawn(|| compare::load_draft(&args.old));
        let new = compare::load_draft(&args.new);
        (old.join().expect("loading a draft does not panic"), new)
    });
    let (old, new) = (old?, new?);
    let changes = compare::compare(&old, &new);
    match args.format {
        DiffFormat::Text => out(&report::text(&changes, color(true))),
        DiffFormat::Md => out(&report::markdown(&changes)),
        DiffFormat::Json => out(&format!("{}\n", report::json(&changes))),
    }
    let settings = args.typesetting.settings();
    if let Some(folder) = &args.pages {
        let found =
            crate::renditions::pdf::pages::write(&old, &new, folder, args.page_width, &settings)?;
        eprintln!("{}", found.text());
    }
    if let Some(pdf) = &args.pdf {
        let written = crate::renditions::pdf::review::write(&old, &new, &changes, pdf, &settings)?;
        eprintln!("검토용 PDF: {} ({}쪽)", pdf.display(), written);
    }
    Ok(if changes.is_empty() {
        ExitCode::SUCCESS
    } else {
        ExitCode::from(1)
    })
}
