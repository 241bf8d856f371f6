//! Test-only control routes (no API key): the outbox, faults, the clock,
//! the webhook log and a full reset.

use axum::body::Body;
use axum::extract::rejection::QueryRejection;
use axum::extract::{Query, State};
use axum::http::{HeaderMap, StatusCode};
use axum::response::{IntoResponse, Response};
use serde::Serialize;

use super::{guard, json};
use crate::clock;
use crate::error::ApiError;
use crate::faults::Faults;
use crate::outbox::Filter;
use crate::state::Shared;

/// Longest single clock move: ten years.
const MAX_ADVANCE_SECONDS: f64 = 10.0 * 366.0 * 86_400.0;

/// `GET /_emulator/outbox?destination=&sessionId=&limit=`: newest first.
pub(crate) async fn outbox(
    State(state): State<Shared>,
    query: Result<Query<Vec<(String, String)>>, QueryRejection>,
) -> Response {
    let Ok(Query(query)) = query else {
        return ApiError::invalid("The query string is malformed").into_response();
    };
    let mut filter = Filter::default();
    for (key, value) in query {
        match key.as_str() {
            "destination" => filter.destination = Some(value),
            "sessionId" => filter.session_id = Some(value),
            "limit" => match value.parse() {
                Ok(n) => filter.limit = Some(n),
                Err(_) => return ApiError::invalid("limit must be a whole number").into_response(),
            },
            _ => {}
        }
    }
    let entries = state.store().outbox.list(&filter);
    json(StatusCode::OK, &entries)
}

/// `DELETE /_emulator/outbox`.
pub(crate) async fn clear_outbox(State(state): State<Shared>) -> StatusCode {
    state.store().outbox.clear();
    StatusCode::NO_CONTENT
}

/// `GET /_emulator/faults`.
pub(crate) async fn faults(State(state): State<Shared>) -> Response {
    let faults = *state.faults();
    json(StatusCode::OK, &faults)
}

/// `POST /_emulator/faults` with `{"latencyMs", "errorRate", "rateLimitRate",
/// "dropRate", "tlsErrorRate"}`; fields left out keep their value.
pub(crate) async fn set_faults(
    State(state): State<Shared>,
    headers: HeaderMap,
    body: Body,
) -> Response {
    let result = async {
        let value = json_value(&headers, body).await?;
        let mut faults = state.faults();
        faults.update(&value).map_err(ApiError::invalid)?;
        Ok::<_, ApiError>(*faults)
    };
    match result.await {
        Ok(faults) => json(StatusCode::OK, &faults),
        Err(e) => e.into_response(),
    }
}

/// `DELETE /_emulator/faults`: behave again.
pub(crate) async fn clear_faults(State(state): State<Shared>) -> Response {
    *state.faults() = Faults::default();
    json(StatusCode::OK, &Faults::default())
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct ClockView {
    now: String,
    offset_seconds: f64,
}

fn clock_view() -> ClockView {
    ClockView {
        now: clock::rfc3339(clock::now()),
        offset_seconds: clock::offset() as f64 / 1000.0,
    }
}

/// `GET /_emulator/clock`.
pub(crate) async fn clock() -> Response {
    json(StatusCode::OK, &clock_view())
}

/// `POST /_emulator/clock` with `{"advanceSeconds": N}` (N ≥ 0): moves time
/// forward and expires the sessions now past `expiresAt`.
pub(crate) async fn advance_clock(
    State(state): State<Shared>,
    headers: HeaderMap,
    body: Body,
) -> Response {
    let result = async {
        let value = json_value(&headers, body).await?;
        let seconds = value
            .get("advanceSeconds")
            .and_then(serde_json::Value::as_f64)
            .filter(|s| (0.0..=MAX_ADVANCE_SECONDS).contains(s))
            .ok_or_else(|| {
                ApiError::invalid("advanceSeconds must be a number of seconds from 0 to 316224000")
            })?;
        clock::advance((seconds * 1000.0).round() as i64);
        let changes = state.store().sweep(clock::now());
        state.notify(changes);
        Ok::<_, ApiError>(json(StatusCode::OK, &clock_view()))
    };
    result.await.unwrap_or_else(IntoResponse::into_response)
}

/// `GET /_emulator/webhooks`: what happened to each webhook, newest first.
pub(crate) async fn webhooks(State(state): State<Shared>) -> Response {
    json(StatusCode::OK, &state.webhooks.log())
}

/// `POST /_emulator/reset`: no sessions, no messages, no faults, wall time.
pub(crate) async fn reset(State(state): State<Shared>) -> StatusCode {
    state.store().clear();
    *state.faults() = Faults::default();
    state.webhooks.clear();
    clock::reset();
    StatusCode::NO_CONTENT
}

async fn json_value(headers: &HeaderMap, body: Body) -> Result<serde_json::Value, ApiError> {
    let bytes = guard::limited_body(headers, body).await?;
    serde_json::from_slice(&bytes).map_err(|e| ApiError::invalid(format!("Invalid JSON body: {e}")))
}
