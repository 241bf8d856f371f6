//! Every official example of 8x8's OpenAPI file (a copy in
//! `tests/fixtures/`), replayed: each request example is accepted and
//! answered in the documented response shape; each documented error is
//! produced with its status, code, message and headers.

#![allow(clippy::unwrap_used)] // a test that cannot unwrap has failed

mod common;
use common::*;

const OAS: &str = include_str!("fixtures/8x8-verification-api.oas.json");
const SESSIONS: &str = "/api/v2/subaccounts/{subAccountId}/sessions";
const SESSION: &str = "/api/v2/subaccounts/{subAccountId}/sessions/{sessionId}";
const COVERAGE: &str = "/api/v2/subaccounts/{subAccountId}/sma/coverage";

fn spec() -> Value {
    serde_json::from_str(OAS).unwrap()
}

fn response_example(op: &Value, status: &str, name: Option<&str>) -> Value {
    let content = &op["responses"][status]["content"]["application/json"];
    match name {
        Some(n) => content["examples"][n]["value"].clone(),
        None => {
            if content.get("example").is_some() {
                content["example"].clone()
            } else {
                let examples = content["examples"].as_object().unwrap();
                examples.values().next().unwrap()["value"].clone()
            }
        }
    }
}

/// Same keys, and each value of the same JSON type (recursively).
fn assert_same_shape(actual: &Value, documented: &Value, context: &str) {
    match (actual, documented) {
        (Value::Object(a), Value::Object(d)) => {
            let mut ak: Vec<&String> = a.keys().collect();
            let mut dk: Vec<&String> = d.keys().collect();
            ak.sort();
            dk.sort();
            assert_eq!(ak, dk, "{context}: keys of {actual} vs {documented}");
            for (k, v) in d {
                assert_same_shape(&a[k], v, &format!("{context}.{k}"));
            }
        }
        (Value::String(_), Value::String(_))
        | (Value::Bool(_), Value::Bool(_))
        | (Value::Null, Value::Null) => {}
        (Value::Number(a), Value::Number(d)) => {
            assert_eq!(a.is_u64(), d.is_u64(), "{context}: {a} vs {d}");
        }
        _ => panic!("{context}: {actual} does not have the shape of {documented}"),
    }
}

#[test]
fn every_request_example_is_answered_in_the_documented_shape() {
    let spec = spec();
    let op = &spec["paths"][SESSIONS]["post"];
    let examples = op["requestBody"]["content"]["application/json"]["examples"]
        .as_object()
        .unwrap();
    assert_eq!(
        examples.len(),
        7,
        "the 2026-04-15 file has seven request examples"
    );
    let emu = Emulator::start();
    for (name, example) in examples {
        assert_eq!(emu.control("POST", "/_emulator/reset", None).status, 204);
        let body = &example["value"];
        let r = emu.start_session(body);
        assert_eq!(r.status, 200, "{name}: {}", r.body_text());
        let answer = r.json();
        let sma = body["channel"] == "sma";
        let documented = response_example(
            op,
            "200",
            Some(if sma { "sma" } else { "sms/call/whatsapp" }),
        );
        assert_same_shape(&answer, &documented, name);
        assert_eq!(answer["status"], "WAITING", "{name}");
        assert_eq!(answer["attempt"], 0, "{name}");
        let destination = answer["destination"].as_str().unwrap();
        assert!(
            destination.starts_with('+') && destination[1..].chars().all(|c| c.is_ascii_digit())
        );
        let sent = &emu.outbox("")[0];
        assert_eq!(sent["destination"], destination, "{name}");
        if let Some(length) = body["codeLength"].as_u64() {
            assert_eq!(
                sent["code"].as_str().unwrap().len() as u64,
                length,
                "{name}"
            );
        }
        // GET of the session: the documented shape of the validation answer.
        let id = answer["sessionId"].as_str().unwrap();
        let get_op = &spec["paths"][SESSION]["get"];
        let checked = emu.check(id, None).json();
        let mut documented = response_example(get_op, "200", None);
        if sma {
            documented["sma"] = json!({ "verificationUrl": "" });
        }
        assert_same_shape(&checked, &documented, name);
    }
}

