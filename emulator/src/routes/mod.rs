//! The HTTP surface: 8x8's three endpoints, SMA's verification URL, the
//! test-only control routes, and 8x8-shaped errors for everything else.

mod control;
mod cors;
mod coverage;
mod guard;
mod inject;
mod log;
mod page;
mod sessions;
mod sma;

use axum::http::{header, StatusCode, Uri};
use axum::middleware::from_fn_with_state;
use axum::response::{IntoResponse, Response};
use axum::routing::{get, post};
use axum::Router;
use serde::Serialize;
use verify8x8::contract::Reason;

use crate::error::ApiError;
use crate::state::Shared;

pub(crate) use log::Note;

/// Every route, with logging, CORS and (on 8x8's endpoints) faults.
pub(crate) fn router(state: Shared) -> Router {
    let api = Router::new()
        .route("/api/v2/subaccounts/{sub}/sessions", post(sessions::start))
        .route(
            "/api/v2/subaccounts/{sub}/sessions/{id}",
            get(sessions::check),
        )
        .route(
            "/api/v2/subaccounts/{sub}/sma/coverage",
            post(coverage::check),
        )
        .route_layer(from_fn_with_state(state.clone(), inject::faults));
    let control = Router::new()
        .route("/_emulator", get(page::page))
        .route(
            "/_emulator/outbox",
            get(control::outbox).delete(control::clear_outbox),
        )
        .route(
            "/_emulator/faults",
            get(control::faults)
                .post(control::set_faults)
                .delete(control::clear_faults),
        )
        .route(
            "/_emulator/clock",
            get(control::clock).post(control::advance_clock),
        )
        .route("/_emulator/webhooks", get(control::webhooks))
        .route("/_emulator/reset", post(control::reset))
        .route("/sma/{id}", get(sma::visit));
    api.merge(control)
        .fallback(not_found)
        .method_not_allowed_fallback(method_not_allowed)
        .layer(from_fn_with_state(state.clone(), cors::cors))
        .layer(from_fn_with_state(state.clone(), log::log))
        .with_state(state)
}

/// A 200 (or other) JSON answer.
pub(crate) fn json<T: Serialize>(status: StatusCode, value: &T) -> Response {
    match serde_json::to_string(value) {
        Ok(body) => (status, [(header::CONTENT_TYPE, "application/json")], body).into_response(),
        Err(_) => ApiError::internal().into_response(),
    }
}

async fn not_found(uri: Uri) -> Response {
    let reason = Reason::NotFound;
    ApiError::detailed(
        reason,
        format!("{}: no route for {}", reason.message(), uri.path()),
    )
    .into_response()
}

async fn method_not_allowed(uri: Uri) -> Response {
    let reason = Reason::MethodNotAllowed;
    let mut error = ApiError::of(reason);
    if let Some(allow) = allowed_methods(uri.path()) {
        error = error
            .with_header(header::ALLOW, allow)
            .with_message(format!(
                "{}: {} accepts {allow}",
                reason.message(),
                uri.path()
            ));
    }
    error.into_response()
}

/// The methods a known path accepts (the `Allow` header of a 405).
fn allowed_methods(path: &str) -> Option<&'static str> {
    let parts: Vec<&str> = path.trim_start_matches('/').split('/').collect();
    match parts.as_slice() {
        ["api", "v2", "subaccounts", _, "sessions"] => Some("POST"),
        ["api", "v2", "subaccounts", _, "sessions", _] => Some("GET"),
        ["api", "v2", "subaccounts", _, "sma", "coverage"] => Some("POST"),
        ["sma", _] | ["_emulator"] | ["_emulator", "webhooks"] => Some("GET"),
        ["_emulator", "outbox"] => Some("GET, DELETE"),
        ["_emulator", "faults"] => Some("GET, POST, DELETE"),
        ["_emulator", "clock"] => Some("GET, POST"),
        ["_emulator", "reset"] => Some("POST"),
        _ => None,
    }
}
