//! 주소 (routes): what the studio answers at each address. No address is ever turned into a
//! file path: pages are asked for by the hash of their SVG, downloads by a fixed name, and
//! the only path that reaches the file system is the plan path the user typed (accepted
//! only when the studio was started without one, and read through the same loading as the
//! commands). Every request first passes the [`guard`](super::guard).

use std::path::PathBuf;
use std::sync::{Arc, Mutex, mpsc};

use axum::Router;
use axum::body::{Body, to_bytes};
use axum::extract::{Path as UrlPath, Query, Request, State};
use axum::http::{HeaderMap, HeaderValue, Method, StatusCode, header};
use axum::middleware::{self, Next};
use axum::response::sse::{Event, KeepAlive, Sse};
use axum::response::{IntoResponse, Response};
use axum::routing::{get, post};
use futures_util::Stream;
use tokio::sync::watch;

use crate::commands::studio::assets;
use crate::commands::studio::builder::Job;
use crate::commands::studio::compare::compare_drafts;
use crate::commands::studio::downloads::{self, Download};
use crate::commands::studio::guard::{Asked, Guard, Verdict};
use crate::commands::studio::starting::{Starter, next_year, start};
use crate::commands::studio::state::Snapshot;
use crate::commands::studio::uploads::receive;
use crate::model::error::Error;
use crate::model::typeface;
use crate::renditions::pdf::Typesetting;

/// Why a studio started with a plan opens or makes no other.
const ONLY_GIVEN: &str =
    "이 스튜디오는 시작할 때 준 계획만 보입니다. 다른 계획은 gongsi studio <계획>으로 여세요.";

/// The longest plan path the page may send, in bytes.
const PATH_BYTES: usize = 4096;

/// What every handler shares.
pub struct Shared {
    guard: Guard,
    state: watch::Receiver<Arc<Snapshot>>,
    jobs: Mutex<mpsc::Sender<Job>>,
    stopped: watch::Receiver<bool>,
    typesetting: Typesetting,
    /// The plan shown: the one given, the one opened, or the workbook uploaded.
    plan: Mutex<Option<PathBuf>>,
    /// The folder the studio was started in, where new plans are written.
    home: PathBuf,
    /// The earlier draft last compared with (for the review PDF).
    compared_with: Mutex<Option<PathBuf>>,
    /// Whether the page may open another plan (none was given).
    can_open: bool,
    /// The studio's own folder (uploads, downloads being made); removed at the end.
    scratch: tempfile::TempDir,
    uploads: Mutex<u32>,
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
            compared_with: Mutex::new(None),
            home: std::env::current_dir()
                .map_err(|e| Error::io("현재 폴더 읽기", std::path::Path::new("."), e))?,
            uploads: Mutex::new(0),
        })
    }

    fn open(&self, plan: PathBuf) {
        *self.plan.lock().expect("plan lock") = Some(plan.clone());
        let _ = self.jobs.lock().expect("jobs lock").send(Job::Open(plan));
    }

    fn plan(&self) -> Option<PathBuf> {
        self.plan.lock().expect("plan lock").clone()
    }
}

/// The studio's addresses, behind the guard.
pub fn router(shared: Arc<Shared>) -> Router {
    Router::new()
        .route("/", get(page))
        .route(
            "/studio.css",
            get(|| async { asset("text/css", assets::css()) }),
        )
        .route(
            "/studio.js",
            get(|| async { asset("text/javascript", assets::JS.to_string()) }),
        )
        .route("/font/{weight}", get(font))
        // Browsers ask for an icon by themselves; there is none.
        .route("/favicon.ico", get(|| async { StatusCode::NO_CONTENT }))
        .route("/state", get(state))
        .route("/events", get(events))
        .route("/page/{id}", get(page_svg))
        .route("/open", post(open))
        .route("/upload", post(upload))
        .route("/init", post(start_plan))
        .route("/next-year", post(next_year_plan))
        .route("/compare", post(compare_path))
        .route("/compare-upload", post(compare_upload))
        .route("/download/{kind}", get(download))
        .fallback(not_found)
        .layer(middleware::from_fn_with_state(shared.clone(), guard))
        .with_state(shared)
}

