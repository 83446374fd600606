//! `gongsi build`: the pipeline as named steps — load → check → plan → render → compile →
//! write — for one plan, as a PDF or as a 한글 document (HWPX, [`Rendition`]).

use std::path::{Path, PathBuf};

use crate::model::error::Error;
use crate::model::plan::Plan;
use crate::model::problem::Finding;
use crate::pipeline::output::filename;
use crate::pipeline::output::{check_target, write_atomic, write_sources};
use crate::pipeline::{Checked, FilesRead, load_and_check};
use crate::renditions::hwpx::{drawings, fonts, pagination, render_hwpx_paginated};
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
    /// `--to`: the document to write when `output` does not say it by its extension.
    pub to: Option<Rendition>,
}

/// The document a build writes: the PDF, or the 한글 document (HWPX,
/// [`crate::renditions::hwpx`]).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Rendition {
    /// PDF (Typst).
    Pdf,
    /// HWPX (한글).
    Hwpx,
}

impl Rendition {
    /// The file extension.
    pub fn extension(self) -> &'static str {
        match self {
            Rendition::Pdf => "pdf",
            Rendition::Hwpx => "hwpx",
        }
    }

    /// The rendition of a build: the extension of `output` (`.pdf`, `.hwpx`), else `to`, else
    /// the PDF. An extension that says otherwise than `to` is refused.
    pub fn choose(output: Option<&Path>, to: Option<Rendition>) -> Result<Rendition, Error> {
        let by_name = output
            .and_then(|o| o.extension())
            .and_then(|e| e.to_str())
            .and_then(|e| match e.to_ascii_lowercase().as_str() {
                "pdf" => Some(Rendition::Pdf),
                "hwpx" => Some(Rendition::Hwpx),
                _ => None,
            });
        match (by_name, to) {
            (Some(named), Some(asked)) if named != asked => Err(Error::usage(
                format!(
                    "-o의 확장자(.{})와 --to {}가 다릅니다.",
                    named.extension(),
                    asked.extension()
                ),
                "둘 중 하나만 주거나, 같은 형식을 주세요.",
            )),
            (Some(named), _) => Ok(named),
            (None, Some(asked)) => Ok(asked),
            (None, None) => Ok(Rendition::Pdf),
        }
    }
}

/// What a successful build produced.
#[derive(Debug, Clone)]
pub struct BuildReport {
    /// The PDF written.
    pub output: PathBuf,
    /// Number of pages; `None` for an HWPX, which has no pages of its own (한글 lays them out).
    pub pages: Option<usize>,
    /// PDF size in bytes.
    pub bytes: usize,
    /// Typst's own warnings about the typesetting, formatted (none for an HWPX).
    pub typst_warnings: Option<String>,
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
    // The fonts first: a `--font-path` font may print a character the embedded ones lack,
    // which the plan's check then accepts.
    let mut typesetter = Typesetter::new(&config.typesetting)?;
    let Checked {
        plan,
        findings,
        read,
        ..
    } = load_and_check(config.plan.as_deref())?;
    if config.deny_warnings && !findings.is_empty() {
        return Err(Error::Warnings(findings));
    }
    let rendition = Rendition::choose(config.output.as_deref(), config.to)?;
    let output = output(&PathBuf::from(filename::of_plan(
        &plan,
        rendition.extension(),
    )))?;
    check_target(&output)?;
    if rendition == Rendition::Hwpx {
        return build_hwpx(config, typesetter, &plan, &read, findings, output);
    }
    let rendered = typesetter.render(&plan)?;
    if let Some(dir) = &config.emit_typst {
        write_sources(dir, &rendered.files)?;
    }
    let compiled = typesetter.compile(&plan, &rendered)?;
    read.unchanged()?;
    write_atomic(&output, &compiled.pdf)?;
    Ok(BuildReport {
        output,
        pages: Some(compiled.pages),
        bytes: compiled.pdf.len(),
        typst_warnings: compiled.warnings,
        findings,
    })
}

/// The HWPX rendition: the plan model written as a 한글 document, its charts and diagrams
/// drawn by the PDF's own layout ([`drawings`]).
fn build_hwpx(
    config: &BuildConfig,
    typesetter: Typesetter,
    plan: &Plan,
    read: &FilesRead,
    findings: Vec<Finding>,
    output: PathBuf,
) -> Result<BuildReport, Error> {
    if config.typesetting.templates.is_some() || config.emit_typst.is_some() {
        return Err(Error::usage(
            "HWPX 판에는 --templates와 --emit-typst를 쓸 수 없습니다.",
            "HWPX 판은 Typst 템플릿 없이 계획 모델에서 바로 만듭니다.",
        ));
    }
    // The fonts it carries deflate while the PDF is typeset for its page breaks.
    fonts::deflate_ahead();
    // Its page breaks before tasks as the PDF's.
    let mut typesetter = typesetter;
    let pages = pagination::paginate(&mut typesetter, plan);
    let mut draw = drawings::drawer(typesetter, plan);
    let bytes = render_hwpx_paginated(plan, &mut draw, pages.as_ref());
    read.unchanged()?;
    write_atomic(&output, &bytes)?;
    Ok(BuildReport {
        output,
        pages: None,
        bytes: bytes.len(),
        typst_warnings: None,
        findings,
    })
}
