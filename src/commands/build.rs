//! `gongsi build`: the pipeline as named steps — load → check → plan → render → compile →
//! write — for one plan.

use std::path::{Path, PathBuf};

use crate::model::error::Error;
use crate::model::problem::Finding;
use crate::pipeline::output::filename;
use crate::pipeline::output::{check_target, write_atomic, write_sources};
use crate::pipeline::{Checked, load_and_check};
use crate::renditions::pdf::{Typesetter, Typesetting};

/// What `build` needs to know.
#[derive(Debug, Clone)]
pub struct BuildConfig {
    /// The plan folder; `None` for the embedded reference plan.
    pub plan: Option<PathBuf>,
    /// Where the PDF goes (default: `{연도}-{지자체}-연차별세부계획.pdf`).
    pub output: Option<PathBuf>,
    /// Where to also write the generated Typst sources, if anywhere.
    pub emit_typst: Option<PathBuf>,
    /// Templates and fonts.
    pub typesetting: Typesetting,
    /// Fail (exit 2, no PDF) when the validator finds arithmetic warnings.
    pub deny_warnings: bool,
}

/// What a successful build produced.
#[derive(Debug, Clone)]
pub struct BuildReport {
    /// The PDF written.
    pub output: PathBuf,
    /// Number of pages.
    pub pages: usize,
    /// PDF size in bytes.
    pub bytes: usize,
    /// Typst warnings, formatted.
    pub warnings: Option<String>,
    /// The validator's warnings (figures that break the plan's arithmetic).
    pub findings: Vec<Finding>,
}

/// Runs the whole pipeline.
pub fn build(config: &BuildConfig) -> Result<BuildReport, Error> {
    build_plan_with(config, |default| {
        Ok(config
            .output
            .clone()
            .unwrap_or_else(|| default.to_path_buf()))
    })
}

/// Runs the whole pipeline, asking `output` where the PDF goes once the plan is read (it
/// gets the default name, `{연도}-{지자체}-연차별세부계획.pdf`); an `Err` from it stops the
/// build.
pub fn build_plan_with(
    config: &BuildConfig,
    output: impl FnOnce(&Path) -> Result<PathBuf, Error>,
) -> Result<BuildReport, Error> {
    let Checked {
        plan,
        warnings: findings,
        ..
    } = load_and_check(config.plan.as_deref())?;
    if config.deny_warnings && !findings.is_empty() {
        return Err(Error::Warnings(findings));
    }
    let output = output(&PathBuf::from(filename::of_plan(&plan, "pdf")))?;
    check_target(&output)?;
    let mut typesetter = Typesetter::new(&config.typesetting)?;
    let rendered = typesetter.render(&plan)?;
    if let Some(dir) = &config.emit_typst {
        write_sources(dir, &rendered.files)?;
    }
    let compiled = typesetter.compile(&plan, &rendered)?;
    write_atomic(&output, &compiled.pdf)?;
    Ok(BuildReport {
        output,
        pages: compiled.pages,
        bytes: compiled.pdf.len(),
        warnings: compiled.warnings,
        findings,
    })
}
