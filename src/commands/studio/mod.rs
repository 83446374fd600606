//! `gongsi studio`: the plan in the browser (스튜디오). A small web server on the loopback
//! address shows the plan's pages as the PDF will be, the findings of `check` beside them,
//! and follows the plan's files: a save redraws only the pages that changed. Staff who do not
//! use a terminal open a plan folder or drop a workbook, and download the PDF, the 한글 file,
//! the workbook and the website folder made by the commands' own functions.
//!
//! The parts: [`guard`] (who may use it: Host, secret, Origin), [`routes`] (the addresses and
//! what they answer), [`actions`] (the requests that change something), [`shared`] (what
//! the handlers share), [`builder`] (the one thread that builds, as `build` does), [`state`]
//! (what every tab shows, replaced whole), [`timing`] (its stages, for the benchmark), [`findings`] (where on a page a finding is),
//! [`uploads`] (workbooks from the browser), [`starting`] (`init`'s and `new`'s plans), [`compare`] (an earlier draft against the plan
//! shown, by `diff`), [`downloads`] (the files, from the commands), [`assets`] (the page
//! itself, in the binary).

pub mod actions;
pub mod assets;
pub mod builder;
pub mod compare;
pub mod downloads;
pub mod drafts;
pub mod findings;
pub mod guard;
pub mod query;
pub mod routes;
pub mod shared;
pub mod starting;
pub mod state;
pub mod timing;
pub mod uploads;

use std::net::{Ipv4Addr, SocketAddr};
use std::path::PathBuf;
use std::sync::{Arc, mpsc};

use tokio::sync::watch;

use crate::commands::studio::builder::{Builder, Job};
use crate::commands::studio::guard::{Guard, new_token};
use crate::commands::studio::shared::Shared;
use crate::commands::studio::state::Snapshot;
use crate::commands::watch::plan_exists;
use crate::model::error::Error;
use crate::renditions::pdf::Typesetting;

/// What `studio` needs to know.
#[derive(Debug, Clone)]
pub struct StudioConfig {
    /// The plan to show; without one, the page offers to open one.
    pub plan: Option<PathBuf>,
    /// Templates and fonts.
    pub typesetting: Typesetting,
    /// The port to listen on; 0 for any free one.
    pub port: u16,
}

/// What happened, for the caller to show.
pub enum StudioEvent<'a> {
    /// Listening; this is the address to open (with the run's secret).
    Listening(&'a str),
    /// Stopping (Ctrl-C).
    Stopping,
}

/// Serves the studio until Ctrl-C. `Err` when it cannot start (the plan is not there, the
/// port is taken, the fonts cannot be read).
pub fn run(config: StudioConfig, on: &mut dyn FnMut(StudioEvent)) -> Result<(), Error> {
    if let Some(plan) = &config.plan {
        plan_exists(plan)?;
    }
    let runtime = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .map_err(|e| Error::Internal(format!("비동기 실행기를 만들 수 없습니다: {e}")))?;
    runtime.block_on(serve(config, on))
}

async fn serve(config: StudioConfig, on: &mut dyn FnMut(StudioEvent<'_>)) -> Result<(), Error> {
    let wanted = SocketAddr::from((Ipv4Addr::LOCALHOST, config.port));
    let listener = tokio::net::TcpListener::bind(wanted)
        .await
        .map_err(|e| listen_error(wanted, e))?;
    let address = listener.local_addr().map_err(|e| listen_error(wanted, e))?;
    let token =
        new_token().map_err(|e| Error::Internal(format!("비밀 열쇠를 만들 수 없습니다: {e}")))?;
    let guard = Guard::new(address, token);
    let (published, state) = watch::channel(Arc::new(Snapshot {
        can_open: config.plan.is_none(),
        ..Snapshot::default()
    }));
    let (jobs, queue) = mpsc::channel();
    let builder = Builder::new(config.typesetting.clone(), published, jobs.clone())?;
    let worker = std::thread::spawn(move || builder.run(queue));
    if let Some(plan) = &config.plan {
        let _ = jobs.send(Job::Open(plan.clone()));
    }
    let (stopping, stopped) = watch::channel(false);
    let shared = Arc::new(Shared::new(
        guard.clone(),
        config.plan.clone(),
        config.typesetting.clone(),
        state,
        jobs.clone(),
        stopped,
    )?);
    on(StudioEvent::Listening(&guard.opening_url()));
    let app = routes::router(shared);
    let shutdown = async move {
        let _ = tokio::signal::ctrl_c().await;
        let _ = stopping.send(true);
    };
    let served = axum::serve(listener, app)
        .with_graceful_shutdown(shutdown)
        .await;
    on(StudioEvent::Stopping);
    let _ = jobs.send(Job::Stop);
    let _ = worker.join();
    served.map_err(|e| listen_error(address, e))
}

fn listen_error(address: SocketAddr, error: std::io::Error) -> Error {
    Error::usage(
        format!(
            "스튜디오를 {address}에서 열 수 없습니다: {}",
            crate::model::error::io_reason(&error)
        ),
        "다른 프로그램이 그 포트를 쓰고 있으면 --port를 빼거나 다른 번호를 주세요.",
    )
}
