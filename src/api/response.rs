//! Response interpretation: (HTTP status, headers, body text) to a typed
//! result or a typed [`Error`]. Never panics: an empty body, an HTML page
//! from a proxy or JSON of the wrong shape is an error like any other.

use super::error::{
    ApiError, ApiErrorKind, ApiViolation, Error, TransportError, TransportErrorKind,
};
use super::retry_after::retry_after_seconds;
use crate::json::number::display;
use crate::json::{self, Value};
use crate::params::{Coverage, Limit, Session, SessionStatus, SmaInfo};

/// A session answer, with the edge worker's `proof` when there is one.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SessionReply {
    /// The session.
    pub session: Session,
    /// Edge worker only: a signed token (an EdDSA JWT) proving the number was
    /// verified, present when a code check made the session `VERIFIED`.
    pub proof: Option<String>,
}

/// The session of a start, a status read or a code check answer.
///
/// ```
/// use verify8x8::api::parse_session;
/// let body = r#"{"sessionId":"a44a","verifyUri":"/x","destination":"+6587654321","status":"WAITING","attempt":0,"expiresAt":"t1","retryAfter":"t2"}"#;
/// assert_eq!(parse_session(200, &[], body).unwrap().session_id, "a44a");
/// assert_eq!(parse_session(502, &[], "<html>Bad gateway</html>").unwrap_err().code(), "server_error");
/// ```
pub fn parse_session(
    status: u16,
    headers: &[(String, String)],
    body: &str,
) -> Result<Session, Error> {
    parse_session_reply(status, headers, body).map(|reply| reply.session)
}

/// Like [`parse_session`], keeping the edge worker's `proof`.
pub fn parse_session_reply(
    status: u16,
    headers: &[(String, String)],
    body: &str,
) -> Result<SessionReply, Error> {
    let value = success(status, headers, body)?;
    let session = session(&value).ok_or_else(|| bad(status, "a session", body))?;
    let proof = value
        .get("proof")
        .and_then(Value::as_str)
        .map(str::to_owned);
    Ok(SessionReply { session, proof })
}

/// The SMA coverage answer `{isAvailable}`.
///
/// ```
/// use verify8x8::api::parse_coverage;
/// assert!(parse_coverage(200, &[], r#"{"isAvailable":true}"#).unwrap().is_available);
/// assert_eq!(parse_coverage(200, &[], r#"{"available":true}"#).unwrap_err().code(), "bad_response");
/// ```
pub fn parse_coverage(
    status: u16,
    headers: &[(String, String)],
    body: &str,
) -> Result<Coverage, Error> {
    let value = success(status, headers, body)?;
    let is_available = value
        .get("isAvailable")
        .and_then(Value::as_bool)
        .ok_or_else(|| bad(status, "a coverage answer", body))?;
    Ok(Coverage { is_available })
}

/// The error an answer with a non-2xx status stands for, whatever its body.
pub fn parse_error(status: u16, headers: &[(String, String)], body: &str) -> ApiError {
    let value = json::parse(body).ok().filter(|v| v.as_object().is_some());
    let field = |name: &str| value.as_ref().and_then(|v| v.get(name));
    let text = |name: &str| field(name).and_then(Value::as_str).map(str::to_owned);
    let code = field("code")
        .and_then(Value::as_f64)
        .filter(|c| c.fract() == 0.0 && (0.0..=f64::from(u32::MAX)).contains(c))
        .map(|c| c as u32);
    let message = text("message")
        .filter(|m| !m.is_empty())
        .unwrap_or_else(|| match &value {
            Some(_) => format!("HTTP {status}"),
            None => format!("HTTP {status} (the body is not 8x8's error JSON)"),
        });
    let retry_after = field("retryAfter")
        .and_then(Value::as_f64)
        .filter(|s| s.is_finite() && *s >= 0.0)
        .map(|s| s.ceil() as u64)
        .or_else(|| {
            let date = header(headers, "date");
            header(headers, "retry-after").and_then(|v| retry_after_seconds(v, date))
        });
    let violations = field("violations")
        .and_then(Value::as_array)
        .map(|items| items.iter().filter_map(violation).collect())
        .unwrap_or_default();
    ApiError {
        status,
        code,
        kind: ApiErrorKind::classify(status, code),
        error_id: text("errorId"),
        message,
        timestamp: text("timestamp"),
        retry_after,
        violations,
        limit: text("limit"),
    }
}

