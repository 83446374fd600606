//! 조판 일꾼 (builder): the one thread that reads, checks and lays out the open plan, the same
//! way `build` does (load → check → plan model → templates → Typst layout), draws the pages
//! that changed as SVG and publishes the whole new state at once. A build whose files changed
//! while it read them publishes nothing (the save that changed them starts the next build),
//! so no tab ever shows a half-saved plan. The files are followed by `watch`'s own loop
//! ([`crate::commands::watch::follow_plan`]) on a thread of their own.

use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, mpsc};
use std::thread::JoinHandle;
use std::time::Instant;

use rayon::prelude::*;
use sha2::{Digest, Sha256};
use tokio::sync::watch;

use crate::commands::studio::findings::spots_of;
use crate::commands::studio::state::{FindingView, HeadingView, PageView, Snapshot};
use crate::commands::watch::{Change, Followed, follow_plan};
use crate::model::error::Error;
use crate::pipeline::output::filename;
use crate::pipeline::{Checked, load_and_check};
use crate::renditions::pdf::svg::{headings, page_key, page_svg};
use crate::renditions::pdf::{Typesetter, Typesetting};

/// Typst's memoised results are dropped once unused for this many builds (as `watch` and
/// typst-cli's watch do), so memory stays bounded over a long session.
const CACHE_BUILDS: usize = 10;

/// What the builder is asked to do.
pub enum Job {
    /// Show this plan from now on (a folder or workbook).
    Open(PathBuf),
    /// The plan's files changed: build again.
    Rebuild,
    /// A font changed: read the fonts again, then build.
    Fonts,
    /// End the thread.
    Stop,
}

/// The builder's own state: one long-lived Typst world, the open plan, the pages drawn.
pub struct Builder {
    typesetting: Typesetting,
    typesetter: Typesetter,
    plan: Option<PathBuf>,
    follower: Option<(Arc<AtomicBool>, JoinHandle<()>)>,
    drawn: HashMap<u128, Arc<PageView>>,
    published: watch::Sender<Arc<Snapshot>>,
    jobs: mpsc::Sender<Job>,
}

impl Builder {
    /// A builder publishing to `published`, following files by sending itself `jobs`.
    pub fn new(
        typesetting: Typesetting,
        published: watch::Sender<Arc<Snapshot>>,
        jobs: mpsc::Sender<Job>,
    ) -> Result<Self, Error> {
        Ok(Builder {
            typesetter: Typesetter::new(&typesetting)?,
            typesetting,
            plan: None,
            follower: None,
            drawn: HashMap::new(),
            published,
            jobs,
        })
    }

    /// Does the jobs until [`Job::Stop`] or until every sender is gone. Jobs that queued
    /// up during a build are done together: one build for many saves.
    pub fn run(mut self, jobs: mpsc::Receiver<Job>) {
        while let Ok(job) = jobs.recv() {
            let (mut build, mut fonts) = (false, false);
            for job in std::iter::once(job).chain(jobs.try_iter()) {
                match job {
                    Job::Stop => {
                        self.stop_following();
                        return;
                    }
                    Job::Open(plan) => self.open(plan),
                    Job::Rebuild => build = true,
                    Job::Fonts => (build, fonts) = (true, true),
                }
            }
            if fonts && let Err(error) = self.reload_fonts() {
                self.fail(&error);
                continue;
            }
            if build {
                self.build();
            }
        }
        self.stop_following();
    }

    fn reload_fonts(&mut self) -> Result<(), Error> {
        self.typesetter = Typesetter::new(&self.typesetting)?;
        self.drawn.clear();
        Ok(())
    }

    /// Follows `plan`'s files instead of the last plan's, and clears the pages shown.
    fn open(&mut self, plan: PathBuf) {
        self.stop_following();
        self.drawn.clear();
        self.publish(|s| {
            *s = Snapshot {
                source: Some(plan.display().to_string()),
                can_open: s.can_open,
                ..Snapshot::default()
            }
        });
        let stop = Arc::new(AtomicBool::new(false));
        let (flag, jobs, typesetting) = (stop.clone(), self.jobs.clone(), self.typesetting.clone());
        let followed = plan.clone();
        let thread = std::thread::spawn(move || {
            let send = |job| {
                let _ = jobs.send(job);
            };
            let outcome = follow_plan(
                &followed,
                &typesetting,
                &|| flag.load(Ordering::SeqCst),
                &mut |event| match event {
                    Followed::Started | Followed::Changed(Change::Data) => send(Job::Rebuild),
                    Followed::Changed(Change::Font) => send(Job::Fonts),
                    Followed::Failed(_) => {}
                },
            );
            // Not watched (a folder gone, too many folders): build once, which says why.
            if outcome.is_err() {
                send(Job::Rebuild);
            }
        });
        self.plan = Some(plan);
        self.follower = Some((stop, thread));
    }

