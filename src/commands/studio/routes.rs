//! 주소 (routes): what the studio answers at each address. No address is ever turned into a
//! file path: pages are asked for by the hash of their SVG, downloads by a fixed name, and
//! the only path that reaches the file system is the plan path the user typed (accepted
//! only when the studio was started without one, and read through the same loading as the
//! commands). Every request first passes the [`guard`](super::guard).

use std::path::{Path, PathBuf};
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
use crate::commands::studio::downloads::{self, Download};
use crate::commands::studio::guard::{Asked, Guard, Verdict};
use crate::commands::studio::state::Snapshot;
use crate::model::error::Error;
use crate::model::limits;
use crate::model::typeface;
use crate::pipeline::load::textfile::too_large;
use crate::pipeline::load::workbook::is_workbook;
use crate::pipeline::output::filename;
use crate::renditions::pdf::Typesetting;

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
        return refused(
            StatusCode::FORBIDDEN,
            "이 스튜디오는 시작할 때 준 계획만 보입니다. 다른 계획은 gongsi studio <계획>으로 여세요.",
        );
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

/// The query of an upload: the file's name as the browser gives it.
#[derive(serde::Deserialize)]
struct Uploaded {
    name: String,
}

/// Takes a workbook from the browser: at most as large as the commands read (413 with their
/// words), a workbook's extension, stored in the studio's own folder under a name made safe.
async fn upload(
    State(shared): State<Arc<Shared>>,
    Query(Uploaded { name }): Query<Uploaded>,
    headers: HeaderMap,
    body: Body,
) -> Response {
    let shown = safe_name(&name);
    if !is_workbook(Path::new(&shown)) {
        return refused(
            StatusCode::UNSUPPORTED_MEDIA_TYPE,
            "통합문서(.xlsx, .xls, .xlsb, .ods)만 올릴 수 있습니다.",
        );
    }
    let declared = headers
        .get(header::CONTENT_LENGTH)
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.parse::<u64>().ok());
    let limit = limits::FILE_BYTES as usize;
    let bytes = match declared {
        Some(size) if size > limits::FILE_BYTES => None,
        _ => to_bytes(body, limit).await.ok(),
    };
    let Some(bytes) = bytes else {
        let size = declared.unwrap_or(limits::FILE_BYTES + 1);
        let problem = too_large(Path::new(&shown), size);
        let text = format!(
            "{}\n  도움말: {}",
            problem.message,
            problem.hint.unwrap_or_default()
        );
        return refused(StatusCode::PAYLOAD_TOO_LARGE, &text);
    };
    let number = {
        let mut count = shared.uploads.lock().expect("uploads lock");
        *count += 1;
        *count
    };
    let folder = shared.scratch.path().join(format!("upload-{number}"));
    let path = folder.join(&shown);
    let stored = std::fs::create_dir(&folder).and_then(|()| std::fs::write(&path, &bytes));
    if let Err(e) = stored {
        return refused(
            StatusCode::INTERNAL_SERVER_ERROR,
            &Error::io("올린 파일 저장", &path, e).to_string(),
        );
    }
    shared.open(path);
    StatusCode::NO_CONTENT.into_response()
}

/// A file name from the browser made safe: its last part only, no separators, no leading dot.
fn safe_name(name: &str) -> String {
    let last = name.rsplit(['/', '\\']).next().unwrap_or_default();
    let (stem, extension) = last.rsplit_once('.').unwrap_or((last, ""));
    let extension: String = extension
        .chars()
        .filter(char::is_ascii_alphanumeric)
        .take(8)
        .collect();
    filename::from_data(&[stem], &extension.to_ascii_lowercase())
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
    let made =
        tokio::task::spawn_blocking(move || downloads::make(kind, &plan, &typesetting, &scratch))
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
    fn an_uploaded_name_keeps_only_its_last_part() {
        assert_eq!(safe_name("../../etc/계획.xlsx"), "계획.xlsx");
        assert_eq!(safe_name("C:\\x\\..\\계획 안.XLSX"), "계획안.xlsx");
        assert!(!safe_name("..").starts_with('.'));
        assert!(!is_workbook(Path::new(&safe_name("a.xlsx/.."))));
        assert_eq!(percent("계 a"), "%EA%B3%84%20a");
    }
}
