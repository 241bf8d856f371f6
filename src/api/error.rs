//! The one error model of the client: the request broke a rule and was not
//! sent ([`Error::Validation`]), 8x8 (or the edge worker) answered with an
//! error ([`Error::Api`]), or no usable answer came back
//! ([`Error::Transport`]). Each has a stable string [`Error::code`] that
//! callers branch on; messages may change.

use serde::Serialize;

use crate::contract::Reason;
use crate::params::{Limit, Violation};

/// Why a call failed.
///
/// ```
/// use verify8x8::api::{parse_session, Error};
/// let err = parse_session(404, &[], r#"{"code":1404,"message":"Session not found","errorId":"x","timestamp":"t"}"#).unwrap_err();
/// assert_eq!(err.code(), "not_found");
/// assert!(matches!(err, Error::Api(ref e) if e.code == Some(1404)));
/// ```
#[derive(Debug, Clone, PartialEq)]
#[non_exhaustive]
pub enum Error {
    /// The request broke one or more rules; nothing was sent.
    Validation(Vec<Violation>),
    /// The server answered with an error status.
    Api(ApiError),
    /// No usable answer: timeout, network failure, abort, unknown outcome or
    /// an unreadable success body.
    Transport(TransportError),
}

impl Error {
    /// The stable code: `"validation"`, an [`ApiErrorKind::code`] or a
    /// [`TransportErrorKind::code`].
    pub fn code(&self) -> &'static str {
        match self {
            Error::Validation(_) => "validation",
            Error::Api(e) => e.kind.code(),
            Error::Transport(e) => e.kind.code(),
        }
    }

    /// Seconds to wait before trying again, when the server said so.
    pub fn retry_after(&self) -> Option<u64> {
        match self {
            Error::Api(e) => e.retry_after,
            _ => None,
        }
    }

    /// A transport error of `kind`.
    pub fn transport(kind: TransportErrorKind, message: impl Into<String>) -> Error {
        Error::Transport(TransportError {
            kind,
            message: message.into(),
            status: None,
        })
    }
}

impl std::fmt::Display for Error {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Error::Validation(violations) => {
                f.write_str("invalid request: ")?;
                let messages: Vec<&str> = violations.iter().map(|v| v.message.as_str()).collect();
                f.write_str(&messages.join("; "))
            }
            Error::Api(e) => f.write_str(&e.message),
            Error::Transport(e) => f.write_str(&e.message),
        }
    }
}

impl std::error::Error for Error {}

/// An error answer from 8x8 (or the edge worker).
#[derive(Debug, Clone, PartialEq)]
pub struct ApiError {
    /// The HTTP status, e.g. 404.
    pub status: u16,
    /// 8x8's error code (e.g. 1404), when the body had one.
    pub code: Option<u32>,
    /// What the status and code mean.
    pub kind: ApiErrorKind,
    /// The id to quote to 8x8 support, when the body had one.
    pub error_id: Option<String>,
    /// The server's message, or a description of the status.
    pub message: String,
    /// When the error happened, as the server wrote it.
    pub timestamp: Option<String>,
    /// Seconds to wait before trying again (body `retryAfter` or header
    /// `Retry-After`).
    pub retry_after: Option<u64>,
    /// The broken rules, when the edge worker lists them (400, 403).
    pub violations: Vec<ApiViolation>,
    /// Which rate limit was hit (edge worker, 429): `destination`, `ip`, …
    pub limit: Option<String>,
}

/// A broken rule reported by the server (the edge worker's `violations`).
/// `code` is a string, as the worker may add codes of its own
/// (`country_not_allowed`, `not_mobile`).
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct ApiViolation {
    /// The field, as a dotted path.
    pub path: String,
    /// The rule's stable code.
    pub code: String,
    /// A plain sentence for people.
    pub message: String,
    /// The limit involved, when given.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub limit: Option<Limit>,
}

