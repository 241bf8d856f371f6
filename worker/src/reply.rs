//! Every refusal the worker makes, as 8x8 would word it: status, 8x8 error
//! `code`, a plain message, and the extension fields of the edge
//! (`violations`, `limit`, `retryAfter`). No stack trace or internal detail.

use verify8x8::api::ApiError;
use verify8x8::contract::Reason;
use verify8x8::json::{self, Value};
use verify8x8::params::Violation;

/// Why the worker refuses a request.
#[derive(Debug, Clone, PartialEq)]
pub enum Refusal {
    /// The request breaks 8x8's rules (the first violation's [`Reason`]).
    Invalid(Vec<Violation>),
    /// The request breaks the edge's policy: country, landline ([`Reason::Forbidden`]).
    Policy(Vec<Violation>),
    /// A rate limit is reached ([`Reason::RateLimited`], `Retry-After`).
    RateLimited {
        /// Which limit: `destination`, `ip`, `prefix`, `country`, `session_checks`,
        /// `destination_failures`, `ip_checks`, `ip_reads`, and the defences against SMS
        /// pumping: `ip_24`, `ip_56`, `ip_48`, `range`, `asn`, `cold_countries`,
        /// `conversion`, `global`.
        limit: &'static str,
        /// Seconds until a request would be admitted.
        retry_after: u64,
    },
    /// The body is not JSON or not declared as JSON.
    NotJson {
        /// True when the `Content-Type` is wrong, false when the text is not JSON.
        content_type: bool,
        /// What is wrong.
        message: String,
    },
    /// The body is larger than the edge accepts.
    TooLarge {
        /// The limit, bytes.
        max: usize,
    },
    /// A session handle that is not genuine ([`Reason::InvalidId`]).
    BadHandle,
    /// A genuine handle past its expiry: the session is gone
    /// ([`Reason::SessionNotFound`]).
    ExpiredHandle,
    /// A genuine handle whose session this party no longer owns: verified,
    /// failed, or lapsed ([`Reason::SessionNotFound`]).
    NotOwner,
    /// The number has a pending verification started by someone else, or
    /// earlier: nothing was sent ([`Reason::SessionPending`], `Retry-After`
    /// until its code expires).
    SessionPending {
        /// Seconds until the pending code expires.
        retry_after: u64,
        /// When it expires (ISO 8601).
        expires_at: String,
    },
    /// The Turnstile challenge was not passed: nothing was sent
    /// ([`Reason::Forbidden`]).
    Challenge(String),
    /// The `Origin` is not allowed ([`Reason::Forbidden`]).
    Origin,
    /// No such route ([`Reason::NotFound`]).
    NotFound,
    /// The route exists but not with this method (`Allow`).
    Method {
        /// The methods the route takes.
        allow: &'static str,
    },
    /// The worker's configuration is missing or invalid ([`Reason::ServerError`]).
    Misconfigured(String),
    /// 8x8 could not be reached or did not answer in time.
    Upstream {
        /// True for a timeout ([`Reason::GatewayTimeout`]), false otherwise
        /// ([`Reason::BadGateway`]).
        timeout: bool,
        /// What happened, without internal detail.
        message: String,
    },
}

/// A reply ready to send: status, headers and JSON body.
#[derive(Debug, Clone, PartialEq)]
pub struct Reply {
    /// HTTP status.
    pub status: u16,
    /// Extra headers (besides `Content-Type: application/json`).
    pub headers: Vec<(&'static str, String)>,
    /// The JSON body.
    pub body: String,
}

impl Refusal {
    /// The reply, with `error_id` (a UUID) and `timestamp` (ISO 8601) made by the caller.
    pub fn reply(&self, error_id: &str, timestamp: &str) -> Reply {
        let (status, code, message) = self.summary();
        let mut fields = vec![
            ("code".to_owned(), Value::Number(f64::from(code))),
            ("message".to_owned(), Value::String(message)),
            ("errorId".to_owned(), Value::String(error_id.to_owned())),
            ("timestamp".to_owned(), Value::String(timestamp.to_owned())),
        ];
        let mut headers = Vec::new();
        match self {
            Refusal::Invalid(violations) | Refusal::Policy(violations) => {
                fields.push(("violations".to_owned(), violations_json(violations)));
            }
            Refusal::RateLimited { limit, retry_after } => {
                fields.push(("limit".to_owned(), Value::String((*limit).to_owned())));
                fields.push(("retryAfter".to_owned(), Value::Number(*retry_after as f64)));
                headers.push(("Retry-After", retry_after.to_string()));
            }
            Refusal::SessionPending {
                retry_after,
                expires_at,
            } => {
                fields.push(("retryAfter".to_owned(), Value::Number(*retry_after as f64)));
                fields.push(("expiresAt".to_owned(), Value::String(expires_at.clone())));
                headers.push(("Retry-After", retry_after.to_string()));
            }
            Refusal::Method { allow } => headers.push(("Allow", (*allow).to_owned())),
            _ => {}
        }
        Reply {
            status,
            headers,
            body: json::to_string(&Value::Object(fields)),
        }
    }