/// The guard, and the headers every answer carries: no framing, no sniffing, no referrer
/// (the opened address holds the secret), nothing from elsewhere.
async fn guard(State(shared): State<Arc<Shared>>, request: Request, next: Next) -> Response {
    let headers = request.headers();
    let text = |name| {
        headers
            .get(name)
            .and_then(|v: &HeaderValue| v.to_str().ok())
    };
    let cookies: Vec<&str> = headers
        .get_all(header::COOKIE)
        .iter()
        .filter_map(|v| v.to_str().ok())
        .collect();
    let cookies = cookies.join("; ");
    let asked = Asked {
        changes: !matches!(*request.method(), Method::GET | Method::HEAD),
        path: request.uri().path(),
        query: request.uri().query(),
        host: text(header::HOST),
        origin: text(header::ORIGIN),
        cookies: Some(cookies.as_str()),
    };
    let verdict = shared.guard.check(&asked);
    let mut response = match verdict {
        Verdict::Refuse(reason) => refused(StatusCode::FORBIDDEN, reason),
        Verdict::Pass | Verdict::PassAndRemember => next.run(request).await,
    };
    let headers = response.headers_mut();
    if verdict == Verdict::PassAndRemember
        && let Ok(cookie) = HeaderValue::from_str(&shared.guard.set_cookie())
    {
        headers.append(header::SET_COOKIE, cookie);
    }
    secure(headers);
    response
}

fn secure(headers: &mut HeaderMap) {
    let fixed = [
        (header::X_CONTENT_TYPE_OPTIONS, "nosniff"),
        (header::REFERRER_POLICY, "no-referrer"),
        (header::X_FRAME_OPTIONS, "DENY"),
        (
            header::HeaderName::from_static("cross-origin-resource-policy"),
            "same-origin",
        ),
    ];
    for (name, value) in fixed {
        headers.insert(name, HeaderValue::from_static(value));
    }
    headers
        .entry(header::CONTENT_SECURITY_POLICY)
        .or_insert(HeaderValue::from_static(
            "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self'; \
             font-src 'self'; connect-src 'self'; form-action 'none'; frame-ancestors 'none'; \
             base-uri 'none'",
        ));
    headers
        .entry(header::CACHE_CONTROL)
        .or_insert(HeaderValue::from_static("no-store"));
}

/// A refusal: the status and a Korean sentence.
fn refused(status: StatusCode, reason: &str) -> Response {
    (
        status,
        [(header::CONTENT_TYPE, "text/plain; charset=utf-8")],
        reason.to_string(),
    )
        .into_response()
}

fn asset(media: &'static str, body: String) -> Response {
    let media = format!("{media}; charset=utf-8");
    ([(header::CONTENT_TYPE, media)], body).into_response()
}

async fn not_found() -> Response {
    refused(StatusCode::NOT_FOUND, "스튜디오에 그런 주소는 없습니다.")
}

async fn page() -> Response {
    asset("text/html", assets::HTML.to_string())
}

/// The page's typeface, KRDS's Pretendard GOV, from the binary (an office PC may not have it).
async fn font(UrlPath(weight): UrlPath<String>) -> Response {
    let bytes = match weight.as_str() {
        "regular.otf" => typeface::PRETENDARD_REGULAR,
        "bold.otf" => typeface::PRETENDARD_BOLD,
        _ => return not_found().await,
    };
    (
        [
            (header::CONTENT_TYPE, "font/otf"),
            (header::CACHE_CONTROL, "private, max-age=86400"),
        ],
        bytes,
    )
        .into_response()
}

async fn state(State(shared): State<Arc<Shared>>) -> Response {
    let json = shared.state.borrow().to_json();
    asset("application/json", json)
}

/// Server-sent events: the state now, then each new one (a tab that falls behind gets the
/// newest, never a stale one); the stream ends when the studio stops.
async fn events(
    State(shared): State<Arc<Shared>>,
) -> Sse<impl Stream<Item = Result<Event, std::convert::Infallible>>> {
    let start = (shared.state.clone(), shared.stopped.clone(), true);
    let stream =
        futures_util::stream::unfold(start, |(mut state, mut stopped, first)| async move {
            if *stopped.borrow() {
                return None;
            }
            if !first {
                tokio::select! {
                    changed = state.changed() => changed.ok()?,
                    _ = stopped.changed() => return None,
                }
            }
            let json = state.borrow_and_update().to_json();
            let event = Event::default().event("state").data(json);
            Some((Ok(event), (state, stopped, false)))
        });
    Sse::new(stream).keep_alive(KeepAlive::default())
}

