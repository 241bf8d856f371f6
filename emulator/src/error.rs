//! Errors in 8x8's shape, `{code, message, errorId, timestamp}`, for every
//! failure the emulator answers: API errors, bad input, unknown routes.

use axum::http::{header, HeaderName, HeaderValue, StatusCode};
use axum::response::{IntoResponse, Response};
use serde::Serialize;
use verify8x8::contract::Reason;

use crate::clock;
use crate::random;

/// An error response.
#[derive(Debug, Clone)]
pub(crate) struct ApiError {
    pub(crate) status: StatusCode,
    pub(crate) code: u32,
    pub(crate) message: String,
    pub(crate) headers: Vec<(HeaderName, String)>,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct Body<'a> {
    code: u32,
    message: &'a str,
    error_id: String,
    timestamp: String,
}

impl ApiError {
    /// 8x8's answer for `reason`, in 8x8's words.
    pub(crate) fn of(reason: Reason) -> Self {
        Self::detailed(reason, reason.message())
    }

    /// 8x8's answer for `reason`, with a message that says more.
    pub(crate) fn detailed(reason: Reason, message: impl Into<String>) -> Self {
        Self {
            status: StatusCode::from_u16(reason.status())
                .unwrap_or(StatusCode::INTERNAL_SERVER_ERROR),
            code: reason.code(),
            message: message.into(),
            headers: Vec::new(),
        }
    }

    /// Adds a response header.
    pub(crate) fn with_header(mut self, name: HeaderName, value: impl Into<String>) -> Self {
        self.headers.push((name, value.into()));
        self
    }

    /// Replaces the message.
    pub(crate) fn with_message(mut self, message: impl Into<String>) -> Self {
        self.message = message.into();
        self
    }

    /// A bad parameter or body.
    pub(crate) fn invalid(message: impl Into<String>) -> Self {
        Self::detailed(Reason::InvalidParameter, message)
    }

    /// No such session.
    pub(crate) fn session_not_found() -> Self {
        Self::of(Reason::SessionNotFound)
    }

    /// The emulator failed.
    pub(crate) fn internal() -> Self {
        Self::of(Reason::ServerError)
    }
}

impl PartialEq for ApiError {
    fn eq(&self, other: &Self) -> bool {
        self.status == other.status && self.code == other.code
    }
}

impl IntoResponse for ApiError {
    fn into_response(self) -> Response {
        let body = Body {
            code: self.code,
            message: &self.message,
            error_id: random::uuid_v4(),
            timestamp: clock::rfc3339(clock::now()),
        };
        let json = serde_json::to_string(&body).unwrap_or_else(|_| "{}".to_string());
        let mut response = (self.status, json).into_response();
        let headers = response.headers_mut();
        headers.insert(
            header::CONTENT_TYPE,
            HeaderValue::from_static("application/json"),
        );
        for (name, value) in self.headers {
            if let Ok(v) = HeaderValue::from_str(&value) {
                headers.insert(name, v);
            }
        }
        response
    }
}
