//! Request validation: bodies and query parameters become the emulator's
//! requests, or a 400 in 8x8's shape naming the field.
//!
//! TEMPORARY: a minimal reading until `verify8x8::params` lands; it is then
//! replaced by calls to `validate_verification` / `validate_coverage`.

use std::net::IpAddr;

use crate::code::CodeKind;
use crate::error::ApiError;
use crate::request::{Channel, CoverageRequest, StartRequest};

fn parse(body: &[u8]) -> Result<serde_json::Map<String, serde_json::Value>, ApiError> {
    let value: serde_json::Value = serde_json::from_slice(body)
        .map_err(|e| ApiError::invalid(format!("Invalid JSON body: {e}")))?;
    match value {
        serde_json::Value::Object(map) => Ok(map),
        _ => Err(ApiError::invalid("The body must be a JSON object")),
    }
}

fn e164(map: &serde_json::Map<String, serde_json::Value>) -> Result<String, ApiError> {
    let raw = map
        .get("destination")
        .and_then(|d| d.as_str())
        .ok_or_else(|| ApiError::invalid("destination is required"))?;
    let digits: String = raw.chars().filter(char::is_ascii_digit).collect();
    let digits = match map.get("country").and_then(|c| c.as_str()) {
        Some("SG") if !raw.trim_start().starts_with('+') && digits.len() == 8 => {
            format!("65{digits}")
        }
        _ => digits,
    };
    if !(8..=15).contains(&digits.len()) {
        return Err(ApiError::new(
            axum::http::StatusCode::BAD_REQUEST,
            1002,
            "Invalid MSISDN format (not E.164 international number)",
        ));
    }
    Ok(format!("+{digits}"))
}

/// A `POST /sessions` body.
pub(crate) fn start(body: &[u8]) -> Result<StartRequest, ApiError> {
    let map = parse(body)?;
    let str_of = |k: &str| map.get(k).and_then(|v| v.as_str()).map(String::from);
    let num = |k: &str, d: u64| map.get(k).and_then(serde_json::Value::as_u64).unwrap_or(d);
    let channel = match str_of("channel").as_deref() {
        None | Some("sms") => Channel::Sms,
        Some("call") => Channel::Call,
        Some("whatsapp") => Channel::Whatsapp,
        Some("viber") => Channel::Viber,
        Some("sma") => Channel::Sma,
        Some(_) => {
            return Err(ApiError::invalid(
                "channel must be one of sms, call, whatsapp, viber, sma",
            ))
        }
    };
    let code_kind = match str_of("codeType").as_deref() {
        None | Some("NUMERIC") => CodeKind::Numeric,
        Some("NUMERIC_WITH_DASH") => CodeKind::NumericWithDash,
        Some("ALPHANUMERIC") => CodeKind::Alphanumeric,
        Some("ALPHANUMERIC_CAPITALS") => CodeKind::AlphanumericCapitals,
        Some("ALPHANUMERIC_EASY") => CodeKind::AlphanumericEasy,
        Some(_) => return Err(ApiError::invalid("codeType is not one of the five types")),
    };
    let nested = |o: &str, k: &str| {
        map.get(o)
            .and_then(|v| v.get(k))
            .and_then(|v| v.as_str())
            .map(String::from)
    };
    Ok(StartRequest {
        destination: e164(&map)?,
        channel,
        brand: str_of("brand"),
        code_length: u8::try_from(num("codeLength", 4).clamp(3, 10)).unwrap_or(4),
        code_validity: u32::try_from(num("codeValidity", 300).clamp(30, 7200)).unwrap_or(300),
        code_kind,
        template: str_of("template"),
        language: str_of("language"),
        reset_session: map.get("resetSession").and_then(serde_json::Value::as_bool) == Some(true),
        resending_interval: u32::try_from(num("resendingInterval", 10).clamp(10, 7200))
            .unwrap_or(10),
        callback_url: str_of("callbackUrl"),
        client_ip: str_of("clientIp").and_then(|ip| ip.parse().ok()),
        source: nested("sms", "source").or_else(|| nested("call", "source")),
        whatsapp_template: nested("whatsapp", "templateName"),
    })
}

/// A `POST /sma/coverage` body.
pub(crate) fn coverage(body: &[u8]) -> Result<CoverageRequest, ApiError> {
    let map = parse(body)?;
    let client_ip: IpAddr = map
        .get("clientIp")
        .and_then(|v| v.as_str())
        .and_then(|ip| ip.parse().ok())
        .ok_or_else(|| {
            ApiError::new(
                axum::http::StatusCode::BAD_REQUEST,
                1012,
                "clientIp must be an IP address",
            )
        })?;
    let destination = if map.contains_key("destination") {
        Some(e164(&map)?)
    } else {
        None
    };
    Ok(CoverageRequest {
        client_ip,
        destination,
    })
}

/// The `code` query parameter of `GET /sessions/{id}`.
pub(crate) fn code(session_id: &str, code: Option<&str>) -> Result<Option<String>, ApiError> {
    let _ = session_id;
    match code {
        None => Ok(None),
        Some(c) if (3..=11).contains(&c.chars().count()) => Ok(Some(c.to_string())),
        Some(_) => Err(ApiError::invalid("code must be 3 to 10 characters")),
    }
}