/// A page's SVG, by the hash the state names it by.
async fn page_svg(State(shared): State<Arc<Shared>>, UrlPath(id): UrlPath<String>) -> Response {
    let well_formed = id.len() == 32 && id.bytes().all(|b| b.is_ascii_hexdigit());
    let found = well_formed
        .then(|| shared.state.borrow().page(&id).map(|p| p.svg.clone()))
        .flatten();
    let Some(svg) = found else {
        return refused(
            StatusCode::NOT_FOUND,
            "그 쪽은 이제 없습니다 (계획이 바뀌었습니다).",
        );
    };
    (
        [
            (header::CONTENT_TYPE, "image/svg+xml"),
            (header::CACHE_CONTROL, "private, max-age=86400, immutable"),
            (
                header::CONTENT_SECURITY_POLICY,
                "default-src 'none'; style-src 'unsafe-inline'; img-src data:",
            ),
        ],
        svg.to_string(),
    )
        .into_response()
}

/// Opens the plan at the path the user typed (only when the studio was started without one).
async fn open(State(shared): State<Arc<Shared>>, body: Body) -> Response {
    if !shared.can_open {
        return refused(StatusCode::FORBIDDEN, ONLY_GIVEN);
    }
    let Ok(bytes) = to_bytes(body, PATH_BYTES).await else {
        return refused(StatusCode::PAYLOAD_TOO_LARGE, "경로가 너무 깁니다.");
    };
    let typed = String::from_utf8_lossy(&bytes).trim().to_string();
    if typed.is_empty() || typed.contains('\0') {
        return refused(
            StatusCode::BAD_REQUEST,
            "계획 폴더나 통합문서의 경로를 적으세요.",
        );
    }
    let plan = PathBuf::from(typed);
    if let Err(error) = crate::commands::watch::plan_exists(&plan) {
        return refused(StatusCode::NOT_FOUND, &error.to_string());
    }
    shared.open(plan);
    StatusCode::NO_CONTENT.into_response()
}

/// Starts a plan with `init`'s choices (a studio started without a plan).
async fn start_plan(State(shared): State<Arc<Shared>>, body: Body) -> Response {
    if !shared.can_open {
        return refused(StatusCode::FORBIDDEN, ONLY_GIVEN);
    }
    let Ok(bytes) = to_bytes(body, PATH_BYTES).await else {
        return refused(StatusCode::PAYLOAD_TOO_LARGE, "보낸 내용이 너무 깁니다.");
    };
    let Ok(starter) = serde_json::from_slice::<Starter>(&bytes) else {
        return refused(
            StatusCode::BAD_REQUEST,
            "지자체 이름, 연도, 추진전략의 수를 적으세요.",
        );
    };
    let home = shared.home.clone();
    made(shared, move || start(&starter, &home)).await
}

/// Makes next year's plan from the plan shown (a studio started without a plan).
async fn next_year_plan(State(shared): State<Arc<Shared>>) -> Response {
    if !shared.can_open {
        return refused(StatusCode::FORBIDDEN, ONLY_GIVEN);
    }
    let Some(last) = shared.plan() else {
        return refused(StatusCode::CONFLICT, "먼저 지난해 계획을 여세요.");
    };
    let home = shared.home.clone();
    made(shared, move || next_year(&last, &home)).await
}

/// Runs `make` (a command writing a new plan), then shows what it wrote.
async fn made(
    shared: Arc<Shared>,
    make: impl FnOnce() -> Result<PathBuf, Error> + Send + 'static,
) -> Response {
    match tokio::task::spawn_blocking(make).await {
        Ok(Ok(written)) => {
            let text = format!("만들었습니다: {}", written.display());
            shared.open(written);
            (StatusCode::CREATED, text).into_response()
        }
        Ok(Err(error)) => refused(StatusCode::UNPROCESSABLE_ENTITY, &error.to_string()),
        Err(_) => refused(
            StatusCode::INTERNAL_SERVER_ERROR,
            &Error::Internal("계획을 만들던 작업이 멈췄습니다.".into()).to_string(),
        ),
    }
}

/// The query of an upload: the file's name as the browser gives it.
#[derive(serde::Deserialize)]
struct Uploaded {
    name: String,
}

