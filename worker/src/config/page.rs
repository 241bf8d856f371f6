//! What the page may know of the configuration (`GET /api/verify/config`):
//! the channels it may offer and the shape of the code it will be sent.
//! Nothing secret, nothing about limits or keys.

use verify8x8::contract::limits::MAX_ATTEMPTS;
use verify8x8::json::{self, Value};

use super::Config;

/// `{channels, whatsappTemplates, codeLength, codeType, codeValidity,
/// resendingInterval, maxAttempts, turnstileSiteKey}` as JSON.
pub fn page_settings(config: &Config) -> String {
    let text = |s: &str| Value::String(s.to_owned());
    let number = |n: u32| Value::Number(f64::from(n));
    let send = &config.send;
    let settings = vec![
        (
            "channels".to_owned(),
            Value::Array(config.channels.iter().map(|c| text(c.as_str())).collect()),
        ),
        (
            "whatsappTemplates".to_owned(),
            Value::Array(config.whatsapp_templates.iter().map(|t| text(t)).collect()),
        ),
        ("codeLength".to_owned(), number(send.code_length.into())),
        ("codeType".to_owned(), text(send.code_type.as_str())),
        ("codeValidity".to_owned(), number(send.code_validity)),
        (
            "resendingInterval".to_owned(),
            number(send.resending_interval),
        ),
        ("maxAttempts".to_owned(), number(MAX_ATTEMPTS.into())),
        // Public: the page renders the Turnstile widget with it (null: off).
        (
            "turnstileSiteKey".to_owned(),
            config
                .defences
                .turnstile
                .as_ref()
                .map_or(Value::Null, |t| text(&t.site_key)),
        ),
    ];
    json::to_string(&Value::Object(settings))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_page_learns_channels_and_the_codes_shape_only() {
        let vars = [
            ("VERIFY_API_KEY", "key"),
            ("VERIFY_SUBACCOUNT_ID", "acme_hq"),
            ("HANDLE_SECRET", "q3Vt9XbL0cZ2mN7pR4sT6uW8yA1dF5hJ"),
            ("PROOF_SIGNING_KEY", "{\"kty\":\"OKP\",\"crv\":\"Ed25519\",\"d\":\"WHS9y9C583jf92RN8zYfmbGo3aS0ZlyqAtXnzXPD8V0\"}"),
            ("ALLOWED_COUNTRIES", "*"),
            ("CHANNELS", "sms,whatsapp"),
            ("WHATSAPP_TEMPLATES", "otp_en"),
            ("CODE_LENGTH", "8"),
        ];
        let config = Config::from_lookup(|name| {
            vars.iter()
                .find(|(n, _)| *n == name)
                .map(|(_, v)| v.to_string())
        })
        .expect("valid");
        assert_eq!(
            page_settings(&config),
            r#"{"channels":["sms","whatsapp"],"whatsappTemplates":["otp_en"],"codeLength":8,"codeType":"NUMERIC","codeValidity":300,"resendingInterval":30,"maxAttempts":5,"turnstileSiteKey":null}"#
        );
    }
}
