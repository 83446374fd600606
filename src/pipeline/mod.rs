//! 파이프라인 (pipeline): the format-neutral steps every rendition starts from, in order —
//! [`load`] → [`check`] → [`plan`] — then [`output`] (writing files atomically) and
//! [`compare`] of two drafts. Each step imports only the model and the steps before it; what
//! is particular to one rendition lives with that rendition ([`crate::renditions`]).

pub mod check;
pub mod compare;
pub mod load;
pub mod output;
pub mod plan;

use std::path::{Path, PathBuf};

use crate::model::error::Error;
use crate::model::located::WrittenPlan;
use crate::model::plan::Plan;
use crate::model::problem::{Finding, Problem};
use load::opened::Stamp;

/// A plan read and checked: as written, as the model the renditions show, and the checks'
/// findings, all warnings (a figure that breaks the plan's arithmetic, a part left empty, a
/// placeholder left: typeset as written).
#[derive(Debug, Clone)]
pub struct Checked {
    /// The plan as its files write it.
    pub written: WrittenPlan,
    /// The plan model, every derived figure computed.
    pub plan: Plan,
    /// The checks' findings: warnings only (errors stop at [`load_and_check`]).
    pub findings: Vec<Finding>,
    /// Every file read, as it was when it was read (none for the embedded reference plan).
    pub read: FilesRead,
}

/// The files of a plan as they were when they were read.
#[derive(Debug, Clone, Default)]
pub struct FilesRead(pub Vec<(PathBuf, Stamp)>);

impl FilesRead {
    /// Whether every file of the plan is still as it was read: a command asks before it
    /// writes what it made, so that a file saved while the command ran (half-written when it
    /// was read) never gives a document with exit 0. `Err` names each file that changed.
    pub fn unchanged(&self) -> Result<(), Error> {
        let changed: Vec<Problem> = self
            .0
            .iter()
            .filter(|(path, stamp)| !stamp.holds(path))
            .map(|(path, _)| load::opened::changed_since_read(path))
            .collect();
        if changed.is_empty() {
            Ok(())
        } else {
            Err(Error::Input(changed))
        }
    }
}

/// Steps 1–3, the one way every command reads a plan: load the plan folder or workbook
/// (the embedded reference plan for `None`), check it — its errors stop here as
/// [`Error::Input`] — and compute the plan model.
pub fn load_and_check(plan: Option<&Path>) -> Result<Checked, Error> {
    let (written, read) = match plan {
        Some(path) => {
            let (written, read) = load::load_plan_read(path)?;
            (written, FilesRead(read))
        }
        None => (load::reference_plan()?, FilesRead::default()),
    };
    let findings = check::refuse_errors(&written).map_err(Error::Input)?;
    Ok(Checked {
        plan: plan::build_plan(&written),
        written,
        findings,
        read,
    })
}
