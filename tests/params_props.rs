//! Property tests of validation: it never panics on any JSON value, and a
//! request that validates stays valid after resolution (validating its
//! serialization gives the same resolved request).
#![cfg(not(target_arch = "wasm32"))]
#![allow(clippy::unwrap_used)]

use proptest::prelude::*;
use verify8x8::json::{self, Value};
use verify8x8::params::{self, VERIFICATION_FIELDS};

/// Any JSON value, with keys drawn mostly from the real field names.
fn any_json() -> impl Strategy<Value = Value> {
    let key = prop_oneof![
        3 => proptest::sample::select(VERIFICATION_FIELDS.to_vec()).prop_map(str::to_owned),
        1 => proptest::sample::select(vec!["source", "encoding", "speed", "repetition", "voiceProfile", "templateName", "sessionId", "code", "subAccountId"]).prop_map(str::to_owned),
        1 => "[a-zA-Z]{0,6}",
    ];
    let leaf = prop_oneof![
        Just(Value::Null),
        any::<bool>().prop_map(Value::Bool),
        any::<f64>().prop_map(Value::Number),
        (-20i32..8000).prop_map(|n| Value::Number(f64::from(n))),
        ".{0,12}".prop_map(Value::String),
        "[+0-9 ()-]{0,18}".prop_map(Value::String),
        proptest::sample::select(vec![
            "sms",
            "call",
            "whatsapp",
            "sma",
            "SG",
            "en-US",
            "{code}",
            "+6587654321",
            "1.2.3.4",
            "http://x.io"
        ])
        .prop_map(Value::from),
    ];
    leaf.prop_recursive(4, 48, 8, move |inner| {
        prop_oneof![
            proptest::collection::vec(inner.clone(), 0..4).prop_map(Value::Array),
            proptest::collection::vec((key.clone(), inner), 0..8).prop_map(Value::Object),
        ]
    })
}

/// Requests that are likely valid, to exercise resolution.
fn plausible_request() -> impl Strategy<Value = Value> {
    (
        proptest::sample::select(vec![
            "+6587654321",
            "8765 4321",
            "+44 7911 123456",
            "6598765432",
            "+1 415 555 2671",
        ]),
        proptest::option::of(proptest::sample::select(vec![
            "sms", "call", "whatsapp", "viber", "sma",
        ])),
        proptest::option::of(3u32..=10),
        proptest::option::of(30u32..=7200),
        proptest::option::of(10u32..=7200),
        proptest::option::of("[A-Za-z ]{1,30}"),
        proptest::option::of(proptest::sample::select(vec![
            "Code {code}",
            "{brand}: {code}",
            "no code",
        ])),
        proptest::option::of(proptest::sample::select(params::LANGUAGES.to_vec())),
        proptest::option::of((0.5f64..=2.0, 1u32..=3)),
        proptest::option::of(any::<bool>()),
    )
        .prop_map(
            |(dest, channel, len, validity, interval, brand, template, language, call, reset)| {
                let mut m: Vec<(String, Value)> = vec![("destination".into(), dest.into())];
                if !dest.starts_with('+') && dest.len() == 9 {
                    m.push(("country".into(), "SG".into()));
                }
                let mut put = |k: &str, v: Option<Value>| {
                    if let Some(v) = v {
                        m.push((k.into(), v));
                    }
                };
                put("channel", channel.map(Value::from));
                put("codeLength", len.map(|n| Value::Number(f64::from(n))));
                put(
                    "codeValidity",
                    validity.map(|n| Value::Number(f64::from(n))),
                );
                put(
                    "resendingInterval",
                    interval.map(|n| Value::Number(f64::from(n))),
                );
                put("brand", brand.map(Value::from));
                put("template", template.map(Value::from));
                put("language", language.map(Value::from));
                put("resetSession", reset.map(Value::Bool));
                put(
                    "call",
                    call.map(|(speed, rep)| {
                        Value::Object(vec![
                            ("speed".into(), Value::Number(speed)),
                            ("repetition".into(), Value::Number(f64::from(rep))),
                        ])
                    }),
                );
                if channel == Some("whatsapp") {
                    put(
                        "whatsapp",
                        Some(Value::Object(vec![("templateName".into(), "otp".into())])),
                    );
                }
                Value::Object(m)
            },
        )
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(2000))]

    #[test]
    fn validation_never_panics(input in any_json()) {
        let v = params::validate_verification(&input);
        prop_assert_eq!(v.request.is_some(), v.is_ok());
        let c = params::validate_code_check(&input);
        prop_assert_eq!(c.request.is_some(), c.is_ok());
        let g = params::validate_coverage(&input);
        prop_assert_eq!(g.request.is_some(), g.is_ok());
        for violation in v.errors.iter().chain(&c.errors).chain(&g.errors) {
            prop_assert!(!violation.message.is_empty());
            prop_assert!([1000, 1002, 1009, 1010, 1012].contains(&violation.api_error_code()));
        }
    }

    #[test]
    fn json_text_round_trips(input in any_json()) {
        let text = json::to_string(&input);
        let back = json::parse(&text).unwrap();
        // NaN and infinities are written as null, as JSON.stringify does.
        prop_assert_eq!(json::to_string(&back), json::to_string(&input));
    }

    #[test]
    fn resolved_requests_stay_valid(input in prop_oneof![plausible_request(), any_json()]) {
        if let Some(request) = params::validate_verification(&input).request {
            let body: Value = serde_json::from_value(serde_json::to_value(&request).unwrap()).unwrap();
            let again = params::validate_verification(&body);
            prop_assert!(again.errors.is_empty(), "{:?} from {}", again.errors, body);
            prop_assert_eq!(again.request, Some(request));
        }
        if let Some(request) = params::validate_coverage(&input).request {
            let body: Value = serde_json::from_value(serde_json::to_value(&request).unwrap()).unwrap();
            prop_assert_eq!(params::validate_coverage(&body).request, Some(request));
        }
        if let Some(request) = params::validate_code_check(&input).request {
            let body: Value = serde_json::from_value(serde_json::to_value(&request).unwrap()).unwrap();
            prop_assert_eq!(params::validate_code_check(&body).request, Some(request));
        }
    }
}

#[test]
fn plausible_requests_are_mostly_valid() {
    // Guards the generator above: resolution is only tested if requests pass.
    use proptest::strategy::ValueTree;
    use proptest::test_runner::TestRunner;
    let mut runner = TestRunner::deterministic();
    let ok = (0..200)
        .filter(|_| {
            let input = plausible_request().new_tree(&mut runner).unwrap().current();
            params::validate_verification(&input).is_ok()
        })
        .count();
    assert!(ok > 50, "only {ok} of 200 plausible requests validate");
}
