//! Every response example of 8x8's OpenAPI file (the copy the emulator's
//! tests replay) read by the parsers.

use serde_json::Value as Json;

use crate::api::{parse_coverage, parse_error, parse_session, ApiErrorKind};
use crate::params::SessionStatus;

const OAS: &str = include_str!("../../../emulator/tests/fixtures/8x8-verification-api.oas.json");

/// (path, status, example value, response headers) of one example.
type Example = (String, u16, Json, Vec<(String, String)>);

/// Every response example of the file.
fn examples() -> Vec<Example> {
    let oas: Json = serde_json::from_str(OAS).unwrap();
    let mut out = Vec::new();
    for (path, item) in oas["paths"].as_object().unwrap() {
        for (_method, op) in item.as_object().unwrap() {
            let Some(responses) = op["responses"].as_object() else {
                continue;
            };
            for (status, response) in responses {
                let status: u16 = status.parse().unwrap();
                let headers: Vec<(String, String)> = response["headers"]
                    .as_object()
                    .map(|h| {
                        h.iter()
                            .filter_map(|(k, v)| {
                                Some((k.clone(), v["example"].as_str()?.to_owned()))
                            })
                            .collect()
                    })
                    .unwrap_or_default();
                let content = &response["content"]["application/json"];
                let mut values = Vec::new();
                if let Some(examples) = content["examples"].as_object() {
                    values.extend(examples.values().map(|e| e["value"].clone()));
                }
                if !content["example"].is_null() {
                    values.push(content["example"].clone());
                }
                for value in values {
                    out.push((path.clone(), status, value, headers.clone()));
                }
            }
        }
    }
    out
}

#[test]
fn every_official_example_parses() {
    let all = examples();
    assert!(all.len() >= 8, "only {} examples found", all.len());
    let (mut sessions, mut errors, mut coverage) = (0, 0, 0);
    for (path, status, value, headers) in all {
        let body = value.to_string();
        if status >= 400 {
            let e = parse_error(status, &headers, &body);
            assert_eq!(e.status, status);
            assert_eq!(e.code, value["code"].as_u64().map(|c| c as u32), "{body}");
            assert_ne!(e.kind, ApiErrorKind::Unknown, "{status} {body}");
            assert_eq!(e.error_id.as_deref(), value["errorId"].as_str());
            assert_eq!(Some(e.message.as_str()), value["message"].as_str());
            errors += 1;
        } else if path.ends_with("coverage") {
            let c = parse_coverage(status, &headers, &body).unwrap();
            assert_eq!(Some(c.is_available), value["isAvailable"].as_bool());
            coverage += 1;
        } else {
            let s = parse_session(status, &headers, &body).unwrap();
            assert_eq!(Some(s.session_id.as_str()), value["sessionId"].as_str());
            assert_eq!(Some(s.status.as_str()), value["status"].as_str());
            assert_eq!(s.sma.is_some(), value.get("sma").is_some());
            sessions += 1;
        }
    }
    assert!(
        sessions >= 3 && errors >= 5 && coverage >= 1,
        "{sessions} {errors} {coverage}"
    );
}

#[test]
fn the_documented_sma_example_keeps_its_url() {
    let body = r#"{"sessionId":"a44a91be5ea5ea118169020897df5459","verifyUri":"/api/v2/subaccounts/demo-account-123/sessions/a44a91be5ea5ea118169020897df5459","destination":"+198765432","status":"WAITING","attempt":0,"expiresAt":"2025-06-03T05:59:54.09Z","retryAfter":"2025-06-03T05:55:04.09Z","sma":{"verificationUrl":"https://verify.8x8.com/sma/a44a91be5ea5ea118169020897df5459"}}"#;
    let s = parse_session(200, &[], body).unwrap();
    assert_eq!(s.status, SessionStatus::Waiting);
    assert_eq!(
        s.sma.unwrap().verification_url,
        "https://verify.8x8.com/sma/a44a91be5ea5ea118169020897df5459"
    );
    assert_eq!(s.expires_at, "2025-06-03T05:59:54.09Z");
}
