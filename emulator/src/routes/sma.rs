//! `GET /sma/{sessionId}`: SMA's `verificationUrl`. The "device" requesting
//! it proves possession of the number; a WAITING SMA session turns VERIFIED.

use axum::extract::rejection::PathRejection;
use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use serde::Serialize;

use super::{json, Note};
use crate::clock;
use crate::error::ApiError;
use crate::state::Shared;
use verify8x8::params::SessionStatus;
use verify8x8::phone::mask;

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct Visited {
    session_id: String,
    status: SessionStatus,
}

/// The device's visit.
pub(crate) async fn visit(
    State(state): State<Shared>,
    path: Result<Path<String>, PathRejection>,
) -> Response {
    let Ok(Path(id)) = path else {
        return ApiError::session_not_found().into_response();
    };
    let answer = state.store().sma_visit(&id, clock::now());
    let Some((view, change)) = answer else {
        return ApiError::session_not_found().into_response();
    };
    state.notify(change);
    let note = Note(mask(&view.destination));
    let body = Visited {
        session_id: view.session_id,
        status: view.status,
    };
    (note, json(StatusCode::OK, &body)).into_response()
}
