//! 함께 쓰는 것 (shared): what every handler of the studio shares — the guard, the state
//! published by the builder, the plan shown, the studio's own temporary folder — and the
//! two ways they answer (a Korean refusal, a text asset).

use std::path::PathBuf;
use std::sync::{Arc, Mutex, mpsc};

use axum::http::{StatusCode, header};
use axum::response::{IntoResponse, Response};
use tokio::sync::watch;

use crate::commands::studio::builder::Job;
use crate::commands::studio::drafts::Drafts;
use crate::commands::studio::guard::Guard;
use crate::commands::studio::state::{PageView, Snapshot};
use crate::model::error::Error;
use crate::renditions::pdf::Typesetting;

/// Why a studio started with a plan opens or makes no other.
pub const ONLY_GIVEN: &str =
    "이 스튜디오는 시작할 때 준 계획만 보입니다. 다른 계획은 gongsi studio <계획>으로 여세요.";

/// The longest plan path the page may send, in bytes.
pub const PATH_BYTES: usize = 4096;

/// What every handler shares.
pub struct Shared {
    /// Who may use the studio.
    pub guard: Guard,
    /// The state the builder publishes.
    pub state: watch::Receiver<Arc<Snapshot>>,
    /// The builder's jobs.
    pub jobs: Mutex<mpsc::Sender<Job>>,
    /// Becomes `true` when the studio stops (server-sent events end).
    pub stopped: watch::Receiver<bool>,
    /// Templates and fonts, for the files made on request.
    pub typesetting: Typesetting,
    /// The plan shown: the one given, the one opened, or the workbook uploaded.
    pub plan: Mutex<Option<PathBuf>>,
    /// The folder the studio was started in, where new plans are written.
    pub home: PathBuf,
    /// The drafts compared, each with its redlined pages, by number.
    pub drafts: Mutex<Drafts>,
    /// Whether the page may open another plan (none was given).
    pub can_open: bool,
    /// The studio's own folder (uploads, downloads being made); removed at the end.
    pub scratch: tempfile::TempDir,
    pub uploads: Mutex<u32>,
}

impl Shared {
    /// The shared state of one studio.
    pub fn new(
        guard: Guard,
        plan: Option<PathBuf>,
        typesetting: Typesetting,
        state: watch::Receiver<Arc<Snapshot>>,
        jobs: mpsc::Sender<Job>,
        stopped: watch::Receiver<bool>,
    ) -> Result<Self, Error> {
        let scratch = tempfile::Builder::new()
            .prefix("gongsi-studio-")
            .tempdir()
            .map_err(|e| Error::io("임시 폴더 만들기", &std::env::temp_dir(), e))?;
        Ok(Shared {
            guard,
            state,
            jobs: Mutex::new(jobs),
            stopped,
            typesetting,
            can_open: plan.is_none(),
            plan: Mutex::new(plan),
            scratch,
            drafts: Mutex::new(Drafts::default()),
            home: std::env::current_dir()
                .map_err(|e| Error::io("현재 폴더 읽기", std::path::Path::new("."), e))?,
            uploads: Mutex::new(0),
        })
    }

    /// Shows `plan` from now on.
    pub fn open(&self, plan: PathBuf) {
        *self.plan.lock().expect("plan lock") = Some(plan.clone());
        let _ = self.jobs.lock().expect("jobs lock").send(Job::Open(plan));
    }

    /// The plan shown.
    pub fn plan(&self) -> Option<PathBuf> {
        self.plan.lock().expect("plan lock").clone()
    }

    /// A page of the plan shown or of a kept comparison's redlined ones, by its id.
    pub fn page(&self, id: &str) -> Option<Arc<PageView>> {
        if let Some(page) = self.state.borrow().page(id) {
            return Some(page.clone());
        }
        self.drafts.lock().expect("drafts lock").page(id)
    }

    /// The draft a tab compared under `number` (with none, the last one compared).
    pub fn draft(&self, number: Option<u32>) -> Option<PathBuf> {
        self.drafts.lock().expect("drafts lock").path(number)
    }
}

/// A refusal: the status and a Korean sentence.
pub fn refused(status: StatusCode, reason: &str) -> Response {
    (
        status,
        [(header::CONTENT_TYPE, "text/plain; charset=utf-8")],
        reason.to_string(),
    )
        .into_response()
}

pub fn asset(media: &'static str, body: String) -> Response {
    let media = format!("{media}; charset=utf-8");
    ([(header::CONTENT_TYPE, media)], body).into_response()
}
