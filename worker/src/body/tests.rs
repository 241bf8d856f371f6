//! The page's fields, the operator's, and the body's limits.

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

fn config() -> Config {
    let vars = [
        ("VERIFY_API_KEY", "key"),
        ("VERIFY_SUBACCOUNT_ID", "acme_hq"),
        ("HANDLE_SECRET", "q3Vt9XbL0cZ2mN7pR4sT6uW8yA1dF5hJ"),
        ("PROOF_SIGNING_KEY", "{\"kty\":\"OKP\",\"crv\":\"Ed25519\",\"d\":\"WHS9y9C583jf92RN8zYfmbGo3aS0ZlyqAtXnzXPD8V0\"}"),
        ("ALLOWED_COUNTRIES", "*"),
        ("BRAND", "Acme"),
        ("SMS_TEMPLATE", "{brand}: {code}"),
        ("SMS_SOURCE", "Acme"),
        ("CHANNELS", "sms,call,whatsapp"),
        ("WHATSAPP_TEMPLATES", "otp_en"),
    ];
    Config::from_lookup(|name| {
        vars.iter()
            .find(|(n, _)| *n == name)
            .map(|(_, v)| v.to_string())
    })
    .expect("valid")
}

fn refused(body: &str) -> Vec<(String, ViolationCode)> {
    let body = json::parse(body).expect("json");
    let Err(Refusal::Invalid(violations)) = start(body, &config(), None, "login.example.com")
    else {
        panic!("refused");
    };
    violations.into_iter().map(|v| (v.path, v.code)).collect()
}

#[test]
fn the_page_chooses_only_its_fields() {
    let body = json::parse(
        r#"{"destination":"+6587654321","channel":"sms","language":"en-GB","nonce":"n-123"}"#,
    )
    .expect("json");
    let start = start(body, &config(), Some("203.0.113.7"), "login.example.com").expect("accepted");
    assert_eq!(start.nonce.as_deref(), Some("n-123"));
    let get = |name| start.request.get(name).cloned();
    assert_eq!(get("nonce"), None, "8x8 never sees the nonce");
    assert_eq!(get("codeLength").and_then(|v| v.as_f64()), Some(6.0));
    assert_eq!(
        get("codeType").as_ref().and_then(Value::as_str),
        Some("NUMERIC")
    );
    assert_eq!(get("codeValidity").and_then(|v| v.as_f64()), Some(300.0));
    assert_eq!(get("brand").as_ref().and_then(Value::as_str), Some("Acme"));
    assert_eq!(
        get("template").as_ref().and_then(Value::as_str),
        Some("{brand}: {code}\n\n@login.example.com #{code}")
    );
    assert_eq!(
        get("sms")
            .and_then(|s| s.get("source").cloned())
            .as_ref()
            .and_then(Value::as_str),
        Some("Acme")
    );
    assert_eq!(
        get("clientIp").as_ref().and_then(Value::as_str),
        Some("203.0.113.7")
    );
    assert_eq!(get("callbackUrl"), None);
}

#[test]
fn every_field_the_operator_sets_is_refused_by_name() {
    let body = r#"{"destination":"+6587654321","codeLength":3,"codeValidity":7200,"codeType":"ALPHANUMERIC","template":"Your bank: {code}","brand":"Bank","sms":{"source":"BANK"},"call":{"speed":2},"templateKey":"x","resetSession":true,"resendingInterval":10,"callbackUrl":"https://evil.example/","clientIp":"6.6.6.6"}"#;
    let paths: Vec<String> = refused(body)
        .into_iter()
        .map(|(path, code)| {
            assert_eq!(code, ViolationCode::ServerControlled, "{path}");
            path
        })
        .collect();
    assert_eq!(
        paths,
        [
            "codeLength",
            "codeValidity",
            "codeType",
            "template",
            "brand",
            "sms",
            "call",
            "templateKey",
            "resetSession",
            "resendingInterval",
            "callbackUrl",
            "clientIp"
        ]
    );
}

#[test]
fn whatsapp_templates_come_from_the_operators_list() {
    assert_eq!(
        refused(
            r#"{"destination":"+6587654321","channel":"whatsapp","whatsapp":{"templateName":"phish"}}"#
        ),
        [("whatsapp.templateName".to_owned(), ViolationCode::NotOneOf)]
    );
    let body = json::parse(
        r#"{"destination":"+6587654321","channel":"whatsapp","whatsapp":{"templateName":"otp_en"}}"#,
    )
    .expect("json");
    assert!(start(body, &config(), None, "login.example.com").is_ok());
}

#[test]
fn a_nonce_is_short_visible_ascii() {
    for bad in [
        r#""""#,
        "42",
        r#""with space""#,
        &format!("\"{}\"", "n".repeat(129)),
    ] {
        let body = format!(r#"{{"destination":"+6587654321","nonce":{bad}}}"#);
        assert_eq!(
            refused(&body),
            [("nonce".to_owned(), ViolationCode::Pattern)],
            "{bad}"
        );
    }
}

#[test]
fn only_a_silent_session_falls_back_to_another_channel() {
    let body = |text: &str| json::parse(text).expect("json");
    assert_eq!(
        fallback_channel(&body("{}"), "sms").ok().as_deref(),
        Some("sms")
    );
    assert_eq!(
        fallback_channel(&body(r#"{"channel":"sms"}"#), "sma")
            .ok()
            .as_deref(),
        Some("sms")
    );
    for (text, current) in [
        (r#"{"channel":"call"}"#, "sms"),
        (r#"{"channel":7}"#, "sma"),
        (r#"{"codeLength":4}"#, "sms"),
        ("[]", "sms"),
    ] {
        assert!(
            matches!(
                fallback_channel(&body(text), current),
                Err(Refusal::Invalid(_))
            ),
            "{text}"
        );
    }
}

#[test]
fn coverage_takes_the_number_and_the_connections_address() {
    let body = json::parse(r#"{"destination":"+6587654321"}"#).expect("json");
    let edged = coverage(body, Some("203.0.113.7")).expect("ok");
    assert_eq!(
        edged.get("clientIp").and_then(Value::as_str),
        Some("203.0.113.7")
    );
    let forged =
        json::parse(r#"{"destination":"+6587654321","clientIp":"6.6.6.6"}"#).expect("json");
    assert!(matches!(coverage(forged, None), Err(Refusal::Invalid(_))));
}
