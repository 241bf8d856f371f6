//! Session lifecycle (<https://developer.8x8.com/connect/reference/code-validation-v-2>): WAITING → VERIFIED, FAILED after five
//! wrong codes (irreversible), EXPIRED on the clock, 404 for unknown ids.

#![allow(clippy::unwrap_used)] // a test that cannot unwrap has failed

mod common;
use common::*;

fn started(emu: &Emulator, destination: &str) -> (String, Value) {
    let r = emu.start_session(&json!({ "destination": destination }));
    assert_eq!(r.status, 200, "{}", r.body_text());
    let body = r.json();
    assert_session_shape(&body);
    (body["sessionId"].as_str().unwrap().to_string(), body)
}

#[test]
fn right_code_verifies() {
    let emu = Emulator::start();
    let (id, body) = started(&emu, "+6581234567");
    assert_eq!(body["status"], "WAITING");
    assert_eq!(body["attempt"], 0);
    assert_eq!(body["destination"], "+6581234567");
    assert_eq!(
        body["verifyUri"],
        format!("/api/v2/subaccounts/{SUB}/sessions/{id}")
    );
    assert!(body.get("sma").is_none());
    assert_eq!(id.len(), 32);
    assert!(id.chars().all(|c| c.is_ascii_hexdigit()));
    let code = emu.code_of(&id);
    let r = emu.check(&id, Some(&code));
    assert_eq!(r.status, 200);
    let after = r.json();
    assert_eq!(after["status"], "VERIFIED");
    assert_eq!(after["attempt"], 0);
    assert_eq!(after["sessionId"], id.as_str());
    // A final session answers unchanged, with or without a code.
    assert_eq!(emu.check(&id, Some("0000")).json(), after);
    assert_eq!(emu.check(&id, None).json(), after);
}

#[test]
fn status_without_code_changes_nothing() {
    let emu = Emulator::start();
    let (id, body) = started(&emu, "+6581234568");
    let r = emu.check(&id, None);
    assert_eq!(r.status, 200);
    assert_eq!(r.json(), body);
}

#[test]
fn five_wrong_codes_fail_irreversibly() {
    let emu = Emulator::start();
    let (id, _) = started(&emu, "+6581234569");
    let code = emu.code_of(&id);
    let wrong = if code == "0000" { "1111" } else { "0000" };
    for attempt in 1..=4 {
        let body = emu.check(&id, Some(wrong)).json();
        assert_eq!(body["status"], "WAITING");
        assert_eq!(body["attempt"], attempt);
    }
    let body = emu.check(&id, Some(wrong)).json();
    assert_eq!(body["status"], "FAILED");
    assert_eq!(body["attempt"], 5);
    // The right code no longer helps; attempt does not move.
    let body = emu.check(&id, Some(&code)).json();
    assert_eq!(body["status"], "FAILED");
    assert_eq!(body["attempt"], 5);
}

#[test]
fn expiry_follows_the_clock() {
    let emu = Emulator::start();
    let r = emu.start_session(&json!({ "destination": "+6581234570", "codeValidity": 60 }));
    let body = r.json();
    let id = body["sessionId"].as_str().unwrap().to_string();
    let code = emu.code_of(&id);
    emu.advance(59.0);
    assert_eq!(emu.check(&id, None).json()["status"], "WAITING");
    emu.advance(1.5);
    let expired = emu.check(&id, None).json();
    assert_eq!(expired["status"], "EXPIRED");
    // The right code after expiry: still EXPIRED, attempt unchanged.
    let after = emu.check(&id, Some(&code)).json();
    assert_eq!(after["status"], "EXPIRED");
    assert_eq!(after["attempt"], 0);
}

#[test]
fn right_code_after_expiry_reads_expired() {
    let emu = Emulator::start();
    let (id, _) = started(&emu, "+6581234571");
    let code = emu.code_of(&id);
    emu.advance(301.0);
    assert_eq!(emu.check(&id, Some(&code)).json()["status"], "EXPIRED");
}

#[test]
fn verified_sessions_do_not_expire() {
    let emu = Emulator::start();
    let (id, _) = started(&emu, "+6581234572");
    let code = emu.code_of(&id);
    assert_eq!(emu.check(&id, Some(&code)).json()["status"], "VERIFIED");
    emu.advance(10_000.0);
    assert_eq!(emu.check(&id, None).json()["status"], "VERIFIED");
}

#[test]
fn expires_at_and_retry_after_arithmetic() {
    let emu = Emulator::start();
    let r = emu.start_session(&json!({
        "destination": "+6581234573", "codeValidity": 120, "resendingInterval": 45
    }));
    let body = r.json();
    let sent = millis(emu.outbox("")[0]["time"].as_str().unwrap());
    assert_eq!(millis(body["expiresAt"].as_str().unwrap()) - sent, 120_000);
    assert_eq!(millis(body["retryAfter"].as_str().unwrap()) - sent, 45_000);
    // Defaults: 300 s validity, 10 s resending interval.
    let body = emu
        .start_session(&json!({ "destination": "+6581234574" }))
        .json();
    let sent = millis(emu.outbox("")[0]["time"].as_str().unwrap());
    assert_eq!(millis(body["expiresAt"].as_str().unwrap()) - sent, 300_000);
    assert_eq!(millis(body["retryAfter"].as_str().unwrap()) - sent, 10_000);
}

#[test]
fn unknown_sessions_are_404_1404() {
    let emu = Emulator::start();
    let body = emu
        .check("a44a91be5ea5ea118169020897df5459", None)
        .assert_error(404, 1404);
    assert_eq!(body["message"], "Session not found");
    emu.check("a44a91be5ea5ea118169020897df5459", Some("1234"))
        .assert_error(404, 1404);
}

#[test]
fn sessions_belong_to_their_sub_account() {
    let emu = Emulator::with_args(&["--quiet", "--sub-account", "acct-one,acct-two"]);
    let auth = format!("Bearer {KEY}");
    let headers = [
        ("Authorization", auth.as_str()),
        ("Content-Type", "application/json"),
    ];
    let r = emu.send(
        "POST",
        "/api/v2/subaccounts/acct-one/sessions",
        &headers,
        br#"{"destination":"+6581234575"}"#,
    );
    assert_eq!(r.status, 200);
    let id = r.json()["sessionId"].as_str().unwrap().to_string();
    let r = emu.send(
        "GET",
        &format!("/api/v2/subaccounts/acct-two/sessions/{id}"),
        &headers,
        b"",
    );
    r.assert_error(404, 1404);
    let r = emu.send(
        "GET",
        &format!("/api/v2/subaccounts/acct-one/sessions/{id}"),
        &headers,
        b"",
    );
    assert_eq!(r.status, 200);
}

#[test]
fn bad_code_parameter_is_400() {
    let emu = Emulator::start();
    let (id, _) = started(&emu, "+6581234576");
    emu.check(&id, Some("12")).assert_error(400, 1000);
    emu.check(&id, Some("12345678901")).assert_error(400, 1000);
    // A refused code costs no attempt.
    assert_eq!(emu.check(&id, None).json()["attempt"], 0);
}
