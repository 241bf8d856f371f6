//! `POST /api/v2/subaccounts/{sub}/sessions` (initiate verification) and
//! `GET /api/v2/subaccounts/{sub}/sessions/{id}?code=` (status / validate).

use axum::body::Body;
use axum::extract::rejection::{PathRejection, QueryRejection};
use axum::extract::{Path, Query, State};
use axum::http::{header, HeaderMap, StatusCode};
use axum::response::{IntoResponse, Response};

use super::{guard, json, Note};
use crate::clock;
use crate::coverage;
use crate::error::ApiError;
use crate::request::Channel;
use crate::state::Shared;
use crate::store::StartRefused;
use crate::validate;
use verify8x8::contract::Reason;
use verify8x8::phone::mask;

/// Initiate verification: a new session, or a resend (<https://developer.8x8.com/connect/reference/verify-request-v-2>).
pub(crate) async fn start(
    State(state): State<Shared>,
    path: Result<Path<String>, PathRejection>,
    headers: HeaderMap,
    body: Body,
) -> Response {
    let result = async {
        let Path(sub) = path.map_err(|_| ApiError::of(Reason::InvalidSubAccount))?;
        guard::authorize(&state, &headers, &sub)?;
        let bytes = guard::json_body(&headers, body).await?;
        let req = validate::start(&bytes)?;
        let note = Note(mask(&req.destination));
        let now = clock::now();
        let at_once = req.channel == Channel::Sma
            && !state.config.sma_on_visit
            && req.client_ip.is_some_and(|ip| {
                coverage::is_available(&state.config, ip, Some(&req.destination))
            });
        let answer = state.store().start(&sub, &req, now, at_once);
        match answer {
            Ok((view, change)) => {
                state.notify(change);
                Ok::<_, ApiError>((note, json(StatusCode::OK, &view)).into_response())
            }
            Err(StartRefused::TooEarly { retry_after_secs }) => {
                let error = ApiError::of(Reason::ResendTooSoon)
                    .with_header(header::RETRY_AFTER, retry_after_secs.to_string());
                Ok((note, error).into_response())
            }
        }
    };
    result.await.unwrap_or_else(IntoResponse::into_response)
}

/// Read the status, or validate `?code=`.
pub(crate) async fn check(
    State(state): State<Shared>,
    path: Result<Path<(String, String)>, PathRejection>,
    query: Result<Query<Vec<(String, String)>>, QueryRejection>,
    headers: HeaderMap,
) -> Response {
    let result = (|| {
        let Path((sub, id)) = path.map_err(|_| ApiError::session_not_found())?;
        guard::authorize(&state, &headers, &sub)?;
        let Query(query) = query.map_err(|_| ApiError::invalid("The query string is malformed"))?;
        let code = query
            .iter()
            .find(|(k, _)| k == "code")
            .map(|(_, v)| v.as_str());
        let code = validate::code(&id, code)?;
        let answer = state
            .store()
            .check(&sub, &id, code.as_deref(), clock::now());
        let (view, change) = answer.ok_or_else(ApiError::session_not_found)?;
        state.notify(change);
        let note = Note(mask(&view.destination));
        Ok::<_, ApiError>((note, json(StatusCode::OK, &view)).into_response())
    })();
    result.unwrap_or_else(IntoResponse::into_response)
}
