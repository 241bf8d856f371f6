//! Errors in 8x8's shape, `{code, message, errorId, timestamp}`, for every
//! failure the emulator answers: API errors, bad input, unknown routes.

use axum::http::{header, HeaderName, HeaderValue, StatusCode};
use axum::response::{IntoResponse, Response};
use serde::Serialize;

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
    pub(crate) fn new(status: StatusCode, code: u32, message: impl Into<String>) -> Self {
        Self {
            status,
            code,
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

    /// 400/1000 for a bad parameter or body.
    pub(crate) fn invalid(message: impl Into<String>) -> Self {
        Self::new(StatusCode::BAD_REQUEST, 1000, message)
    }

    /// 401/1200.
    pub(crate) fn unauthorized() -> Self {
        Self::new(
            StatusCode::UNAUTHORIZED,
            1200,
            "Request was not authenticated properly",
        )
    }

    /// 400/1001.
    pub(crate) fn bad_sub_account() -> Self {
        Self::new(
            StatusCode::BAD_REQUEST,
            1001,
            "Provided subAccountId doesn't belong to your account",
        )
    }

    /// 404/1404.
    pub(crate) fn session_not_found() -> Self {
        Self::new(StatusCode::NOT_FOUND, 1404, "Session not found")
    }

    /// 500/2000.
    pub(crate) fn internal() -> Self {
        Self::new(
            StatusCode::INTERNAL_SERVER_ERROR,
            2000,
            "Internal server error",
        )
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
