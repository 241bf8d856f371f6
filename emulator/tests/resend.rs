//! Resends to the same destination (<https://developer.8x8.com/connect/reference/verify-request-v-2>,
//! `resendingInterval`): 403/1400 with Retry-After
//! inside `resendingInterval`, `resetSession` both ways, a new session once
//! the old one is final.

#![allow(clippy::unwrap_used)] // a test that cannot unwrap has failed

mod common;
use common::*;

fn start(emu: &Emulator, body: Value) -> Response {
    emu.start_session(&body)
}

#[test]
fn too_early_is_403_1400_with_retry_after_and_sends_nothing() {
    let emu = Emulator::start();
    let first = start(
        &emu,
        json!({ "destination": "+6581230001", "resendingInterval": 30 }),
    );
    assert_eq!(first.status, 200);
    emu.advance(12.0);
    let r = start(&emu, json!({ "destination": "+6581230001" }));
    let body = r.assert_error(403, 1400);
    assert_eq!(body["message"], "Resending interval violation");
    let retry: i64 = r.header("retry-after").unwrap().parse().unwrap();
    assert!((17..=18).contains(&retry), "Retry-After {retry}");
    assert_eq!(emu.outbox("?destination=%2B6581230001").len(), 1);
    // Same destination written differently is the same destination.
    start(&emu, json!({ "destination": "+65 8123 0001" })).assert_error(403, 1400);
    start(&emu, json!({ "destination": "81230001", "country": "SG" })).assert_error(403, 1400);
}

#[test]
fn resend_keeps_code_session_and_attempts_and_extends_validity() {
    let emu = Emulator::start();
    let first = start(
        &emu,
        json!({ "destination": "+6581230002", "codeValidity": 60 }),
    )
    .json();
    let id = first["sessionId"].as_str().unwrap().to_string();
    let code = emu.code_of(&id);
    let wrong = if code == "0000" { "1111" } else { "0000" };
    emu.check(&id, Some(wrong));
    emu.advance(50.0);
    for reset in [None, Some(false)] {
        let mut body = json!({ "destination": "+6581230002", "codeValidity": 60 });
        if let Some(reset) = reset {
            body["resetSession"] = json!(reset);
        }
        let again = start(&emu, body).json();
        assert_eq!(again["sessionId"], id.as_str());
        assert_eq!(again["attempt"], 1);
        assert_eq!(again["status"], "WAITING");
        let sent = millis(emu.outbox("")[0]["time"].as_str().unwrap());
        assert_eq!(millis(again["expiresAt"].as_str().unwrap()), sent + 60_000);
        assert_eq!(millis(again["retryAfter"].as_str().unwrap()), sent + 10_000);
        let latest = &emu.outbox(&format!("?sessionId={id}"))[0];
        assert_eq!(latest["code"], code.as_str());
        assert_eq!(latest["resend"], true);
        emu.advance(50.0);
    }
    // 100 s after the first send and 60 s validity: still valid thanks to the resends.
    assert_eq!(emu.check(&id, Some(&code)).json()["status"], "VERIFIED");
    assert_eq!(emu.outbox(&format!("?sessionId={id}")).len(), 3);
}

#[test]
fn reset_session_true_sends_a_new_code_and_clears_attempts() {
    let emu = Emulator::start();
    let first = start(
        &emu,
        json!({ "destination": "+6581230003", "codeLength": 8 }),
    )
    .json();
    let id = first["sessionId"].as_str().unwrap().to_string();
    let old = emu.code_of(&id);
    let wrong = if old == "00000000" {
        "11111111"
    } else {
        "00000000"
    };
    emu.check(&id, Some(wrong));
    emu.check(&id, Some(wrong));
    emu.advance(10.0);
    let again = start(
        &emu,
        json!({ "destination": "+6581230003", "codeLength": 8, "resetSession": true }),
    )
    .json();
    assert_eq!(again["sessionId"], id.as_str());
    assert_eq!(again["attempt"], 0);
    let new = emu.code_of(&id);
    assert_ne!(new, old, "a new 8-digit code (1 in 10^8 to collide)");
    assert_eq!(emu.check(&id, Some(&old)).json()["attempt"], 1);
    assert_eq!(emu.check(&id, Some(&new)).json()["status"], "VERIFIED");
}

#[test]
fn a_final_session_gives_way_to_a_new_one() {
    let emu = Emulator::start();
    let first = start(&emu, json!({ "destination": "+6581230004" })).json();
    let id = first["sessionId"].as_str().unwrap().to_string();
    let code = emu.code_of(&id);
    emu.check(&id, Some(&code));
    // Even inside the resending interval: the old session is no longer WAITING.
    let second = start(&emu, json!({ "destination": "+6581230004" })).json();
    assert_ne!(second["sessionId"], id.as_str());
    assert_eq!(second["status"], "WAITING");
    // Expired sessions likewise.
    emu.advance(301.0);
    let third = start(&emu, json!({ "destination": "+6581230004" })).json();
    assert_ne!(third["sessionId"], second["sessionId"]);
}

#[test]
fn the_channel_does_not_matter_for_the_same_destination() {
    let emu = Emulator::start();
    assert_eq!(
        start(&emu, json!({ "destination": "+6581230005" })).status,
        200
    );
    start(
        &emu,
        json!({ "destination": "+6581230005", "channel": "call" }),
    )
    .assert_error(403, 1400);
    emu.advance(10.0);
    let r = start(
        &emu,
        json!({ "destination": "+6581230005", "channel": "call" }),
    );
    assert_eq!(r.status, 200);
    assert_eq!(emu.outbox("")[0]["channel"], "call");
}
