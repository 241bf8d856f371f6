//! Request validation by the crate's own rules (`verify8x8::params`): the
//! emulator refuses exactly what the client library refuses, with 8x8's
//! error answers (`Violation::reason`), and never has a second
//! validator of its own.

use verify8x8::contract::Reason;
use verify8x8::json::{self, Value};
use verify8x8::params::{self, CodeType, Verdict, Violation};

use crate::error::ApiError;
use crate::request::{CoverageRequest, StartRequest};

/// A `POST /sessions` body, resolved with 8x8's defaults.
pub(crate) fn start(body: &[u8]) -> Result<StartRequest, ApiError> {
    let input = parse(body)?;
    let req = resolved(params::validate_verification(&input))?;
    Ok(StartRequest {
        channel: req.channel,
        code_kind: req.code_type.unwrap_or(CodeType::Numeric),
        reset_session: req.reset_session.unwrap_or(false),
        client_ip: req.client_ip.as_deref().and_then(|ip| ip.parse().ok()),
        source: req
            .sms
            .as_ref()
            .and_then(|s| s.source.clone())
            .or_else(|| req.call.as_ref().and_then(|c| c.source.clone())),
        whatsapp_template: req.whatsapp.as_ref().map(|w| w.template_name.clone()),
        destination: req.destination,
        brand: req.brand,
        code_length: req.code_length,
        code_validity: req.code_validity,
        template: req.template,
        language: req.language,
        resending_interval: req.resending_interval,
        callback_url: req.callback_url,
    })
}

/// A `POST /sma/coverage` body.
pub(crate) fn coverage(body: &[u8]) -> Result<CoverageRequest, ApiError> {
    let input = parse(body)?;
    let req = resolved(params::validate_coverage(&input))?;
    let client_ip = req
        .client_ip
        .parse()
        .map_err(|_| ApiError::detailed(Reason::InvalidIp, "clientIp must be an IP address"))?;
    Ok(CoverageRequest {
        client_ip,
        destination: req.destination,
    })
}

/// The `code` query parameter of `GET /sessions/{id}`, checked with the
/// session id (an id that cannot exist is simply not found).
pub(crate) fn code(session_id: &str, code: Option<&str>) -> Result<Option<String>, ApiError> {
    let verdict = params::check_code(session_id, code);
    if verdict.errors.iter().any(|v| v.path == "sessionId") {
        return Err(ApiError::session_not_found());
    }
    Ok(resolved(verdict)?.code)
}

/// The body as the crate's JSON value (strict, depth-limited).
fn parse(body: &[u8]) -> Result<Value, ApiError> {
    let text =
        std::str::from_utf8(body).map_err(|_| ApiError::invalid("Invalid JSON body: not UTF-8"))?;
    json::parse(text).map_err(|e| {
        ApiError::invalid(format!(
            "Invalid JSON body: {} (at byte {})",
            e.message, e.offset
        ))
    })
}

/// The resolved request, or a 400 with the first violation's 8x8 code and
/// every violation's message (each names its field).
fn resolved<T>(verdict: Verdict<T>) -> Result<T, ApiError> {
    if let Some(first) = verdict.errors.first() {
        let reason = first.reason();
        let mut message = messages(&verdict.errors);
        if reason == Reason::InvalidDestination {
            // 8x8's own wording first (its OpenAPI example), then the field.
            message = format!("{}: {message}", reason.message());
        }
        return Err(ApiError::detailed(reason, message));
    }
    verdict.request.ok_or_else(ApiError::internal)
}

fn messages(errors: &[Violation]) -> String {
    errors
        .iter()
        .map(|v| v.message.as_str())
        .collect::<Vec<_>>()
        .join("; ")
}
