//! `gongsi check`: everything the checks find in a plan, all at once — problems reading it
//! (syntax, types, unknown fields) as error findings beside what [`check::check`] finds.

use std::path::PathBuf;

use crate::model::error::Error;
use crate::model::problem::Finding;
use crate::pipeline::check;
use crate::pipeline::load::{load_plan, reference_plan};

/// What `check` needs to know.
#[derive(Debug, Clone, Default)]
pub struct CheckConfig {
    /// The plan folder or workbook; `None` for the embedded reference plan.
    pub plan: Option<PathBuf>,
}

/// What `check` found.
#[derive(Debug, Clone)]
pub struct CheckReport {
    /// Every finding, errors and warnings, each with its place.
    pub findings: Vec<Finding>,
}

/// Loads the plan folder (or the embedded reference plan) and checks it. Problems reading
/// the data (syntax, types, unknown fields) are error findings; only a failure around the
/// data (no such folder, unreadable file) is an `Err`.
pub fn check(config: &CheckConfig) -> Result<CheckReport, Error> {
    let folder = config.plan.as_deref();
    let loaded = match folder {
        Some(folder) => load_plan(folder),
        None => reference_plan(),
    };
    match loaded {
        Ok(plan) => Ok(CheckReport {
            findings: check::check(&plan),
        }),
        Err(Error::Input(problems)) => Ok(CheckReport {
            findings: problems
                .into_iter()
                .map(|p| Finding::error("load", p))
                .collect(),
        }),
        Err(other) => Err(other),
    }
}