    fn summary(&self) -> (u16, u32, String) {
        let (reason, message) = self.reason();
        (reason.status(), reason.code(), message)
    }

    /// 8x8's answer for this refusal (status and code), and its message.
    fn reason(&self) -> (Reason, String) {
        match self {
            Refusal::Invalid(violations) => (
                violations
                    .first()
                    .map_or(Reason::InvalidParameter, Violation::reason),
                first_message(violations, "the request is invalid"),
            ),
            Refusal::Policy(violations) => (
                Reason::Forbidden,
                first_message(violations, "the request is not allowed here"),
            ),
            Refusal::RateLimited {
                limit: "global",
                retry_after,
            } => (
                Reason::RateLimited,
                format!("this service has sent as many verification codes as it allows for now (global limit, LIMIT_GLOBAL); retry in {retry_after} s"),
            ),
            Refusal::RateLimited {
                limit: "conversion",
                retry_after,
            } => (
                Reason::RateLimited,
                format!("verifications to this destination are paused: too few of the codes sent there were entered (conversion limit); retry in {retry_after} s"),
            ),
            Refusal::RateLimited { limit, retry_after } => (
                Reason::RateLimited,
                format!("too many verification requests ({limit} limit); retry in {retry_after} s"),
            ),
            Refusal::Challenge(message) => (Reason::Forbidden, message.clone()),
            Refusal::NotJson {
                content_type: true,
                message,
            } => (Reason::UnsupportedMediaType, message.clone()),
            Refusal::NotJson {
                content_type: false,
                message,
            } => (Reason::InvalidParameter, message.clone()),
            Refusal::TooLarge { max } => (
                Reason::PayloadTooLarge,
                format!("the request body is larger than {max} bytes"),
            ),
            Refusal::BadHandle => (
                Reason::InvalidId,
                "sessionId is not a session handle issued by this service".to_owned(),
            ),
            Refusal::ExpiredHandle => (
                Reason::SessionNotFound,
                Reason::SessionNotFound.message().to_owned(),
            ),
            Refusal::NotOwner => (
                Reason::SessionNotFound,
                "this verification is over (verified, failed or expired): start a new one".to_owned(),
            ),
            Refusal::SessionPending { retry_after, .. } => (
                Reason::SessionPending,
                format!("a code was already sent to this number and is still valid: enter it, or start again in {retry_after} s"),
            ),
            Refusal::Origin => (
                Reason::Forbidden,
                "this origin may not call this service".to_owned(),
            ),
            Refusal::NotFound => (Reason::NotFound, "no such route".to_owned()),
            Refusal::Method { allow } => (
                Reason::MethodNotAllowed,
                format!("method not allowed here; use {allow}"),
            ),
            Refusal::Misconfigured(what) => (
                Reason::ServerError,
                format!("the verification service is misconfigured: {what}"),
            ),
            Refusal::Upstream {
                timeout: true,
                message,
            } => (Reason::GatewayTimeout, message.clone()),
            Refusal::Upstream {
                timeout: false,
                message,
            } => (Reason::BadGateway, message.clone()),
        }
    }
}

/// 8x8's own error, passed through with its status, code, message, id and
/// `Retry-After` (the caller handles credential errors, which are the
/// service's, not the browser's). `error_id` and `timestamp` stand in when
/// 8x8's answer had none.
pub fn passthrough(error: &ApiError, error_id: &str, timestamp: &str) -> Reply {
    let mut fields = vec![
        (
            "code".to_owned(),
            Value::Number(f64::from(error.code.unwrap_or(Reason::ServerError.code()))),
        ),
        ("message".to_owned(), Value::String(error.message.clone())),
        (
            "errorId".to_owned(),
            Value::String(
                error
                    .error_id
                    .clone()
                    .unwrap_or_else(|| error_id.to_owned()),
            ),
        ),
        (
            "timestamp".to_owned(),
            Value::String(
                error
                    .timestamp
                    .clone()
                    .unwrap_or_else(|| timestamp.to_owned()),
            ),
        ),
    ];
    let mut headers = Vec::new();
    if let Some(seconds) = error.retry_after {
        fields.push(("retryAfter".to_owned(), Value::Number(seconds as f64)));
        headers.push(("Retry-After", seconds.to_string()));
    }
    Reply {
        status: error.status,
        headers,
        body: json::to_string(&Value::Object(fields)),
    }
}

fn first_message(violations: &[Violation], otherwise: &str) -> String {
    violations
        .first()
        .map_or_else(|| otherwise.to_owned(), |v| v.message.clone())
}

fn violations_json(violations: &[Violation]) -> Value {
    let one = |v: &Violation| {
        let mut fields = vec![
            ("path".to_owned(), Value::String(v.path.clone())),
            ("code".to_owned(), Value::String(v.code.as_str().to_owned())),
            ("message".to_owned(), Value::String(v.message.clone())),
        ];
        if let Some(reason) = &v.reason {
            fields.push(("reason".to_owned(), Value::String(reason.clone())));
        }
        Value::Object(fields)
    };
    Value::Array(violations.iter().map(one).collect())
}

#[cfg(test)]
mod tests {
    use super::*;
    use verify8x8::params::ViolationCode;

