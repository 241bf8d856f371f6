//! Validation cases only JSON text can express (duplicate keys), and the
//! 8x8 error code of each kind of violation.
#![cfg(not(target_arch = "wasm32"))]
#![allow(clippy::unwrap_used)]

use verify8x8::json;
use verify8x8::params::{validate_code_check, validate_coverage, validate_verification};

fn first_error(verdict_errors: &[verify8x8::params::Violation]) -> (&str, &str, u32) {
    let v = &verdict_errors[0];
    (v.path.as_str(), v.code.as_str(), v.api_error_code())
}

#[test]
fn duplicate_fields_are_errors() {
    let input =
        json::parse(r#"{"destination":"+6587654321","codeLength":4,"codeLength":6}"#).unwrap();
    let verdict = validate_verification(&input);
    assert_eq!(
        first_error(&verdict.errors),
        ("codeLength", "duplicate_field", 1000)
    );
    let input =
        json::parse(r#"{"destination":"+6587654321","sms":{"source":"A","source":"B"}}"#).unwrap();
    assert_eq!(
        first_error(&validate_verification(&input).errors).0,
        "sms.source"
    );
}

#[test]
fn api_error_codes_follow_api_md_section_12() {
    let cases = [
        (
            r#"{"destination":"hello"}"#,
            ("destination", "invalid_phone", 1002),
        ),
        (
            r#"{"destination":"+65 8765"}"#,
            ("destination", "invalid_phone", 1002),
        ),
        (r#"{}"#, ("destination", "required", 1002)),
        (
            r#"{"destination":"8765 4321"}"#,
            ("country", "required", 1002),
        ),
        (
            r#"{"destination":"8765 4321","country":"XX"}"#,
            ("country", "invalid_country", 1009),
        ),
        (
            r#"{"destination":"+6587654321","codeLength":11}"#,
            ("codeLength", "out_of_range", 1010),
        ),
        (
            r#"{"destination":"+6587654321","call":{"speed":9}}"#,
            ("call.speed", "out_of_range", 1010),
        ),
        (
            r#"{"destination":"+6587654321","clientIp":"1.2.3"}"#,
            ("clientIp", "invalid_ip", 1012),
        ),
        (
            r#"{"destination":"+6587654321","clientIp":5}"#,
            ("clientIp", "wrong_type", 1012),
        ),
        (
            r#"{"destination":"+6587654321","brand":"0123456789012345678901234567890"}"#,
            ("brand", "too_long", 1000),
        ),
        (
            r#"{"destination":"+6587654321","template":"x"}"#,
            ("template", "missing_placeholder", 1000),
        ),
        (
            r#"{"destination":"+6587654321","codelength":4}"#,
            ("codelength", "unknown_field", 1000),
        ),
    ];
    for (text, expected) in cases {
        let verdict = validate_verification(&json::parse(text).unwrap());
        assert_eq!(first_error(&verdict.errors), expected, "{text}");
    }
    let coverage = validate_coverage(&json::parse(r#"{"clientIp":"x"}"#).unwrap());
    assert_eq!(
        first_error(&coverage.errors),
        ("clientIp", "invalid_ip", 1012)
    );
    let check = validate_code_check(&json::parse(r#"{"sessionId":"s","code":"1"}"#).unwrap());
    assert_eq!(first_error(&check.errors), ("code", "too_short", 1000));
}

#[test]
fn unknown_field_suggests_the_right_case() {
    let verdict = validate_verification(
        &json::parse(r#"{"destination":"+6587654321","codelength":6}"#).unwrap(),
    );
    assert!(
        verdict.errors[0]
            .message
            .contains("did you mean codeLength?"),
        "{}",
        verdict.errors[0].message
    );
    let verdict = validate_verification(
        &json::parse(r#"{"destination":"+6587654321","channel":"SMS"}"#).unwrap(),
    );
    assert!(
        verdict.errors[0].message.contains("did you mean \"sms\"?"),
        "{}",
        verdict.errors[0].message
    );
}

#[test]
fn resolved_body_is_the_exact_json_sent() {
    let input = json::parse(
        r#"{"destination":"8765 4321","country":"SG","channel":"call","brand":"ACME"}"#,
    )
    .unwrap();
    let request = validate_verification(&input).request.unwrap();
    assert_eq!(
        serde_json::to_string(&request).unwrap(),
        r#"{"destination":"+6587654321","channel":"call","brand":"ACME","codeLength":4,"codeValidity":300,"template":"{brand}: Your verification code is {code}","language":"en-US","resendingInterval":10,"call":{"speed":0.8,"repetition":2}}"#
    );
}

#[test]
fn typescript_language_union_matches_the_rust_list() {
    // src/js/params.rs writes the `Language` type by hand; keep it in step.
    let source = include_str!("../src/js/params.rs");
    let union: Vec<&str> = source
        .lines()
        .filter_map(|l| {
            let l = l.trim().trim_end_matches(';');
            l.strip_prefix("| \"")?.strip_suffix('"')
        })
        .collect();
    assert_eq!(union, verify8x8::params::LANGUAGES);
}
