//! The test-only control routes: outbox (filters, newest first), faults,
//! clock, reset, the outbox page, and CORS.

#![allow(clippy::unwrap_used)] // a test that cannot unwrap has failed

mod common;
use common::*;

#[test]
fn outbox_lists_newest_first_with_filters() {
    let emu = Emulator::start();
    let mut ids = Vec::new();
    for d in ["+6581250001", "+6581250002", "+6581250003"] {
        let body = emu
            .start_session(&json!({ "destination": d, "brand": "B" }))
            .json();
        ids.push(body["sessionId"].as_str().unwrap().to_string());
    }
    let all = emu.outbox("");
    assert_eq!(all.len(), 3);
    assert_eq!(all[0]["destination"], "+6581250003");
    assert_eq!(all[2]["destination"], "+6581250001");
    assert!(all[0]["id"].as_u64() > all[1]["id"].as_u64());
    let entry = &all[1];
    for key in [
        "id",
        "time",
        "sessionId",
        "subAccountId",
        "channel",
        "destination",
        "text",
        "code",
        "resend",
    ] {
        assert!(entry.get(key).is_some(), "{key} in {entry}");
    }
    assert_eq!(entry["sessionId"], ids[1].as_str());
    assert_eq!(entry["subAccountId"], SUB);
    assert_eq!(entry["channel"], "sms");
    assert!(is_timestamp(entry["time"].as_str().unwrap()));
    // By destination: with %2B, with a raw '+' (a space once decoded), without '+'.
    for q in ["%2B6581250002", "+6581250002", "6581250002"] {
        let list = emu.outbox(&format!("?destination={q}"));
        assert_eq!(list.len(), 1, "{q}");
        assert_eq!(list[0]["sessionId"], ids[1].as_str());
    }
    let list = emu.outbox(&format!("?sessionId={}", ids[2]));
    assert_eq!(list.len(), 1);
    assert_eq!(list[0]["destination"], "+6581250003");
    assert!(emu.outbox("?sessionId=nope").is_empty());
    assert_eq!(emu.outbox("?limit=2").len(), 2);
    emu.control("GET", "/_emulator/outbox?limit=x", None)
        .assert_error(400, 1000);
    assert_eq!(emu.control("DELETE", "/_emulator/outbox", None).status, 204);
    assert!(emu.outbox("").is_empty());
}

#[test]
fn error_rate_one_gives_500_2000_everywhere_on_the_api() {
    let emu = Emulator::start();
    emu.faults(&json!({ "errorRate": 1.0 }));
    let body = emu
        .start_session(&json!({ "destination": "+6581250010" }))
        .assert_error(500, 2000);
    assert_eq!(body["message"], "Internal server error");
    emu.check("a44a91be5ea5ea118169020897df5459", None)
        .assert_error(500, 2000);
    emu.coverage(&json!({ "clientIp": "1.2.3.4" }))
        .assert_error(500, 2000);
    // Control routes are not affected.
    assert_eq!(emu.control("GET", "/_emulator/outbox", None).status, 200);
    let r = emu.control("DELETE", "/_emulator/faults", None);
    assert_eq!(r.status, 200);
    assert_eq!(r.json()["errorRate"], 0.0);
    assert_eq!(
        emu.start_session(&json!({ "destination": "+6581250010" }))
            .status,
        200
    );
}

#[test]
fn rate_limit_is_429_with_retry_after() {
    let emu = Emulator::start();
    emu.faults(&json!({ "rateLimitRate": 1 }));
    let r = emu.start_session(&json!({ "destination": "+6581250011" }));
    r.assert_error(429, 1100);
    assert_eq!(r.header("retry-after"), Some("1"));
    assert!(emu.outbox("").is_empty(), "nothing sent");
}

#[test]
fn tls_fault_is_426_1014_with_upgrade() {
    let emu = Emulator::start();
    emu.faults(&json!({ "tlsErrorRate": 1 }));
    let r = emu.start_session(&json!({ "destination": "+6581250012" }));
    r.assert_error(426, 1014);
    assert_eq!(r.header("upgrade"), Some("TLS/1.3"));
}