    fn reply(refusal: Refusal) -> (Reply, Value) {
        let reply = refusal.reply(
            "e3b0c442-98fc-4c14-9afb-f4c8996fb924",
            "2026-11-23T06:00:00.000Z",
        );
        let body = json::parse(&reply.body).expect("json");
        (reply, body)
    }

    #[test]
    fn every_refusal_has_8x8s_error_shape() {
        let all = [
            Refusal::Invalid(vec![]),
            Refusal::Policy(vec![]),
            Refusal::RateLimited {
                limit: "ip",
                retry_after: 30,
            },
            Refusal::NotJson {
                content_type: true,
                message: "send JSON".into(),
            },
            Refusal::TooLarge { max: 8192 },
            Refusal::BadHandle,
            Refusal::Challenge("complete the challenge".into()),
            Refusal::ExpiredHandle,
            Refusal::Origin,
            Refusal::NotFound,
            Refusal::Method { allow: "POST" },
            Refusal::Misconfigured("HANDLE_SECRET is not set".into()),
            Refusal::Upstream {
                timeout: true,
                message: "8x8 did not answer in time".into(),
            },
        ];
        for refusal in all {
            let (reply, body) = reply(refusal.clone());
            assert!(reply.status >= 400, "{refusal:?}");
            assert!(
                body.get("code").and_then(Value::as_f64).is_some(),
                "{refusal:?}"
            );
            assert!(body
                .get("message")
                .and_then(Value::as_str)
                .is_some_and(|m| !m.is_empty()));
            assert!(body.get("errorId").and_then(Value::as_str).is_some());
            assert!(body.get("timestamp").and_then(Value::as_str).is_some());
        }
    }

    #[test]
    fn rate_limits_say_which_and_when() {
        let (reply, body) = reply(Refusal::RateLimited {
            limit: "destination",
            retry_after: 540,
        });
        assert_eq!(reply.status, 429);
        assert_eq!(reply.headers, vec![("Retry-After", "540".to_owned())]);
        assert_eq!(
            body.get("limit").and_then(Value::as_str),
            Some("destination")
        );
        assert_eq!(body.get("retryAfter").and_then(Value::as_f64), Some(540.0));
    }

    #[test]
    fn eight_by_eights_errors_pass_through() {
        let too_soon = Reason::ResendTooSoon;
        let body = format!(
            r#"{{"code":{},"message":"{}","errorId":"5c1d","timestamp":"t"}}"#,
            too_soon.code(),
            too_soon.message()
        );
        let headers = [("retry-after".to_owned(), "7".to_owned())];
        let verify8x8::api::Error::Api(error) =
            verify8x8::api::parse_session(too_soon.status(), &headers, &body).unwrap_err()
        else {
            panic!("an API error");
        };
        let reply = passthrough(&error, "unused", "unused");
        assert_eq!(reply.status, 403);
        assert_eq!(reply.headers, vec![("Retry-After", "7".to_owned())]);
        let body = json::parse(&reply.body).expect("json");
        assert_eq!(
            body.get("code").and_then(Value::as_f64),
            Some(f64::from(too_soon.code()))
        );
        assert_eq!(body.get("errorId").and_then(Value::as_str), Some("5c1d"));
        assert_eq!(body.get("retryAfter").and_then(Value::as_f64), Some(7.0));
    }

    #[test]
    fn violations_are_listed_and_coded() {
        let v = Violation::new(
            "destination",
            ViolationCode::CountryNotAllowed,
            "destination: not here",
        );
        let (reply, body) = reply(Refusal::Policy(vec![v]));
        assert_eq!(reply.status, 403);
        assert_eq!(
            body.get("code").and_then(Value::as_f64),
            Some(f64::from(Reason::Forbidden.code()))
        );
        let first = &body
            .get("violations")
            .and_then(Value::as_array)
            .expect("array")[0];
        assert_eq!(
            first.get("code").and_then(Value::as_str),
            Some("country_not_allowed")
        );
        assert_eq!(
            first.get("path").and_then(Value::as_str),
            Some("destination")
        );
    }
}
