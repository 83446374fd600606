//! 조판 일꾼 (builder): the one thread that reads, checks and lays out the open plan, the same
//! way `build` does (load → check → plan model → templates → Typst layout), names each page
//! by the hash of its layout (a page that did not change keeps its name and the images drawn
//! of it; a page is drawn when a tab asks for it) and publishes the whole new state at once. A build whose files changed
//! while it read them publishes nothing (the save that changed them starts the next build),
//! so no tab ever shows a half-saved plan. The files are followed by `watch`'s own loop
//! ([`crate::commands::watch::follow_plan`]) on a thread of their own.

use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, mpsc};
use std::thread::JoinHandle;
use std::time::Instant;

use tokio::sync::watch;

use crate::commands::studio::findings::spots_of;
use crate::commands::studio::state::{FindingView, HeadingView, PageView, Snapshot};
use crate::commands::studio::timing::{Laps, epoch_ms};
use crate::commands::watch::{Change, Followed, follow_plan};
use crate::model::error::Error;
use crate::pipeline::output::filename;
use crate::pipeline::{Checked, load_and_check};
use crate::renditions::pdf::svg::{headings, page_key};
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

/// The builder's own state: one long-lived Typst world, the open plan, the pages laid out.
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
            let job_at = epoch_ms();
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
                self.build(job_at);
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
    fn build(&mut self, job_at: f64) {
        let Some(plan) = self.plan.clone() else {
            return;
        };
        let started = Instant::now();
        let mut laps = Laps::start(job_at);
        let built = self.lay_out(&plan, &mut laps);
        match built {
            Ok(Some(built)) => {
                let took = started.elapsed().as_millis() as u64;
                let timing = laps.finish();
                self.publish(|s| {
                    s.timing = timing;
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
        // After the state is out, not before: no tab waits for it.
        typst::comemo::evict(CACHE_BUILDS);
    }

    fn fail(&self, error: &Error) {
        let errors = FindingView::of_error(error);
        self.publish(|s| s.errors = errors);
    }

    /// Read, check, lay out: `None` when a file of the plan changed meanwhile.
    fn lay_out(&mut self, path: &Path, laps: &mut Laps) -> Result<Option<Built>, Error> {
        let Checked {
            plan,
            findings,
            read,
            written,
        } = load_and_check(Some(path))?;
        laps.lap("load_check");
        let rendered = self.typesetter.render(&plan)?;
        laps.lap("templates");
        let document = self.typesetter.lay_out(&plan, &rendered.files, &rendered)?;
        laps.lap("typst");
        // A page whose layout did not change keeps its view (and the images drawn of it).
        let mut fresh = 0;
        let views: Vec<(u128, Arc<PageView>)> = document
            .pages()
            .iter()
            .map(|page| {
                let key = page_key(page);
                let kept = self.drawn.get(&key).cloned().unwrap_or_else(|| {
                    fresh += 1;
                    Arc::new(view(page))
                });
                (key, kept)
            })
            .collect();
        laps.drawn(fresh);
        laps.lap("pages");
        if read.unchanged().is_err() {
            return Ok(None);
        }
        laps.lap("unchanged");
        let pages = views.iter().map(|(_, view)| view.clone()).collect();
        self.drawn = views.into_iter().collect();
        let headings = headings(&document);
        laps.lap("headings");
        let found = spots_of(&findings, &written, &document, &headings);
        laps.lap("spots");
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

/// A laid-out page as the studio shows it, named by the hash of its layout.
pub(crate) fn view(page: &typst_layout::Page) -> PageView {
    PageView::new(format!("{:032x}", page_key(page)), page.clone())
}