/// What an [`ApiError`] means, from its 8x8 code or else its HTTP status.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum ApiErrorKind {
    /// 1000: a parameter is invalid.
    InvalidParameter,
    /// 1001: the sub-account is not in this account.
    InvalidSubAccount,
    /// 1002: the destination is not a usable number.
    InvalidDestination,
    /// 1008: an id is malformed (the edge worker's session handle).
    InvalidId,
    /// 1009: the country code is invalid.
    InvalidCountry,
    /// 1010: a parameter is out of range.
    OutOfRange,
    /// 1012: the IP address is invalid.
    InvalidIp,
    /// 1014 or HTTP 426: the TLS version is too old.
    InsecureProtocol,
    /// 1200 or HTTP 401: the API key is missing or wrong.
    Unauthorized,
    /// 1201: authenticated but not permitted (also the edge worker's policy
    /// refusals).
    Forbidden,
    /// 1300, 1404 or HTTP 404: no such session (or route).
    NotFound,
    /// 1400 or HTTP 403: a resend came before `resendingInterval` elapsed.
    ResendTooSoon,
    /// HTTP 409 from the edge worker: the number has a pending code (another
    /// tab, device or person started it); `retryAfter` says when it expires.
    SessionPending,
    /// HTTP 429: too many requests; nothing was processed.
    RateLimited,
    /// 2000 or HTTP 5xx: the server failed.
    ServerError,
    /// Anything else; `code` and `status` are kept.
    Unknown,
}

impl ApiErrorKind {
    /// Every kind.
    pub const ALL: [ApiErrorKind; 16] = [
        ApiErrorKind::InvalidParameter,
        ApiErrorKind::InvalidSubAccount,
        ApiErrorKind::InvalidDestination,
        ApiErrorKind::InvalidId,
        ApiErrorKind::InvalidCountry,
        ApiErrorKind::OutOfRange,
        ApiErrorKind::InvalidIp,
        ApiErrorKind::InsecureProtocol,
        ApiErrorKind::Unauthorized,
        ApiErrorKind::Forbidden,
        ApiErrorKind::NotFound,
        ApiErrorKind::ResendTooSoon,
        ApiErrorKind::SessionPending,
        ApiErrorKind::RateLimited,
        ApiErrorKind::ServerError,
        ApiErrorKind::Unknown,
    ];

    /// The kind of an answer with this status and (optional) 8x8 code. A 429
    /// is always `RateLimited`; otherwise a known code decides, then the status.
    pub fn classify(status: u16, code: Option<u32>) -> ApiErrorKind {
        use ApiErrorKind::*;
        if status == 429 {
            return RateLimited;
        }
        if status == 409 {
            return SessionPending;
        }
        let by_code = code
            .and_then(Reason::from_code)
            .map_or(Unknown, ApiErrorKind::of);
        if by_code != Unknown {
            return by_code;
        }
        match status {
            401 => Unauthorized,
            403 => ResendTooSoon,
            404 => NotFound,
            426 => InsecureProtocol,
            500..=599 => ServerError,
            _ => Unknown,
        }
    }

    /// What the client makes of one of 8x8's error answers.
    ///
    /// ```
    /// use verify8x8::{api::ApiErrorKind, contract::Reason};
    /// assert_eq!(ApiErrorKind::of(Reason::SessionNotFound), ApiErrorKind::NotFound);
    /// ```
    pub fn of(reason: Reason) -> ApiErrorKind {
        use ApiErrorKind::*;
        match reason {
            Reason::InvalidParameter | Reason::UnsupportedMediaType | Reason::PayloadTooLarge => {
                InvalidParameter
            }
            Reason::InvalidSubAccount => InvalidSubAccount,
            Reason::InvalidDestination => InvalidDestination,
            Reason::InvalidId => InvalidId,
            Reason::InvalidCountry => InvalidCountry,
            Reason::OutOfRange => OutOfRange,
            Reason::InvalidIp => InvalidIp,
            Reason::InsecureProtocol => InsecureProtocol,
            Reason::RateLimited => RateLimited,
            Reason::Unauthorized => Unauthorized,
            Reason::Forbidden => Forbidden,
            Reason::NotFound | Reason::SessionNotFound => NotFound,
            Reason::ResendTooSoon => ResendTooSoon,
            Reason::SessionPending => SessionPending,
            Reason::ServerError | Reason::BadGateway | Reason::GatewayTimeout => ServerError,
            Reason::MethodNotAllowed => Unknown,
        }
    }

