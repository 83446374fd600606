//! `gongsi diff` as printed: the change list (text, Markdown or JSON) on standard output, what
//! was written of the page comparison and the review PDF on standard error; exit 0 when the
//! drafts are the same, 1 when they differ, 2 on an error.

use std::process::ExitCode;

use crate::cli::args::{DiffArgs, DiffFormat};
use crate::cli::changes;
use crate::cli::print::errln;
use crate::cli::print::{Failure, color, error, out};
use crate::commands::diff::{self, DiffConfig};
use crate::model::error::Error;

/// `gongsi diff`: the change list; exit 0 when the drafts are the same, 1 when they differ.
pub fn run(args: &DiffArgs) -> ExitCode {
    match diff(args) {
        Ok(code) => code,
        Err(e) => {
            error(&e, None, Failure::undone("비교하지 못했습니다"));
            ExitCode::from(2)
        }
    }
}

fn diff(args: &DiffArgs) -> Result<ExitCode, Error> {
    let config = DiffConfig {
        old: args.old.clone(),
        new: args.new.clone(),
        pages: args.pages.clone(),
        page_width: args.page_width,
        pdf: args.pdf.clone(),
        typesetting: args.typesetting.settings(),
    };
    let compared = diff::compare(&config)?;
    let found = &compared.changes;
    match args.format {
        DiffFormat::Text => out(&changes::text(found, color(true))),
        DiffFormat::Md => out(&changes::markdown(found)),
        DiffFormat::Json => out(&format!("{}\n", changes::json(found))),
    }
    if let Some(found) = diff::write_pages(&config, &compared)? {
        errln!("{}", found.text());
    }
    if let (Some(pdf), Some(pages)) = (&config.pdf, diff::write_review(&config, &compared)?) {
        errln!("검토용 PDF: {} ({}쪽)", pdf.display(), pages);
    }
    Ok(if found.is_empty() {
        ExitCode::SUCCESS
    } else {
        ExitCode::from(1)
    })
}