#[test]
fn drop_closes_the_connection_without_an_answer() {
    let emu = Emulator::start();
    emu.faults(&json!({ "dropRate": 1 }));
    let auth = format!("Bearer {KEY}");
    let r = emu.try_send(
        "POST",
        &format!("/api/v2/subaccounts/{SUB}/sessions"),
        &[
            ("Authorization", &auth),
            ("Content-Type", "application/json"),
        ],
        br#"{"destination":"+6581250013"}"#,
    );
    assert!(r.is_none(), "got an answer: {r:?}");
    assert!(emu.outbox("").is_empty());
    // The emulator still answers afterwards.
    assert_eq!(
        emu.control("GET", "/_emulator/faults", None).json()["dropRate"],
        1.0
    );
}

#[test]
fn shares_between_zero_and_one_mix_answers() {
    let emu = Emulator::start();
    emu.faults(&json!({ "errorRate": 0.5 }));
    let mut counts = (0, 0);
    for i in 0..200 {
        let r = emu.check(&format!("a44a91be5ea5ea118169020897df{i:04}"), None);
        match r.status {
            404 => counts.0 += 1,
            500 => counts.1 += 1,
            s => panic!("status {s}"),
        }
    }
    // P(< 40 of one kind in 200 at p = 0.5) is about 1e-18.
    assert!(counts.0 > 40 && counts.1 > 40, "{counts:?}");
}

#[test]
fn latency_delays_api_answers() {
    let emu = Emulator::start();
    emu.faults(&json!({ "latencyMs": 300 }));
    let started = std::time::Instant::now();
    emu.check("a44a91be5ea5ea118169020897df5459", None)
        .assert_error(404, 1404);
    assert!(started.elapsed() >= std::time::Duration::from_millis(300));
    let faults = emu.control("GET", "/_emulator/faults", None).json();
    assert_eq!(faults["latencyMs"], 300);
}

#[test]
fn fault_settings_merge_and_are_validated() {
    let emu = Emulator::start();
    emu.faults(&json!({ "errorRate": 0.25 }));
    emu.faults(&json!({ "dropRate": 0.5 }));
    let f = emu.control("GET", "/_emulator/faults", None).json();
    assert_eq!(
        f,
        json!({ "latencyMs": 0, "errorRate": 0.25, "rateLimitRate": 0.0, "dropRate": 0.5, "tlsErrorRate": 0.0 })
    );
    for bad in [
        json!({ "errorRate": 1.5 }),
        json!({ "errorRate": "x" }),
        json!({ "latencyMs": -1 }),
        json!({ "nope": 1 }),
        json!([]),
    ] {
        emu.control("POST", "/_emulator/faults", Some(&bad))
            .assert_error(400, 1000);
    }
    emu.send(
        "POST",
        "/_emulator/faults",
        &[("Content-Type", "application/json")],
        b"{oops",
    )
    .assert_error(400, 1000);
}

#[test]
fn clock_moves_forward_only() {
    let emu = Emulator::start();
    let before = emu.control("GET", "/_emulator/clock", None).json();
    assert_eq!(before["offsetSeconds"], 0.0);
    let r = emu.control(
        "POST",
        "/_emulator/clock",
        Some(&json!({ "advanceSeconds": 3600 })),
    );
    assert_eq!(r.status, 200);
    let after = r.json();
    assert_eq!(after["offsetSeconds"], 3600.0);
    let moved = millis(after["now"].as_str().unwrap()) - millis(before["now"].as_str().unwrap());
    assert!((3_600_000..3_660_000).contains(&moved), "{moved}");
    for bad in [
        json!({ "advanceSeconds": -1 }),
        json!({}),
        json!({ "advanceSeconds": "1" }),
    ] {
        emu.control("POST", "/_emulator/clock", Some(&bad))
            .assert_error(400, 1000);
    }
    // Timestamps everywhere follow the clock.
    let body = emu
        .start_session(&json!({ "destination": "+6581250014" }))
        .json();
    let expires = millis(body["expiresAt"].as_str().unwrap());
    assert!(expires - millis(before["now"].as_str().unwrap()) >= 3_900_000);
}

