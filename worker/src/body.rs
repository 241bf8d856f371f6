//! Reading a request body: JSON only, 8 KB at most, and what the edge does
//! to it before validation: the page's fields kept, the operator's refused
//! by name and then filled in from the configuration, `clientIp` from the
//! connection.

use verify8x8::json::{self, Value};
use verify8x8::params::{Violation, ViolationCode, VERIFICATION_FIELDS};

use crate::config::{Config, Send};
use crate::reply::Refusal;
use crate::sms_text::sms_template;

/// The largest body the worker reads, bytes.
pub const MAX_BODY: usize = 8 * 1024;

/// How much of a body past [`MAX_BODY`] is read (and dropped, never kept)
/// before the stream is abandoned: a client that sent a little too much
/// keeps a usable connection; one that never stops is cut off.
pub const DRAIN_MAX: usize = 64 * 1024;

/// Refuses a body whose declared type is not JSON or whose declared length is
/// too large, before reading it.
pub fn check_headers(
    content_type: Option<&str>,
    content_length: Option<&str>,
) -> Result<(), Refusal> {
    let media_type = content_type
        .unwrap_or("")
        .split(';')
        .next()
        .unwrap_or("")
        .trim();
    if !media_type.eq_ignore_ascii_case("application/json") {
        let message =
            "send the request body as JSON with `Content-Type: application/json`".to_owned();
        return Err(Refusal::NotJson {
            content_type: true,
            message,
        });
    }
    match content_length.map(|l| l.trim().parse::<usize>()) {
        Some(Ok(length)) if length > MAX_BODY => Err(Refusal::TooLarge { max: MAX_BODY }),
        _ => Ok(()),
    }
}

/// Parses a body that was read (its real length checked too: a chunked body
/// has no `Content-Length`).
pub fn parse(text: &str) -> Result<Value, Refusal> {
    if text.len() > MAX_BODY {
        return Err(Refusal::TooLarge { max: MAX_BODY });
    }
    json::parse(text).map_err(|e| Refusal::NotJson {
        content_type: false,
        message: format!(
            "the request body is not valid JSON: {} at byte {}",
            e.message, e.offset
        ),
    })
}

/// What a page may choose in a start: the number, its country, a channel,
/// the language, a WhatsApp template of the operator's list, and the app
/// backend's nonce. Every other field of 8x8's request is the operator's.
pub const BROWSER_START_FIELDS: [&str; 6] = [
    "destination",
    "country",
    "channel",
    "language",
    "whatsapp",
    "nonce",
];

/// What a page may send to the coverage check.
pub const BROWSER_COVERAGE_FIELDS: [&str; 2] = ["destination", "country"];

/// The longest nonce, characters.
pub const MAX_NONCE: usize = 128;

/// A start as the page sent it, after the edge's reading: the request for
/// 8x8's validator (the operator's fields filled in) and the nonce, which 8x8
/// never sees.
#[derive(Debug, Clone, PartialEq)]
pub struct Start {
    /// 8x8's request body, for `params::validate_verification`.
    pub request: Value,
    /// The app backend's nonce, echoed in the proof.
    pub nonce: Option<String>,
}

/// Reads a page's start: refuses every field the operator sets, by name
/// (`server_controlled`), a WhatsApp template outside the operator's list and
/// a malformed nonce, all at once; then fills in what the operator chose and
/// `clientIp` from the connection. Unknown fields are left for the
/// validator, which names them.
///
/// `host` is the host the SMS binds its code to (`crate::sms_text`): the
/// operator's `OTP_HOST`, else the worker's own.
pub fn start(
    body: Value,
    config: &Config,
    client_ip: Option<&str>,
    host: &str,
) -> Result<Start, Refusal> {
    let Value::Object(members) = body else {
        // The validator reports the wrong type.
        return Ok(Start {
            request: body,
            nonce: None,
        });
    };
    let mut violations = Vec::new();
    let mut nonce = None;
    let mut kept = Vec::new();
    for (name, value) in members {
        match name.as_str() {
            "nonce" => nonce = read_nonce(&value, &mut violations),
            "whatsapp" => {
                check_whatsapp(&value, &config.whatsapp_templates, &mut violations);
                kept.push((name, value));
            }
            _ if BROWSER_START_FIELDS.contains(&name.as_str()) => kept.push((name, value)),
            _ if VERIFICATION_FIELDS.contains(&name.as_str()) => {
                violations.push(server_controlled(&name));
            }
            _ => kept.push((name, value)),
        }
    }
    if !violations.is_empty() {
        return Err(Refusal::Invalid(violations));
    }
    let channel = kept
        .iter()
        .find(|(name, _)| name == "channel")
        .and_then(|(_, value)| value.as_str())
        .unwrap_or("sms")
        .to_owned();
    let language = kept
        .iter()
        .find(|(name, _)| name == "language")
        .and_then(|(_, value)| value.as_str())
        .map(str::to_owned);
    let host = config.send.otp_host.as_deref().unwrap_or(host);
    kept.extend(operator_fields(
        &config.send,
        &channel,
        language.as_deref(),
        host,
    ));
    if let Some(ip) = client_ip {
        kept.push(("clientIp".to_owned(), Value::String(ip.to_owned())));
    }
    Ok(Start {
        request: Value::Object(kept),
        nonce,
    })
}