/// The header's value (names compared without regard to case).
pub fn header<'a>(headers: &'a [(String, String)], name: &str) -> Option<&'a str> {
    headers
        .iter()
        .find(|(n, _)| n.eq_ignore_ascii_case(name))
        .map(|(_, v)| v.as_str())
}

/// The JSON object of a 2xx answer, or the error the answer stands for.
fn success(status: u16, headers: &[(String, String)], body: &str) -> Result<Value, Error> {
    if !(200..300).contains(&status) {
        return Err(Error::Api(parse_error(status, headers, body)));
    }
    json::parse(body)
        .ok()
        .filter(|v| v.as_object().is_some())
        .ok_or_else(|| bad(status, "a JSON object", body))
}

fn bad(status: u16, expected: &str, body: &str) -> Error {
    let shown: String = body.chars().take(80).collect();
    Error::Transport(TransportError {
        kind: TransportErrorKind::BadResponse,
        message: format!("HTTP {status} answered, but the body is not {expected}: {shown:?}"),
        status: Some(status),
    })
}

fn session(v: &Value) -> Option<Session> {
    let text = |name: &str| v.get(name).and_then(Value::as_str).map(str::to_owned);
    // The tutorial's older answer spells `sessionID` and gives the
    // destination as a number: read both.
    let session_id = text("sessionId").or_else(|| text("sessionID"))?;
    let status = match v.get("status")?.as_str()? {
        "WAITING" => SessionStatus::Waiting,
        "VERIFIED" => SessionStatus::Verified,
        "FAILED" => SessionStatus::Failed,
        "EXPIRED" => SessionStatus::Expired,
        _ => return None,
    };
    let destination = match v.get("destination") {
        Some(Value::Number(n)) if n.fract() == 0.0 && *n >= 0.0 => format!("+{}", display(*n)),
        Some(Value::String(s)) => s.clone(),
        _ => String::new(),
    };
    let attempt = match v.get("attempt") {
        None | Some(Value::Null) => 0,
        Some(a) => a
            .as_f64()
            .filter(|a| a.fract() == 0.0 && (0.0..=255.0).contains(a))? as u8,
    };
    let sma = match v.get("sma") {
        None | Some(Value::Null) => None,
        Some(sma) => Some(SmaInfo {
            verification_url: sma.get("verificationUrl")?.as_str()?.to_owned(),
        }),
    };
    Some(Session {
        session_id,
        verify_uri: text("verifyUri").unwrap_or_default(),
        destination,
        status,
        attempt,
        expires_at: text("expiresAt").unwrap_or_default(),
        retry_after: text("retryAfter").unwrap_or_default(),
        sma,
    })
}

fn violation(v: &Value) -> Option<ApiViolation> {
    let text = |name: &str| v.get(name).and_then(Value::as_str).map(str::to_owned);
    Some(ApiViolation {
        path: text("path").unwrap_or_default(),
        code: text("code")?,
        message: text("message").unwrap_or_default(),
        limit: v.get("limit").and_then(limit),
    })
}

fn limit(v: &Value) -> Option<Limit> {
    let num = |name: &str| v.get(name).and_then(Value::as_f64);
    let count = |name: &str| {
        num(name)
            .filter(|n| (0.0..=f64::from(u32::MAX)).contains(n))
            .map(|n| n as u32)
    };
    match v.get("kind")?.as_str()? {
        "range" => Some(Limit::Range {
            min: num("min")?,
            max: num("max")?,
        }),
        "length" => Some(Limit::Length {
            min: count("min")?,
            max: count("max")?,
        }),
        "oneOf" => Some(Limit::OneOf {
            values: v
                .get("values")?
                .as_array()?
                .iter()
                .filter_map(Value::as_str)
                .map(str::to_owned)
                .collect(),
        }),
        _ => None,
    }
}
