//! `POST /api/v2/subaccounts/{sub}/sma/coverage`: can SMA serve this device?

use axum::body::Body;
use axum::extract::rejection::PathRejection;
use axum::extract::{Path, State};
use axum::http::{HeaderMap, StatusCode};
use axum::response::{IntoResponse, Response};
use verify8x8::contract::Reason;
use verify8x8::params::Coverage;

use super::{guard, json};
use crate::coverage;
use crate::error::ApiError;
use crate::state::Shared;
use crate::validate;

/// `{"isAvailable": bool}`.
pub(crate) async fn check(
    State(state): State<Shared>,
    path: Result<Path<String>, PathRejection>,
    headers: HeaderMap,
    body: Body,
) -> Response {
    let result = async {
        let Path(sub) = path.map_err(|_| ApiError::of(Reason::InvalidSubAccount))?;
        guard::authorize(&state, &headers, &sub)?;
        let bytes = guard::json_body(&headers, body).await?;
        let req = validate::coverage(&bytes)?;
        let is_available =
            coverage::is_available(&state.config, req.client_ip, req.destination.as_deref());
        Ok::<_, ApiError>(json(StatusCode::OK, &Coverage { is_available }))
    };
    result.await.unwrap_or_else(IntoResponse::into_response)
}
