//! 바꾸는 요청 (actions): what the page asks the studio to do — open a plan by the path the
//! user typed, take a workbook, start a plan (`init`), make next year's (`new`), compare with
//! an earlier draft (`diff`). Each reaches here only past the guard's Origin check; the
//! slow ones run off the server's thread.

use std::path::PathBuf;
use std::sync::Arc;

use axum::body::{Body, to_bytes};
use axum::extract::{Query, RawQuery, State};
use axum::http::{HeaderMap, StatusCode};
use axum::response::{IntoResponse, Response};

use crate::commands::studio::compare::{Comparison, compare_drafts};
use crate::commands::studio::drafts;
use crate::commands::studio::shared::{ONLY_GIVEN, PATH_BYTES, Shared, asset, refused};
use crate::commands::studio::starting::{Starter, next_year, start};
use crate::commands::studio::uploads::{Accepted, receive};
use crate::model::error::Error;

/// Opens the plan at the path the user typed (only when the studio was started without one).
pub async fn open(State(shared): State<Arc<Shared>>, body: Body) -> Response {
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
pub async fn start_plan(State(shared): State<Arc<Shared>>, body: Body) -> Response {
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
pub async fn next_year_plan(State(shared): State<Arc<Shared>>) -> Response {
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
pub struct Uploaded {
    /// The file's name.
    name: String,
}

/// Takes a workbook from the browser and shows it.
pub async fn upload(
    State(shared): State<Arc<Shared>>,
    Query(Uploaded { name }): Query<Uploaded>,
    headers: HeaderMap,
    body: Body,
) -> Response {
    match receive(
        &shared.scratch,
        &shared.uploads,
        (&name, Accepted::Plan),
        &headers,
        body,
    )
    .await
    {
        Ok(path) => {
            shared.open(path);
            StatusCode::NO_CONTENT.into_response()
        }
        Err(refusal) => refusal,
    }
}

/// Compares the plan shown with an earlier draft at the path the user typed.
pub async fn compare_path(State(shared): State<Arc<Shared>>, body: Body) -> Response {
    let Ok(bytes) = to_bytes(body, PATH_BYTES).await else {
        return refused(StatusCode::PAYLOAD_TOO_LARGE, "경로가 너무 깁니다.");
    };
    let typed = String::from_utf8_lossy(&bytes).trim().to_string();
    if typed.is_empty() || typed.contains('\0') {
        return refused(StatusCode::BAD_REQUEST, "비교할 초안의 경로를 적으세요.");
    }
    compare_with(shared, PathBuf::from(typed), None).await
}

/// Compares the plan shown with an earlier draft uploaded as a workbook.
pub async fn compare_upload(
    State(shared): State<Arc<Shared>>,
    Query(Uploaded { name }): Query<Uploaded>,
    headers: HeaderMap,
    body: Body,
) -> Response {
    match receive(
        &shared.scratch,
        &shared.uploads,
        (&name, Accepted::Draft),
        &headers,
        body,
    )
    .await
    {
        Ok(path) => compare_with(shared, path, None).await,
        Err(refusal) => refusal,
    }
}

/// Compares the plan shown again (it changed) with the draft the tab compared with
/// (`?draft=N`; with none, the last draft compared).
pub async fn compare_again(
    State(shared): State<Arc<Shared>>,
    RawQuery(query): RawQuery,
) -> Response {
    let Ok(number) = drafts::number_in(query.as_deref()) else {
        return refused(StatusCode::BAD_REQUEST, drafts::NotANumber::MESSAGE);
    };
    let Some(old) = shared.draft(number) else {
        return refused(StatusCode::CONFLICT, "먼저 비교할 초안을 고르세요.");
    };
    compare_with(shared, old, number).await
}

/// Compares the plan shown with `old` and keeps the comparison (under `again`'s number
/// when it is one compared again).
async fn compare_with(shared: Arc<Shared>, old: PathBuf, again: Option<u32>) -> Response {
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
        Ok(Ok(Comparison { mut view, pages })) => {
            view.draft = shared
                .drafts
                .lock()
                .expect("drafts lock")
                .keep(again, old, pages);
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