#[test]
fn reset_forgets_everything() {
    let emu = Emulator::start();
    let body = emu
        .start_session(&json!({ "destination": "+6581250015" }))
        .json();
    emu.faults(&json!({ "latencyMs": 1 }));
    emu.advance(100.0);
    assert_eq!(emu.control("POST", "/_emulator/reset", None).status, 204);
    assert!(emu.outbox("").is_empty());
    emu.check(body["sessionId"].as_str().unwrap(), None)
        .assert_error(404, 1404);
    assert_eq!(
        emu.control("GET", "/_emulator/clock", None).json()["offsetSeconds"],
        0.0
    );
    assert_eq!(
        emu.control("GET", "/_emulator/faults", None).json()["latencyMs"],
        0
    );
}

#[test]
fn the_page_shows_the_outbox() {
    let emu = Emulator::start();
    let r = emu.control("GET", "/_emulator", None);
    assert_eq!(r.status, 200);
    assert!(r.header("content-type").unwrap().starts_with("text/html"));
    let html = r.body_text();
    assert!(html.contains("/_emulator/outbox") && html.contains("setInterval"));
    assert!(
        !html.contains("innerHTML"),
        "texts are inserted as text, never as HTML"
    );
}

#[test]
fn cors_for_configured_origins_only() {
    let emu = Emulator::with_args(&["--quiet", "--cors-origin", "http://app.test"]);
    let preflight = [
        ("Origin", "http://app.test"),
        ("Access-Control-Request-Method", "POST"),
        (
            "Access-Control-Request-Headers",
            "authorization, content-type",
        ),
    ];
    let path = format!("/api/v2/subaccounts/{SUB}/sessions");
    let r = emu.send("OPTIONS", &path, &preflight, b"");
    assert_eq!(r.status, 204);
    assert_eq!(
        r.header("access-control-allow-origin"),
        Some("http://app.test")
    );
    assert!(r
        .header("access-control-allow-headers")
        .unwrap()
        .contains("authorization"));
    let r = emu.send(
        "GET",
        "/_emulator/outbox",
        &[("Origin", "http://app.test")],
        b"",
    );
    assert_eq!(
        r.header("access-control-allow-origin"),
        Some("http://app.test")
    );
    assert!(r
        .header("access-control-expose-headers")
        .unwrap()
        .contains("Retry-After"));
    let r = emu.send(
        "GET",
        "/_emulator/outbox",
        &[("Origin", "http://evil.test")],
        b"",
    );
    assert_eq!(r.status, 200);
    assert_eq!(r.header("access-control-allow-origin"), None);
    let r = emu.send(
        "OPTIONS",
        &path,
        &[
            ("Origin", "http://evil.test"),
            ("Access-Control-Request-Method", "POST"),
        ],
        b"",
    );
    assert_eq!(r.header("access-control-allow-origin"), None);
}

#[test]
fn control_routes_take_json_whatever_the_content_type() {
    let emu = Emulator::start();
    // What `curl -d` sends.
    let form = [("Content-Type", "application/x-www-form-urlencoded")];
    let r = emu.send(
        "POST",
        "/_emulator/clock",
        &form,
        br#"{"advanceSeconds":1}"#,
    );
    assert_eq!(r.status, 200, "{}", r.body_text());
    let r = emu.send("POST", "/_emulator/faults", &form, br#"{"latencyMs":1}"#);
    assert_eq!(r.status, 200, "{}", r.body_text());
    let big = vec![b' '; 70_000];
    emu.send("POST", "/_emulator/faults", &form, &big)
        .assert_error(413, 1000);
}