#[test]
fn national_examples_resolve_to_e164() {
    let emu = Emulator::start();
    let spec = spec();
    let examples =
        &spec["paths"][SESSIONS]["post"]["requestBody"]["content"]["application/json"]["examples"];
    let sms = emu.start_session(&examples["Sample-Sms"]["value"]).json();
    assert_eq!(sms["destination"], "+6587654321");
    emu.advance(10.0);
    let voice = emu.start_session(&examples["Sample-Voice"]["value"]).json();
    assert_eq!(voice["destination"], "+6587654321");
    assert_eq!(
        emu.outbox("")[0]["text"],
        format!(
            "ABC: Your verification code is {}",
            emu.outbox("")[0]["code"].as_str().unwrap()
        )
    );
}

#[test]
fn documented_errors_are_reproduced() {
    let spec = spec();
    let op = &spec["paths"][SESSIONS]["post"];
    let emu = Emulator::start();

    let doc = response_example(op, "400", Some("subAccountError"));
    let r = emu.post(
        "/api/v2/subaccounts/demo-account-123/sessions",
        &json!({ "destination": "+19876543210" }),
    );
    let body = r.assert_error(400, 1001);
    assert_same_shape(&body, &doc, "1001");
    assert_eq!(body["message"], doc["message"]);

    let doc = response_example(op, "400", Some("msisdnFormatError"));
    let body = emu
        .start_session(&json!({ "destination": "not a number" }))
        .assert_error(400, 1002);
    assert_same_shape(&body, &doc, "1002");
    assert!(body["message"]
        .as_str()
        .unwrap()
        .starts_with(doc["message"].as_str().unwrap()));

    let doc = response_example(op, "401", None);
    let r = emu.send(
        "POST",
        "/api/v2/subaccounts/test-account/sessions",
        &[("Content-Type", "application/json")],
        b"{}",
    );
    let body = r.assert_error(401, 1200);
    assert_same_shape(&body, &doc, "1200");
    assert_eq!(body["message"], doc["message"]);

    let doc = response_example(op, "426", None);
    assert!(op["responses"]["426"]["headers"].get("Upgrade").is_some());
    emu.faults(&json!({ "tlsErrorRate": 1 }));
    let r = emu.start_session(&json!({ "destination": "+19876543210" }));
    let body = r.assert_error(426, 1014);
    assert_same_shape(&body, &doc, "1014");
    assert_eq!(body["message"], doc["message"]);
    assert_eq!(r.header("upgrade"), Some("TLS/1.3"));

    let doc = response_example(op, "500", None);
    emu.faults(&json!({ "tlsErrorRate": 0, "errorRate": 1 }));
    let body = emu
        .start_session(&json!({ "destination": "+19876543210" }))
        .assert_error(500, 2000);
    assert_same_shape(&body, &doc, "2000");
    assert_eq!(body["message"], doc["message"]);
    emu.control("DELETE", "/_emulator/faults", None);

    let get_op = &spec["paths"][SESSION]["get"];
    let doc = response_example(get_op, "404", None);
    let body = emu
        .check("a44a91be5ea5ea118169020897df5459", None)
        .assert_error(404, 1404);
    assert_same_shape(&body, &doc, "1404");
    assert_eq!(body["message"], doc["message"]);
}

#[test]
fn coverage_answers_in_the_documented_shape() {
    let spec = spec();
    let op = &spec["paths"][COVERAGE]["post"];
    let doc = response_example(op, "200", None);
    let emu = Emulator::start();
    // The field description's example address.
    let r = emu.coverage(&json!({ "clientIp": "123.123.123.123" }));
    assert_eq!(r.status, 200);
    assert_same_shape(&r.json(), &doc, "coverage");
    assert_eq!(r.json(), doc);
}
