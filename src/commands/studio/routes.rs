//! 주소 (routes): what the studio answers at each address. No address is ever turned into a
//! file path: pages are asked for by the hash of their layout, downloads by a fixed name. The
//! only paths that reach the file system are the ones the user typed into the page — a plan
//! to open (only when the studio was started without one) and an earlier draft to compare
//! with — each read through the same loading (and confinement) as the commands; new plans
//! are written where the studio started, under the names `init` and `new` make from the
//! data. Every request first passes the [`guard`](super::guard).

use std::sync::{Arc, LazyLock};

use axum::Router;
use axum::extract::{Path as UrlPath, RawQuery, Request, State};
use axum::http::{HeaderMap, HeaderValue, Method, StatusCode, Uri, header};
use axum::middleware::{self, Next};
use axum::response::sse::{Event, KeepAlive, Sse};
use axum::response::{IntoResponse, Response};
use axum::routing::{get, post};
use futures_util::Stream;
use tokio::sync::Semaphore;

use crate::commands::studio::actions;
use crate::commands::studio::assets;
use crate::commands::studio::downloads::{self, Download};
use crate::commands::studio::drafts;
use crate::commands::studio::guard::{Asked, Verdict};
use crate::commands::studio::query;
use crate::commands::studio::shared::{Shared, asset, refused};
use crate::model::error::Error;
use crate::model::typeface;
use crate::renditions::pdf::screen;

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
        .route(
            "/compare.js",
            get(|| async { asset("text/javascript", assets::COMPARE_JS.to_string()) }),
        )
        .route("/font/{weight}", get(font))
        // Browsers ask for an icon by themselves; there is none.
        .route("/favicon.ico", get(|| async { StatusCode::NO_CONTENT }))
        .route("/state", get(state))
        .route("/events", get(events))
        .route("/page/{id}", get(page_image))
        .route("/open", post(actions::open))
        .route("/upload", post(actions::upload))
        .route("/init", post(actions::start_plan))
        .route("/next-year", post(actions::next_year_plan))
        .route("/compare", post(actions::compare_path))
        .route("/compare-upload", post(actions::compare_upload))
        .route("/compare-again", post(actions::compare_again))
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

async fn not_found() -> Response {
    refused(StatusCode::NOT_FOUND, "스튜디오에 그런 주소는 없습니다.")
}

async fn page() -> Response {
    asset("text/html", assets::HTML.to_string())
}

/// The page's typeface, KRDS's Pretendard GOV, from the binary (an office PC may not have it):
/// the same TrueType files the PDF and the HWPX carry.
async fn font(UrlPath(weight): UrlPath<String>) -> Response {
    let bytes = match weight.as_str() {
        "regular.ttf" => typeface::PRETENDARD_REGULAR,
        "bold.ttf" => typeface::PRETENDARD_BOLD,
        _ => return not_found().await,
    };
    (
        [
            (header::CONTENT_TYPE, "font/ttf"),
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

/// A page as a PNG, by the hash the state names it by, as many pixels wide as the query asks
/// (`?w=832`: the tab's width on screen × its pixel ratio; without a query
/// [`screen::DEFAULT_WIDTH`]), drawn off the async thread.
async fn page_image(
    State(shared): State<Arc<Shared>>,
    UrlPath(id): UrlPath<String>,
    uri: Uri,
) -> Response {
    let well_formed = id.len() == 32 && id.bytes().all(|b| b.is_ascii_hexdigit());
    let found = well_formed.then(|| shared.page(&id)).flatten();
    let width = uri.query().map_or(Some(screen::DEFAULT_WIDTH), pixel_width);
    let (Some(page), Some(width)) = (found, width) else {
        return refused(
            StatusCode::NOT_FOUND,
            "그 쪽은 이제 없습니다 (계획이 바뀌었습니다).",
        );
    };
    let permit = DRAWING.acquire().await;
    let drawn = tokio::task::spawn_blocking(move || page.png(width)).await;
    drop(permit);
    let Ok(png) = drawn else {
        return refused(
            StatusCode::INTERNAL_SERVER_ERROR,
            &Error::Internal("쪽을 그리던 작업이 멈췄습니다.".into()).to_string(),
        );
    };
    (
        [
            (header::CONTENT_TYPE, "image/png"),
            (header::CACHE_CONTROL, "private, max-age=86400, immutable"),
        ],
        axum::body::Bytes::from_owner(png),
    )
        .into_response()
}

/// How many pages are drawn at once: one per core, at most four. A tab's first load asks for
/// every page together; drawn all at once, each on its own thread, they would only share the
/// cores and leave the memory of many threads' allocators behind (35 MB more for 46 pages).
static DRAWING: LazyLock<Semaphore> = LazyLock::new(|| {
    let cores = std::thread::available_parallelism().map_or(1, |n| n.get());
    Semaphore::new(cores.clamp(1, 4))
});

/// `w=` and a width in [`screen::WIDTHS`], nothing else.
fn pixel_width(query: &str) -> Option<u32> {
    let width = query::number(query, "w")?;
    screen::WIDTHS.contains(&width).then_some(width)
}

/// A file made by the command that makes it, from the plan shown (the review PDF: with the
/// draft the tab compared, `?draft=N`).
async fn download(
    State(shared): State<Arc<Shared>>,
    UrlPath(kind): UrlPath<String>,
    RawQuery(query): RawQuery,
) -> Response {
    let Some(kind) = Download::named(&kind) else {
        return not_found().await;
    };
    let Some(plan) = shared.plan() else {
        return refused(StatusCode::CONFLICT, "먼저 계획을 여세요.");
    };
    let typesetting = shared.typesetting.clone();
    let scratch = shared.scratch.path().to_path_buf();
    let Ok(number) = drafts::number_in(query.as_deref()) else {
        return refused(StatusCode::BAD_REQUEST, drafts::NotANumber::MESSAGE);
    };
    let old = shared.draft(number);
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
    fn a_page_is_asked_for_by_a_width_in_pixels_and_nothing_else() {
        assert_eq!(pixel_width("w=832"), Some(832));
        for wrong in [
            "",
            "w=",
            "w=63",
            "w=4097",
            "w=99999",
            "w=+832",
            "w=832&x=1",
            "x=832",
            "w=8%32",
        ] {
            assert_eq!(pixel_width(wrong), None, "{wrong}");
        }
    }

    #[test]
    fn a_header_name_is_percent_encoded() {
        assert_eq!(percent("계 a"), "%EA%B3%84%20a");
    }
}
