//! 초안 (draft): one draft of a plan read for comparing — its plan as written (for the stated
//! figures) and its plan model (for what is printed and the computed totals) — through the
//! one load-and-check entry, its problems named with the draft's path.

use std::path::Path;

use crate::model::error::Error;
use crate::model::located::WrittenPlan;
use crate::model::plan::Plan;
use crate::model::problem::Problem;
use crate::pipeline::{Checked, load_and_check};

/// One draft (초안): its source (for the stated figures) and its plan model (for what is
/// printed and for the computed totals).
#[derive(Debug, Clone)]
pub struct Draft {
    /// The path as given.
    pub label: String,
    /// The plan as read.
    pub source: WrittenPlan,
    /// The plan with its totals.
    pub plan: Plan,
}

/// Reads and checks one draft: a plan folder (or its `plan.yaml`) or a workbook. A draft
/// with errors cannot be compared: its problems come back with the draft's path in front
/// of each file.
pub fn load_draft(path: &Path) -> Result<Draft, Error> {
    let folder = if path.file_name().is_some_and(|n| n == "plan.yaml") && path.is_file() {
        path.parent().unwrap_or(Path::new(".")).to_path_buf()
    } else {
        path.to_path_buf()
    };
    if !folder.exists() {
        return Err(Error::usage(
            format!("비교할 계획 `{}`이(가) 없습니다.", path.display()),
            "계획 폴더(plan.yaml이 있는 폴더)나 통합문서(.xlsx, .xls, .xlsb, .ods)의 경로를 주세요.",
        ));
    }
    let in_draft = |problems: Vec<Problem>| {
        problems
            .into_iter()
            .map(|mut p| {
                if folder.is_dir() && p.file.is_relative() && !p.file.starts_with(&folder) {
                    p.file = folder.join(&p.file);
                }
                p
            })
            .collect::<Vec<_>>()
    };
    let Checked {
        written: source,
        plan,
        ..
    } = load_and_check(Some(&folder)).map_err(|e| match e {
        Error::Input(problems) => Error::Input(in_draft(problems)),
        other => other,
    })?;
    Ok(Draft {
        label: path.display().to_string(),
        source,
        plan,
    })
}
