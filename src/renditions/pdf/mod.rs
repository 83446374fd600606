//! PDF: the plan typeset through Typst with one setup ([`Typesetter`]: the fonts loaded once
//! into a Typst world, and the templates) that build, watch, publish and diff all use. Its
//! machinery, in the order a plan goes through it: [`source`] (templates → Typst sources,
//! with the escaper and the review marks), [`fonts`] and [`world`] (what Typst reads),
//! [`compile`] (layout and the PDF bytes); then the page previews ([`preview`]), the studio's
//! SVG pages ([`svg`]), and the review PDF and page comparison of `gongsi diff` ([`overlay`],
//! [`review`], [`pages`]).

pub mod compile;
pub mod fonts;
pub mod landing;
pub mod overlay;
pub mod pages;
pub mod preview;
pub mod review;
pub mod screen;
pub mod source;
pub mod svg;
pub mod world;

use std::path::{Path, PathBuf};

use typst::diag::Warned;
use typst::foundations::Datetime;
use typst_layout::PagedDocument;

use crate::model::error::Error;
use crate::model::plan::Plan;
use crate::renditions::pdf::compile::{Compiled, compile_pdf, describe};
use crate::renditions::pdf::fonts::font_store;
use crate::renditions::pdf::source::{Rendered, render};
use crate::renditions::pdf::world::PlanWorld;

/// How to typeset (조판 설정), the same for every command that typesets: the folder whose
/// templates override the built-in ones (`--templates`) and extra font folders
/// (`--font-path`).
#[derive(Debug, Clone, Default)]
pub struct Typesetting {
    /// `--templates`: templates here replace the built-in ones of the same file name.
    pub templates: Option<PathBuf>,
    /// `--font-path`: extra font folders.
    pub font_paths: Vec<PathBuf>,
}

/// One typesetting setup: the fonts read once into a Typst world that can typeset many
/// plans (watch keeps it between rebuilds), and the templates to render them with.
pub struct Typesetter {
    world: PlanWorld,
    templates: Option<PathBuf>,
}

impl Typesetter {
    /// Reads the fonts (built-in and `--font-path`) into a new world.
    pub fn new(settings: &Typesetting) -> Result<Self, Error> {
        Ok(Typesetter {
            world: PlanWorld::new(font_store(&settings.font_paths)?),
            templates: settings.templates.clone(),
        })
    }

    /// The `--templates` folder, if any.
    pub fn templates(&self) -> Option<&Path> {
        self.templates.as_deref()
    }

    /// The plan rendered through the templates into Typst sources.
    pub fn render(&self, plan: &Plan) -> Result<Rendered, Error> {
        render(plan, self.templates())
    }

    /// The rendered sources of `plan` compiled to a PDF (PDF/UA-1 and PDF/A-2a).
    pub fn compile(&mut self, plan: &Plan, rendered: &Rendered) -> Result<Compiled, Error> {
        let date = plan_date(plan);
        self.world.set_sources(&rendered.files);
        self.world.set_today(date);
        compile_pdf(
            &self.world,
            rendered,
            date,
            &format!("gongsi/{}/{}", plan.district, plan.year),
        )
    }

    /// Rendering and compiling together.
    pub fn typeset(&mut self, plan: &Plan) -> Result<(Rendered, Compiled), Error> {
        let rendered = self.render(plan)?;
        let compiled = self.compile(plan, &rendered)?;
        Ok((rendered, compiled))
    }

    /// The pages of `files` (rendered sources of `plan`, as `rendered` names their
    /// templates) laid out, without writing a PDF: for page images.
    pub fn lay_out(
        &mut self,
        plan: &Plan,
        files: &[(String, String)],
        rendered: &Rendered,
    ) -> Result<PagedDocument, Error> {
        self.world.set_sources(files);
        self.world.set_today(plan_date(plan));
        let Warned { output, .. } = typst::compile::<PagedDocument>(&self.world);
        output.map_err(|errors| Error::Typst(describe(&self.world, rendered, &errors)))
    }

    /// A document of its own (`files`, `main.typ` first) laid out in this world with the
    /// plan's fonts: the HWPX's figure pictures. `None` when Typst cannot lay it out.
    pub fn lay_out_sources(&mut self, files: &[(String, String)]) -> Option<PagedDocument> {
        self.world.set_sources(files);
        typst::compile::<PagedDocument>(&self.world).output.ok()
    }
}

/// The plan's date as a Typst date (the PDF's creation date and `datetime.today()`).
pub fn plan_date(plan: &Plan) -> Option<Datetime> {
    let [year, month, day] = plan.date_ymd;
    Datetime::from_ymd(
        year as i32,
        u8::try_from(month).ok()?,
        u8::try_from(day).ok()?,
    )
}
