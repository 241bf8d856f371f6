//! Checks shared by 8x8's endpoints: the API key, the sub-account, and a
//! JSON body (content type, 64 KB limit).

use axum::body::{to_bytes, Body, Bytes};
use axum::http::{header, HeaderMap};
use verify8x8::contract::Reason;

use crate::error::ApiError;
use crate::state::AppState;

/// Largest request body accepted.
pub(crate) const BODY_LIMIT: usize = 64 * 1024;

/// `Unauthorized` unless `Authorization: Bearer <a configured key>`; then
/// `InvalidSubAccount` unless the sub-account is well-formed and configured.
pub(crate) fn authorize(state: &AppState, headers: &HeaderMap, sub: &str) -> Result<(), ApiError> {
    let key = headers
        .get(header::AUTHORIZATION)
        .and_then(|v| v.to_str().ok())
        .and_then(|v| {
            let (scheme, key) = v.trim().split_once(' ')?;
            scheme.eq_ignore_ascii_case("bearer").then(|| key.trim())
        });
    if !key.is_some_and(|k| state.config.api_keys.iter().any(|a| a == k)) {
        return Err(ApiError::of(Reason::Unauthorized));
    }
    if !verify8x8::params::is_valid_sub_account_id(sub)
        || !state.config.sub_accounts.iter().any(|s| s == sub)
    {
        return Err(ApiError::of(Reason::InvalidSubAccount));
    }
    Ok(())
}

/// The body of a JSON request: 415 for another content type (none is
/// taken as JSON), 413 beyond 64 KB.
pub(crate) async fn json_body(headers: &HeaderMap, body: Body) -> Result<Bytes, ApiError> {
    check_content_type(headers)?;
    limited_body(headers, body).await
}

fn check_content_type(headers: &HeaderMap) -> Result<(), ApiError> {
    if let Some(content_type) = headers.get(header::CONTENT_TYPE) {
        let media = content_type
            .to_str()
            .unwrap_or("")
            .split(';')
            .next()
            .unwrap_or("")
            .trim()
            .to_ascii_lowercase();
        if media != "application/json" && !media.ends_with("+json") {
            return Err(ApiError::of(Reason::UnsupportedMediaType));
        }
    }
    Ok(())
}

/// The body, whatever its declared type (the control routes take what
/// `curl -d` sends); 413 beyond 64 KB.
pub(crate) async fn limited_body(headers: &HeaderMap, body: Body) -> Result<Bytes, ApiError> {
    let too_large = || {
        let reason = Reason::PayloadTooLarge;
        ApiError::detailed(
            reason,
            format!("{} (at most {BODY_LIMIT} bytes)", reason.message()),
        )
    };
    let declared = headers
        .get(header::CONTENT_LENGTH)
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.parse::<u64>().ok());
    if declared.is_some_and(|n| n > BODY_LIMIT as u64) {
        return Err(too_large());
    }
    to_bytes(body, BODY_LIMIT).await.map_err(|e| {
        let limited = e
            .into_inner()
            .downcast_ref::<http_body_util::LengthLimitError>()
            .is_some();
        if limited {
            too_large()
        } else {
            ApiError::invalid("Could not read the request body")
        }
    })
}
