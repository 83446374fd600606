//! The `build` pipeline as named steps: load → check → plan → render → compile → write.

use std::path::{Path, PathBuf};

use typst::foundations::Datetime;

use crate::model::error::Error;
use crate::model::plan::Plan;
use crate::model::problem::Finding;
use crate::pipeline::check::refuse_errors;
use crate::pipeline::compile::compile_pdf;
use crate::pipeline::compile::world::PlanWorld;
use crate::pipeline::fonts::font_store;
use crate::pipeline::load::{load_plan, reference_plan};
use crate::pipeline::output::filename;
use crate::pipeline::output::{write_atomic, write_sources};
use crate::pipeline::plan::build_plan;
use crate::pipeline::render::{Rendered, render};

/// What `build` needs to know.
#[derive(Debug, Clone)]
pub struct BuildConfig {
    /// The plan folder; `None` for the embedded reference plan.
    pub plan: Option<PathBuf>,
    /// Where the PDF goes (default: [`default_output`]).
    pub output: Option<PathBuf>,
    /// Where to also write the generated Typst sources, if anywhere.
    pub emit_typst: Option<PathBuf>,
    /// Folder whose templates override the built-in ones.
    pub templates: Option<PathBuf>,
    /// Extra font folders.
    pub font_paths: Vec<PathBuf>,
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
/// gets the default name, [`default_output`]); an `Err` from it stops the build.
pub fn build_plan_with(
    config: &BuildConfig,
    output: impl FnOnce(&Path) -> Result<PathBuf, Error>,
) -> Result<BuildReport, Error> {
    let (plan, findings) = load_and_validate(config.plan.as_deref())?;
    if config.deny_warnings && !findings.is_empty() {
        return Err(Error::Warnings(findings));
    }
    let output = output(&default_output(&plan))?;
    crate::pipeline::output::check_target(&output)?;
    let rendered = render(&plan, config.templates.as_deref())?;
    if let Some(dir) = &config.emit_typst {
        write_sources(dir, &rendered.files)?;
    }
    let mut world = PlanWorld::new(font_store(&config.font_paths)?);
    let compiled = compile(&mut world, &plan, &rendered)?;
    write_atomic(&output, &compiled.pdf)?;
    Ok(BuildReport {
        output,
        pages: compiled.pages,
        bytes: compiled.pdf.len(),
        warnings: compiled.warnings,
        findings,
    })
}

/// Steps 1–3: load the plan folder (or the embedded reference plan), check it, and compute
/// the plan model.
pub fn load_and_check(folder: Option<&Path>) -> Result<Plan, Error> {
    load_and_validate(folder).map(|(plan, _)| plan)
}

/// Steps 1–3 with the validator's verdict: errors stop the build ([`Error::Input`]);
/// arithmetic warnings come back with the plan, which renders the figures as written.
pub fn load_and_validate(folder: Option<&Path>) -> Result<(Plan, Vec<Finding>), Error> {
    let source = match folder {
        Some(folder) => load_plan(folder)?,
        None => reference_plan()?,
    };
    let warnings = refuse_errors(&source).map_err(Error::Input)?;
    Ok((build_plan(&source), warnings))
}

/// Step 5: compile rendered sources in a (possibly long-lived) world.
pub fn compile(
    world: &mut PlanWorld,
    plan: &Plan,
    rendered: &Rendered,
) -> Result<crate::pipeline::compile::Compiled, Error> {
    let date = plan_date(plan);
    world.set_sources(&rendered.files);
    world.set_today(date);
    compile_pdf(
        world,
        rendered,
        date,
        &format!("gongsi/{}/{}", plan.district, plan.year),
    )
}

/// The default output name: `{연도}-{지자체}-연차별세부계획.pdf` (see [`filename`]).
pub fn default_output(plan: &Plan) -> PathBuf {
    PathBuf::from(filename::document(plan.year, &plan.district, "pdf"))
}

/// The plan's date as a Typst date.
pub fn plan_date(plan: &Plan) -> Option<Datetime> {
    let [year, month, day] = plan.date_ymd;
    Datetime::from_ymd(
        year as i32,
        u8::try_from(month).ok()?,
        u8::try_from(day).ok()?,
    )
}
