//! Cloudflare Turnstile before a start, pure: the token the page sends
//! (`turnstileToken`), the siteverify request, and the judgement of its
//! answer (success, the expected hostname and action). The worker calls
//! siteverify before it counts anything or calls 8x8; any doubt refuses.
//! <https://developers.cloudflare.com/turnstile/get-started/server-side-validation/>

use verify8x8::json::{self, Value};

/// The start body's field with the widget's token.
pub const TOKEN_FIELD: &str = "turnstileToken";

/// Longest token accepted (Cloudflare: at most 2048 characters).
pub const MAX_TOKEN: usize = 2048;

/// Why a token is refused (the 403's message).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Rejection {
    /// No token, or not a string of at most [`MAX_TOKEN`] characters.
    Missing,
    /// siteverify said no; its error codes (`invalid-input-response`,
    /// `timeout-or-duplicate` for an expired or reused token, ...).
    Refused(Vec<String>),
    /// Issued for another hostname.
    Hostname,
    /// Issued for another action.
    Action,
    /// siteverify could not be reached or gave no usable answer.
    Unavailable,
}

impl Rejection {
    /// The message for the page, without the token or the secret.
    pub fn message(&self) -> String {
        let why = match self {
            Rejection::Missing => "turnstileToken is required: complete the challenge".to_owned(),
            Rejection::Refused(codes) if codes.iter().any(|c| c == "timeout-or-duplicate") => {
                "the challenge token has expired or was already used: complete the challenge again"
                    .to_owned()
            }
            Rejection::Refused(codes) => format!(
                "the challenge token is not valid ({}): complete the challenge again",
                if codes.is_empty() {
                    "refused".to_owned()
                } else {
                    codes.join(", ")
                }
            ),
            Rejection::Hostname => "the challenge was completed on another site".to_owned(),
            Rejection::Action => "the challenge was completed for another action".to_owned(),
            Rejection::Unavailable => "the challenge could not be checked; try again".to_owned(),
        };
        format!("{why}; nothing was sent")
    }
}

/// Takes the token out of a start body (the page's field; 8x8 never sees
/// it). `Err` when present but not a string of at most [`MAX_TOKEN`].
pub fn take_token(body: &mut Value) -> Result<Option<String>, Rejection> {
    let Value::Object(members) = body else {
        return Ok(None);
    };
    let Some(index) = members.iter().position(|(name, _)| name == TOKEN_FIELD) else {
        return Ok(None);
    };
    let (_, value) = members.remove(index);
    match value {
        Value::String(token) if !token.is_empty() && token.len() <= MAX_TOKEN => Ok(Some(token)),
        _ => Err(Rejection::Missing),
    }
}

/// The siteverify request body (JSON): the secret, the token, the client's
/// address and an idempotency key (a retry of the same check is answered the same).
pub fn request_body(
    secret: &str,
    token: &str,
    remote_ip: Option<&str>,
    idempotency_key: &str,
) -> String {
    let text = |s: &str| Value::String(s.to_owned());
    let mut fields = vec![
        ("secret".to_owned(), text(secret)),
        ("response".to_owned(), text(token)),
        ("idempotency_key".to_owned(), text(idempotency_key)),
    ];
    if let Some(ip) = remote_ip {
        fields.push(("remoteip".to_owned(), text(ip)));
    }
    json::to_string(&Value::Object(fields))
}

/// Judges siteverify's answer: `success`, then the hostname and the action.
pub fn judge(status: u16, answer: &str, hostname: &str, action: &str) -> Result<(), Rejection> {
    if status != 200 {
        return Err(Rejection::Unavailable);
    }
    let value = json::parse(answer).map_err(|_| Rejection::Unavailable)?;
    match value.get("success") {
        Some(Value::Bool(true)) => {}
        Some(Value::Bool(false)) => {
            let codes = value
                .get("error-codes")
                .and_then(Value::as_array)
                .map(|codes| {
                    codes
                        .iter()
                        .filter_map(Value::as_str)
                        .map(str::to_owned)
                        .collect()
                })
                .unwrap_or_default();
            return Err(Rejection::Refused(codes));
        }
        _ => return Err(Rejection::Unavailable),
    }
    if value.get("hostname").and_then(Value::as_str) != Some(hostname) {
        return Err(Rejection::Hostname);
    }
    if value.get("action").and_then(Value::as_str) != Some(action) {
        return Err(Rejection::Action);
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_token_is_taken_out_of_the_body() {
        let mut body =
            json::parse(r#"{"destination":"+6591234567","turnstileToken":"abc"}"#).unwrap();
        assert_eq!(take_token(&mut body), Ok(Some("abc".to_owned())));
        assert_eq!(json::to_string(&body), r#"{"destination":"+6591234567"}"#);
        assert_eq!(take_token(&mut body), Ok(None));
        for bad in [r#"{"turnstileToken":5}"#, r#"{"turnstileToken":""}"#] {
            let mut body = json::parse(bad).unwrap();
            assert_eq!(take_token(&mut body), Err(Rejection::Missing), "{bad}");
        }
        let mut long = Value::Object(vec![(
            TOKEN_FIELD.to_owned(),
            Value::String("x".repeat(MAX_TOKEN + 1)),
        )]);
        assert_eq!(take_token(&mut long), Err(Rejection::Missing));
    }

    #[test]
    fn the_request_carries_the_address_and_an_idempotency_key() {
        let body = request_body("s3cret", "tok", Some("203.0.113.7"), "k-1");
        let value = json::parse(&body).unwrap();
        assert_eq!(value.get("secret").and_then(Value::as_str), Some("s3cret"));
        assert_eq!(value.get("response").and_then(Value::as_str), Some("tok"));
        assert_eq!(
            value.get("remoteip").and_then(Value::as_str),
            Some("203.0.113.7")
        );
        assert_eq!(
            value.get("idempotency_key").and_then(Value::as_str),
            Some("k-1")
        );
        assert!(json::parse(&request_body("s", "t", None, "k"))
            .unwrap()
            .get("remoteip")
            .is_none());
    }

    #[test]
    fn only_a_success_for_this_host_and_action_passes() {
        let ok = r#"{"success":true,"hostname":"app.example","action":"verify","error-codes":[]}"#;
        assert_eq!(judge(200, ok, "app.example", "verify"), Ok(()));
        assert_eq!(
            judge(200, ok, "evil.example", "verify"),
            Err(Rejection::Hostname)
        );
        assert_eq!(
            judge(200, ok, "app.example", "login"),
            Err(Rejection::Action)
        );
        let reused = r#"{"success":false,"error-codes":["timeout-or-duplicate"]}"#;
        let refusal = judge(200, reused, "app.example", "verify").unwrap_err();
        assert_eq!(
            refusal,
            Rejection::Refused(vec!["timeout-or-duplicate".into()])
        );
        assert!(refusal.message().contains("expired or was already used"));
        assert_eq!(
            judge(500, ok, "app.example", "verify"),
            Err(Rejection::Unavailable)
        );
        assert_eq!(
            judge(200, "<html>", "app.example", "verify"),
            Err(Rejection::Unavailable)
        );
        assert_eq!(
            judge(200, r#"{"success":"yes"}"#, "a", "b"),
            Err(Rejection::Unavailable)
        );
        for r in [
            Rejection::Missing,
            Rejection::Hostname,
            Rejection::Unavailable,
        ] {
            assert!(r.message().ends_with("nothing was sent"));
        }
    }
}