/// Reads a page's coverage check: only `destination` and `country`; the
/// operator's `clientIp` from the connection.
pub fn coverage(body: Value, client_ip: Option<&str>) -> Result<Value, Refusal> {
    let Value::Object(members) = body else {
        return Ok(body);
    };
    let violations: Vec<Violation> = members
        .iter()
        .filter(|(name, _)| name == "clientIp")
        .map(|(name, _)| server_controlled(name))
        .collect();
    if !violations.is_empty() {
        return Err(Refusal::Invalid(violations));
    }
    let mut members = members;
    if let Some(ip) = client_ip {
        members.push(("clientIp".to_owned(), Value::String(ip.to_owned())));
    }
    Ok(Value::Object(members))
}

/// The channel of a resend (`{}` or `{"channel"}`): the session's own, or,
/// for a silent (`sma`) session that did not verify, another channel to send
/// a code by (the page's fallback). The allow-list is the policy's to check.
pub fn fallback_channel(body: &Value, current: &str) -> Result<String, Refusal> {
    let Value::Object(members) = body else {
        return Err(Refusal::Invalid(vec![Violation::new(
            "",
            ViolationCode::WrongType,
            "the body must be a JSON object: {} or {\"channel\": \"sms\"}",
        )]));
    };
    let mut channel = current.to_owned();
    let mut violations = Vec::new();
    for (name, value) in members {
        match (name.as_str(), value.as_str()) {
            ("channel", Some(asked)) if asked == current => {}
            ("channel", Some(asked)) if current == "sma" && asked != "sma" => {
                channel = asked.to_owned();
            }
            ("channel", _) => violations.push(Violation::new(
                "channel",
                ViolationCode::NotAllowed,
                "channel can change only from sma (silent authentication) to a channel that sends a code",
            )),
            _ => violations.push(Violation::new(
                name,
                ViolationCode::NotAllowed,
                format!("{name} cannot be sent with a resend: only channel"),
            )),
        }
    }
    if violations.is_empty() {
        Ok(channel)
    } else {
        Err(Refusal::Invalid(violations))
    }
}

fn server_controlled(name: &str) -> Violation {
    Violation::new(
        name,
        ViolationCode::ServerControlled,
        format!("{name} is set by this service's operator, not by the page: remove it"),
    )
}

/// The fields of 8x8's request that the operator chose (`crate::config::Send`);
/// an SMS's text is bound to `host` in `language`'s wording.
fn operator_fields(
    send: &Send,
    channel: &str,
    language: Option<&str>,
    host: &str,
) -> Vec<(String, Value)> {
    let text = |s: &str| Value::String(s.to_owned());
    let mut fields = vec![
        (
            "codeLength".to_owned(),
            Value::Number(f64::from(send.code_length)),
        ),
        ("codeType".to_owned(), text(send.code_type.as_str())),
        (
            "codeValidity".to_owned(),
            Value::Number(f64::from(send.code_validity)),
        ),
        (
            "resendingInterval".to_owned(),
            Value::Number(f64::from(send.resending_interval)),
        ),
    ];
    let optional = [
        ("brand", &send.brand),
        ("templateKey", &send.template_key),
        ("callbackUrl", &send.callback_url),
    ];
    for (name, value) in optional {
        if let Some(value) = value {
            fields.push((name.to_owned(), text(value)));
        }
    }
    // 8x8 reads the template and the channel objects for their channel only.
    match (channel, &send.template, &send.sms_source, &send.call_source) {
        ("sms", template, source, _) => {
            // A saved template (`TEMPLATE_KEY`) is the operator's whole text.
            if send.template_key.is_none() {
                let template =
                    sms_template(template.as_deref(), send.brand.is_some(), language, host);
                fields.push(("template".to_owned(), text(&template)));
            }
            if let Some(source) = source {
                let sms = vec![("source".to_owned(), text(source))];
                fields.push(("sms".to_owned(), Value::Object(sms)));
            }
        }
        ("call", _, _, Some(source)) => {
            let call = vec![("source".to_owned(), text(source))];
            fields.push(("call".to_owned(), Value::Object(call)));
        }
        _ => {}
    }
    fields
}

fn read_nonce(value: &Value, violations: &mut Vec<Violation>) -> Option<String> {
    let well_formed = value
        .as_str()
        .filter(|n| (1..=MAX_NONCE).contains(&n.len()) && n.bytes().all(|b| b.is_ascii_graphic()));
    if well_formed.is_none() {
        violations.push(Violation::new(
            "nonce",
            ViolationCode::Pattern,
            format!("nonce must be 1 to {MAX_NONCE} visible ASCII characters (your backend's value for this login)"),
        ));
    }
    well_formed.map(str::to_owned)
}

fn check_whatsapp(value: &Value, templates: &[String], violations: &mut Vec<Violation>) {
    let Value::Object(members) = value else {
        return; // the validator reports the wrong type
    };
    for (name, value) in members {
        if name != "templateName" {
            violations.push(server_controlled(&format!("whatsapp.{name}")));
        } else if let Some(template) = value.as_str() {
            if !templates.iter().any(|t| t == template) {
                violations.push(Violation::new(
                    "whatsapp.templateName",
                    ViolationCode::NotOneOf,
                    "whatsapp.templateName is not one of the templates this service offers",
                ));
            }
        }
    }
}

#[cfg(test)]
mod tests;