    /// The stable code JavaScript sees: `"not_found"`, `"unauthorized"`, …
    pub fn code(self) -> &'static str {
        use ApiErrorKind::*;
        match self {
            InvalidParameter => "invalid_parameter",
            InvalidSubAccount => "invalid_sub_account",
            InvalidDestination => "invalid_destination",
            InvalidId => "invalid_id",
            InvalidCountry => "invalid_country",
            OutOfRange => "out_of_range",
            InvalidIp => "invalid_ip",
            InsecureProtocol => "insecure_protocol",
            Unauthorized => "unauthorized",
            Forbidden => "forbidden",
            NotFound => "not_found",
            ResendTooSoon => "resend_too_soon",
            SessionPending => "session_pending",
            RateLimited => "rate_limited",
            ServerError => "server_error",
            Unknown => "api_error",
        }
    }
}

/// No usable answer came back.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TransportError {
    /// What happened.
    pub kind: TransportErrorKind,
    /// A plain description.
    pub message: String,
    /// The HTTP status, when an answer came but could not be read.
    pub status: Option<u16>,
}

/// What kind of transport failure.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum TransportErrorKind {
    /// No answer within the timeout.
    Timeout,
    /// The connection failed or was dropped (DNS, refused, reset, CORS).
    Network,
    /// The caller aborted the call.
    Aborted,
    /// A verification start timed out or lost its connection: it may or may
    /// not have been sent. It is never retried automatically.
    OutcomeUnknown,
    /// A success status with a body that is not the expected JSON.
    BadResponse,
}

impl TransportErrorKind {
    /// Every kind.
    pub const ALL: [TransportErrorKind; 5] = [
        TransportErrorKind::Timeout,
        TransportErrorKind::Network,
        TransportErrorKind::Aborted,
        TransportErrorKind::OutcomeUnknown,
        TransportErrorKind::BadResponse,
    ];

    /// The stable code JavaScript sees: `"timeout"`, `"network"`, …
    pub fn code(self) -> &'static str {
        match self {
            TransportErrorKind::Timeout => "timeout",
            TransportErrorKind::Network => "network",
            TransportErrorKind::Aborted => "aborted",
            TransportErrorKind::OutcomeUnknown => "outcome_unknown",
            TransportErrorKind::BadResponse => "bad_response",
        }
    }
}

#[cfg(test)]
mod tests {
    use super::ApiErrorKind::{self, *};

    #[test]
    fn codes_then_statuses_decide_the_kind() {
        let cases = [
            (400, Some(1000), InvalidParameter),
            (400, Some(1001), InvalidSubAccount),
            (400, Some(1002), InvalidDestination),
            (400, Some(1008), InvalidId),
            (400, Some(1009), InvalidCountry),
            (400, Some(1010), OutOfRange),
            (400, Some(1012), InvalidIp),
            (426, Some(1014), InsecureProtocol),
            (426, None, InsecureProtocol),
            (401, Some(1200), Unauthorized),
            (401, None, Unauthorized),
            (403, Some(1201), Forbidden),
            (404, Some(1300), NotFound),
            (404, Some(1404), NotFound),
            (404, None, NotFound),
            (403, Some(1400), ResendTooSoon),
            (403, None, ResendTooSoon),
            (429, Some(1100), RateLimited),
            (429, Some(2000), RateLimited),
            (500, Some(2000), ServerError),
            (502, None, ServerError),
            (400, Some(3030), Unknown),
            (413, Some(1000), InvalidParameter),
            (418, None, Unknown),
        ];
        for (status, code, kind) in cases {
            assert_eq!(
                ApiErrorKind::classify(status, code),
                kind,
                "{status} {code:?}"
            );
        }
    }

    #[test]
    fn every_kind_has_a_distinct_code() {
        let kinds = ApiErrorKind::ALL;
        let mut codes: Vec<&str> = kinds.iter().map(|k| k.code()).collect();
        codes.sort_unstable();
        codes.dedup();
        assert_eq!(codes.len(), kinds.len());
    }
}