    fn stop_following(&mut self) {
        if let Some((stop, thread)) = self.follower.take() {
            stop.store(true, Ordering::SeqCst);
            let _ = thread.join();
        }
    }

    /// Builds the open plan and publishes its pages, or its errors over the last pages.
    fn build(&mut self) {
        let Some(plan) = self.plan.clone() else {
            return;
        };
        let started = Instant::now();
        let built = self.lay_out(&plan);
        typst::comemo::evict(CACHE_BUILDS);
        match built {
            Ok(Some(built)) => {
                let took = started.elapsed().as_millis() as u64;
                self.publish(|s| {
                    s.title = Some(built.title);
                    s.stem = Some(built.stem);
                    s.pages = built.pages;
                    s.headings = built.headings;
                    s.findings = built.findings;
                    s.errors = Vec::new();
                    s.took_ms = took;
                });
            }
            // A file changed while it was read: its save starts the next build.
            Ok(None) => {}
            Err(error) => self.fail(&error),
        }
    }

    fn fail(&self, error: &Error) {
        let errors = FindingView::of_error(error);
        self.publish(|s| s.errors = errors);
    }

    /// Read, check, lay out, draw: `None` when a file of the plan changed meanwhile.
    fn lay_out(&mut self, path: &Path) -> Result<Option<Built>, Error> {
        let Checked {
            plan,
            findings,
            read,
            written,
        } = load_and_check(Some(path))?;
        let rendered = self.typesetter.render(&plan)?;
        let document = self.typesetter.lay_out(&plan, &rendered.files, &rendered)?;
        let keys: Vec<u128> = document.pages().iter().map(page_key).collect();
        let missing: Vec<(u128, &typst_layout::Page)> = keys
            .iter()
            .zip(document.pages())
            .filter(|(key, _)| !self.drawn.contains_key(key))
            .map(|(key, page)| (*key, page))
            .collect();
        let fresh: Vec<(u128, Arc<PageView>)> = missing
            .par_iter()
            .map(|(key, page)| (*key, Arc::new(view(page))))
            .collect();
        let mut drawn: HashMap<u128, Arc<PageView>> = fresh.into_iter().collect();
        for key in &keys {
            if let Some(page) = self.drawn.get(key) {
                drawn.insert(*key, page.clone());
            }
        }
        if read.unchanged().is_err() {
            return Ok(None);
        }
        let pages = keys.iter().map(|k| drawn[k].clone()).collect();
        self.drawn = drawn;
        let headings = headings(&document);
        let found = spots_of(&findings, &written, &document, &headings);
        Ok(Some(Built {
            title: format!("{} {}", plan.year, plan.district),
            stem: filename::of_plan(&plan, ""),
            pages,
            headings: headings.iter().map(HeadingView::from).collect(),
            findings: findings
                .iter()
                .zip(found)
                .map(|(f, spot)| FindingView::of_finding(f, spot))
                .collect(),
        }))
    }

    /// Changes the state and publishes it whole, with the next version number.
    fn publish(&self, change: impl FnOnce(&mut Snapshot)) {
        let current = self.published.borrow().clone();
        let mut next = Snapshot::clone(&current);
        change(&mut next);
        next.version = current.version + 1;
        self.published.send_replace(Arc::new(next));
    }
}

/// A plan laid out and drawn.
struct Built {
    title: String,
    stem: String,
    pages: Vec<Arc<PageView>>,
    headings: Vec<HeadingView>,
    findings: Vec<FindingView>,
}

/// A page drawn as SVG, named by the SVG's hash.
pub(crate) fn view(page: &typst_layout::Page) -> PageView {
    let drawn = page_svg(page);
    let digest = Sha256::digest(drawn.svg.as_bytes());
    let id = digest.iter().take(16).map(|b| format!("{b:02x}")).collect();
    PageView {
        id,
        svg: drawn.svg.into(),
        width: drawn.width,
        height: drawn.height,
    }
}
