//! Reading a request body: JSON only, 8 KB at most, and what the edge does
//! to it before validation (`clientIp` from the connection, no `callbackUrl`).

use verify8x8::json::{self, Value};
use verify8x8::params::{Violation, ViolationCode};

use crate::reply::Refusal;

/// The largest body the worker reads, bytes.
pub const MAX_BODY: usize = 8 * 1024;

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

/// What the edge does to a start or coverage body before validating it:
/// `clientIp` becomes the connection's address (whatever the body said: a
/// browser cannot be trusted with it), and `callbackUrl` is refused (the
/// edge would otherwise let anyone aim 8x8's webhooks at any address).
pub fn with_edge_fields(
    body: Value,
    client_ip: Option<&str>,
    allow_callback: bool,
) -> Result<Value, Refusal> {
    let Value::Object(mut members) = body else {
        return Ok(body); // the validator reports the wrong type
    };
    if !allow_callback && members.iter().any(|(k, _)| k == "callbackUrl") {
        let message = "callbackUrl cannot be set through this service".to_owned();
        return Err(Refusal::Invalid(vec![Violation::new(
            "callbackUrl",
            ViolationCode::NotAllowed,
            message,
        )]));
    }
    members.retain(|(k, _)| k != "clientIp");
    if let Some(ip) = client_ip {
        members.push(("clientIp".to_owned(), Value::String(ip.to_owned())));
    }
    Ok(Value::Object(members))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_json_is_read() {
        assert!(check_headers(Some("application/json"), None).is_ok());
        assert!(check_headers(Some("Application/JSON; charset=utf-8"), Some("12")).is_ok());
        for bad in [
            None,
            Some("text/plain"),
            Some("application/x-www-form-urlencoded"),
            Some("application/jsonp"),
        ] {
            assert!(
                matches!(
                    check_headers(bad, None),
                    Err(Refusal::NotJson {
                        content_type: true,
                        ..
                    })
                ),
                "{bad:?}"
            );
        }
    }

    #[test]
    fn large_bodies_are_refused_by_header_and_by_size() {
        assert_eq!(
            check_headers(Some("application/json"), Some("8193")),
            Err(Refusal::TooLarge { max: MAX_BODY })
        );
        assert!(check_headers(Some("application/json"), Some("8192")).is_ok());
        let big = format!("{{\"brand\":\"{}\"}}", "x".repeat(MAX_BODY));
        assert_eq!(parse(&big), Err(Refusal::TooLarge { max: MAX_BODY }));
    }

    #[test]
    fn invalid_json_says_where() {
        let Err(Refusal::NotJson {
            content_type: false,
            message,
        }) = parse("{\"destination\": }")
        else {
            panic!("refused as not JSON");
        };
        assert!(message.contains("byte"), "{message}");
    }

    #[test]
    fn client_ip_comes_from_the_connection_only() {
        let body =
            json::parse(r#"{"destination":"+6587654321","clientIp":"6.6.6.6"}"#).expect("json");
        let edged = with_edge_fields(body.clone(), Some("203.0.113.7"), false).expect("ok");
        assert_eq!(
            edged.get("clientIp").and_then(Value::as_str),
            Some("203.0.113.7")
        );
        let without = with_edge_fields(body, None, false).expect("ok");
        assert_eq!(without.get("clientIp"), None);
    }

    #[test]
    fn callback_url_is_refused() {
        let body = json::parse(r#"{"destination":"+6587654321","callbackUrl":"http://10.0.0.1/"}"#)
            .expect("json");
        let Err(Refusal::Invalid(violations)) = with_edge_fields(body, None, false) else {
            panic!("refused");
        };
        assert_eq!(violations[0].path, "callbackUrl");
        assert_eq!(violations[0].code, ViolationCode::NotAllowed);
    }
}