/// Takes a workbook from the browser and shows it.
async fn upload(
    State(shared): State<Arc<Shared>>,
    Query(Uploaded { name }): Query<Uploaded>,
    headers: HeaderMap,
    body: Body,
) -> Response {
    match receive(&shared.scratch, &shared.uploads, &name, &headers, body).await {
        Ok(path) => {
            shared.open(path);
            StatusCode::NO_CONTENT.into_response()
        }
        Err(refusal) => refusal,
    }
}

/// Compares the plan shown with an earlier draft at the path the user typed.
async fn compare_path(State(shared): State<Arc<Shared>>, body: Body) -> Response {
    let Ok(bytes) = to_bytes(body, PATH_BYTES).await else {
        return refused(StatusCode::PAYLOAD_TOO_LARGE, "경로가 너무 깁니다.");
    };
    let typed = String::from_utf8_lossy(&bytes).trim().to_string();
    if typed.is_empty() || typed.contains('\0') {
        return refused(StatusCode::BAD_REQUEST, "비교할 초안의 경로를 적으세요.");
    }
    compare_with(shared, PathBuf::from(typed)).await
}

/// Compares the plan shown with an earlier draft uploaded as a workbook.
async fn compare_upload(
    State(shared): State<Arc<Shared>>,
    Query(Uploaded { name }): Query<Uploaded>,
    headers: HeaderMap,
    body: Body,
) -> Response {
    match receive(&shared.scratch, &shared.uploads, &name, &headers, body).await {
        Ok(path) => compare_with(shared, path).await,
        Err(refusal) => refusal,
    }
}

async fn compare_with(shared: Arc<Shared>, old: PathBuf) -> Response {
    let Some(new) = shared.plan() else {
        return refused(StatusCode::CONFLICT, "먼저 계획을 여세요.");
    };
    let headings = shared.state.borrow().headings.clone();
    let typesetting = shared.typesetting.clone();
    let draft = old.clone();
    let compared =
        tokio::task::spawn_blocking(move || compare_drafts(&draft, &new, &typesetting, &headings))
            .await;
    match compared {
        Ok(Ok(view)) => {
            *shared.compared_with.lock().expect("compared lock") = Some(old);
            asset(
                "application/json",
                serde_json::to_string(&view).expect("the comparison is plain data"),
            )
        }
        Ok(Err(error)) => refused(StatusCode::UNPROCESSABLE_ENTITY, &error.to_string()),
        Err(_) => refused(
            StatusCode::INTERNAL_SERVER_ERROR,
            &Error::Internal("비교하던 작업이 멈췄습니다.".into()).to_string(),
        ),
    }
}

/// A file made by the command that makes it, from the plan shown.
async fn download(State(shared): State<Arc<Shared>>, UrlPath(kind): UrlPath<String>) -> Response {
    let Some(kind) = Download::named(&kind) else {
        return not_found().await;
    };
    let Some(plan) = shared.plan() else {
        return refused(StatusCode::CONFLICT, "먼저 계획을 여세요.");
    };
    let typesetting = shared.typesetting.clone();
    let scratch = shared.scratch.path().to_path_buf();
    let old = shared.compared_with.lock().expect("compared lock").clone();
    let made = tokio::task::spawn_blocking(move || {
        downloads::make(kind, &plan, old.as_deref(), &typesetting, &scratch)
    })
    .await;
    match made {
        Ok(Ok(file)) => {
            let disposition = format!(
                "attachment; filename=\"{}\"; filename*=UTF-8''{}",
                kind.fallback_name(),
                percent(&file.name)
            );
            let mut response =
                ([(header::CONTENT_TYPE, kind.media_type())], file.bytes).into_response();
            if let Ok(value) = HeaderValue::from_str(&disposition) {
                response
                    .headers_mut()
                    .insert(header::CONTENT_DISPOSITION, value);
            }
            response
        }
        Ok(Err(error)) => refused(StatusCode::UNPROCESSABLE_ENTITY, &error.to_string()),
        Err(_) => refused(
            StatusCode::INTERNAL_SERVER_ERROR,
            &Error::Internal("파일을 만들던 작업이 멈췄습니다.".into()).to_string(),
        ),
    }
}

/// `text` percent-encoded for a header (RFC 5987): everything but letters, digits and `-._~`.
fn percent(text: &str) -> String {
    text.bytes()
        .map(|b| match b {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'.' | b'_' | b'~' => {
                (b as char).to_string()
            }
            _ => format!("%{b:02X}"),
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_header_name_is_percent_encoded() {
        assert_eq!(percent("계 a"), "%EA%B3%84%20a");
    }
}
