//! Silent Mobile Authentication: `sma.verificationUrl` served by the
//! emulator, and the coverage check (configured countries and gateways).

#![allow(clippy::unwrap_used)] // a test that cannot unwrap has failed

mod common;
use common::*;

#[test]
fn verification_url_visit_verifies_the_session() {
    let emu = Emulator::start();
    let r = emu.start_session(&json!({ "destination": "+6587654321", "channel": "sma" }));
    assert_eq!(r.status, 200, "{}", r.body_text());
    let body = r.json();
    assert_session_shape(&body);
    assert_eq!(body["status"], "WAITING");
    let id = body["sessionId"].as_str().unwrap();
    let url = body["sma"]["verificationUrl"].as_str().unwrap();
    assert_eq!(url, format!("{}/sma/{id}", emu.base));
    let entry = &emu.outbox(&format!("?sessionId={id}"))[0];
    assert_eq!(entry["channel"], "sma");
    assert!(entry["code"].is_null());
    // The "device" opens the URL.
    let visit = emu.send("GET", url.trim_start_matches(&emu.base), &[], b"");
    assert_eq!(visit.status, 200);
    assert_eq!(visit.json()["status"], "VERIFIED");
    let after = emu.check(id, None).json();
    assert_eq!(after["status"], "VERIFIED");
    assert_eq!(after["sma"]["verificationUrl"], url);
}

#[test]
fn unknown_sma_session_is_404() {
    let emu = Emulator::start();
    emu.send("GET", "/sma/a44a91be5ea5ea118169020897df5459", &[], b"")
        .assert_error(404, 1404);
}

#[test]
fn a_visit_after_expiry_changes_nothing() {
    let emu = Emulator::start();
    let body = emu
        .start_session(
            &json!({ "destination": "+6587654322", "channel": "sma", "codeValidity": 30 }),
        )
        .json();
    let id = body["sessionId"].as_str().unwrap();
    emu.advance(31.0);
    let visit = emu.send("GET", &format!("/sma/{id}"), &[], b"");
    assert_eq!(visit.json()["status"], "EXPIRED");
}

#[test]
fn an_otp_session_is_not_verified_by_the_sma_url() {
    let emu = Emulator::start();
    let body = emu
        .start_session(&json!({ "destination": "+6587654323" }))
        .json();
    let id = body["sessionId"].as_str().unwrap();
    assert_eq!(
        emu.send("GET", &format!("/sma/{id}"), &[], b"").json()["status"],
        "WAITING"
    );
}

#[test]
fn sma_from_a_mobile_gateway_is_verified_at_once() {
    let emu = Emulator::start();
    let body = emu
        .start_session(
            &json!({ "destination": "+6587654324", "channel": "sma", "clientIp": "100.64.1.2" }),
        )
        .json();
    assert_eq!(body["status"], "VERIFIED");
    let body = emu
        .start_session(
            &json!({ "destination": "+6587654325", "channel": "sma", "clientIp": "8.8.8.8" }),
        )
        .json();
    assert_eq!(body["status"], "WAITING");
}

#[test]
fn coverage_needs_a_gateway_address_and_a_configured_country() {
    let emu = Emulator::start();
    let cases = [
        (json!({ "clientIp": "123.123.123.123" }), true),
        (
            json!({ "clientIp": "100.64.0.1", "destination": "+6587654321" }),
            true,
        ),
        (
            json!({ "clientIp": "100.64.0.1", "destination": "87654321", "country": "SG" }),
            true,
        ),
        (json!({ "clientIp": "8.8.8.8" }), false),
        (
            json!({ "clientIp": "8.8.8.8", "destination": "+6587654321" }),
            false,
        ),
        (
            json!({ "clientIp": "100.64.0.1", "destination": "+33612345678" }),
            false,
        ),
    ];
    for (body, available) in cases {
        let r = emu.coverage(&body);
        assert_eq!(r.status, 200, "{body}: {}", r.body_text());
        assert_eq!(r.json(), json!({ "isAvailable": available }), "{body}");
    }
}

#[test]
fn coverage_follows_the_configuration() {
    let emu = Emulator::with_args(&[
        "--quiet",
        "--sma-country",
        "FR",
        "--mobile-gateway",
        "10.0.0.0/8",
    ]);
    let r = emu.coverage(&json!({ "clientIp": "10.1.2.3", "destination": "+33612345678" }));
    assert_eq!(r.json(), json!({ "isAvailable": true }));
    let r = emu.coverage(&json!({ "clientIp": "100.64.0.1" }));
    assert_eq!(r.json(), json!({ "isAvailable": false }));
}

#[test]
fn coverage_validates_its_body() {
    let emu = Emulator::start();
    emu.coverage(&json!({})).assert_error(400, 1012);
    emu.coverage(&json!({ "clientIp": "999.1.1.1" }))
        .assert_error(400, 1012);
    emu.coverage(&json!({ "clientIp": "1.2.3.4", "destination": "12" }))
        .assert_error(400, 1002);
}
