//! Errors in 8x8's shape for everything: authentication, sub-accounts,
//! validation (8x8 codes naming the field), bad input, unknown routes.

#![allow(clippy::unwrap_used)] // a test that cannot unwrap has failed

mod common;
use common::*;

const SESSIONS: &str = "/api/v2/subaccounts/test-account/sessions";

#[test]
fn missing_or_wrong_key_is_401_1200() {
    let emu = Emulator::start();
    let body = br#"{"destination":"+6581260001"}"#;
    let json_type = ("Content-Type", "application/json");
    for auth in [
        None,
        Some("Bearer nope"),
        Some("test-key"),
        Some("Basic dGVzdC1rZXk="),
        Some("Bearer "),
    ] {
        let mut headers = vec![json_type];
        if let Some(a) = auth {
            headers.push(("Authorization", a));
        }
        let body = emu
            .send("POST", SESSIONS, &headers, body)
            .assert_error(401, 1200);
        assert_eq!(body["message"], "Request was not authenticated properly");
        emu.send("GET", &format!("{SESSIONS}/abc"), &headers, b"")
            .assert_error(401, 1200);
        emu.send(
            "POST",
            "/api/v2/subaccounts/test-account/sma/coverage",
            &headers,
            b"{}",
        )
        .assert_error(401, 1200);
    }
    // The scheme is case-insensitive.
    let r = emu.send(
        "POST",
        SESSIONS,
        &[json_type, ("Authorization", "bearer test-key")],
        body,
    );
    assert_eq!(r.status, 200);
}

#[test]
fn configured_keys_replace_the_default() {
    let emu = Emulator::with_args(&["--quiet", "--api-key", "k1,k2"]);
    let body = br#"{"destination":"+6581260002"}"#;
    let send = |key: &str| {
        let auth = format!("Bearer {key}");
        emu.send(
            "POST",
            SESSIONS,
            &[
                ("Content-Type", "application/json"),
                ("Authorization", &auth),
            ],
            body,
        )
    };
    send("test-key").assert_error(401, 1200);
    assert_eq!(send("k2").status, 200);
}

#[test]
fn bad_or_foreign_sub_account_is_400_1001() {
    let emu = Emulator::start();
    for sub in ["ab", "other-account", "bad%20id", &"x".repeat(51)] {
        let r = emu.post(
            &format!("/api/v2/subaccounts/{sub}/sessions"),
            &json!({ "destination": "+6581260003" }),
        );
        let body = r.assert_error(400, 1001);
        assert_eq!(
            body["message"],
            "Provided subAccountId doesn't belong to your account"
        );
    }
}

#[test]
fn validation_errors_carry_8x8_codes_and_name_the_field() {
    let emu = Emulator::start();
    let cases = [
        (json!({}), 1002, "destination"),
        (json!({ "destination": "hello" }), 1002, "destination"),
        (json!({ "destination": "87654321" }), 1002, "country"),
        (
            json!({ "destination": "87654321", "country": "ZZ" }),
            1009,
            "country",
        ),
        (
            json!({ "destination": "+6581260004", "codeLength": 11 }),
            1010,
            "codeLength",
        ),
        (
            json!({ "destination": "+6581260004", "codeValidity": 10 }),
            1010,
            "codeValidity",
        ),
        (
            json!({ "destination": "+6581260004", "resendingInterval": 9000 }),
            1010,
            "resendingInterval",
        ),
        (
            json!({ "destination": "+6581260004", "clientIp": "1.2.3" }),
            1012,
            "clientIp",
        ),
        (
            json!({ "destination": "+6581260004", "channel": "fax" }),
            1000,
            "channel",
        ),
        (
            json!({ "destination": "+6581260004", "codeType": "HEX" }),
            1000,
            "codeType",
        ),
        (
            json!({ "destination": "+6581260004", "brand": "x".repeat(31) }),
            1000,
            "brand",
        ),
        (
            json!({ "destination": "+6581260004", "channel": "whatsapp" }),
            1000,
            "whatsapp",
        ),
        (
            json!({ "destination": "+6581260004", "language": "en-us" }),
            1000,
            "language",
        ),
        (
            json!({ "destination": "+6581260004", "nope": 1 }),
            1000,
            "nope",
        ),
        (
            json!({ "destination": "+6581260004", "codeLength": "5" }),
            1000,
            "codeLength",
        ),
        (
            json!({ "destination": "+6581260004", "callbackUrl": "not a url" }),
            1000,
            "callbackUrl",
        ),
        (json!([1, 2]), 1000, ""),
    ];
    for (body, code, field) in cases {
        let r = emu.start_session(&body);
        let error = r.assert_error(400, code);
        let message = error["message"].as_str().unwrap();
        assert!(message.contains(field), "{body} → {message}");
    }
    assert!(
        emu.outbox("").is_empty(),
        "nothing sent for a refused request"
    );
}

#[test]
fn invalid_json_is_400_1000() {
    let emu = Emulator::start();
    let auth = format!("Bearer {KEY}");
    let headers = [
        ("Authorization", auth.as_str()),
        ("Content-Type", "application/json"),
    ];
    for body in [
        &b"{"[..],
        b"",
        b"nul",
        b"{\"destination\":}",
        b"\xff\xfe",
        b"{\"a\":1}}",
        &[b'['; 10_000][..],
    ] {
        let error = emu
            .send("POST", SESSIONS, &headers, body)
            .assert_error(400, 1000);
        assert!(
            error["message"].as_str().unwrap().contains("JSON"),
            "{error}"
        );
    }
}

#[test]
fn wrong_content_type_is_415() {
    let emu = Emulator::start();
    let auth = format!("Bearer {KEY}");
    for ct in [
        "text/plain",
        "application/x-www-form-urlencoded",
        "multipart/form-data; boundary=x",
    ] {
        let headers = [("Authorization", auth.as_str()), ("Content-Type", ct)];
        emu.send(
            "POST",
            SESSIONS,
            &headers,
            br#"{"destination":"+6581260005"}"#,
        )
        .assert_error(415, 1000);
    }
    // With a charset, or no Content-Type at all, JSON is accepted.
    for headers in [
        vec![
            ("Authorization", auth.as_str()),
            ("Content-Type", "application/json; charset=utf-8"),
        ],
        vec![("Authorization", auth.as_str())],
    ] {
        let r = emu.send(
            "POST",
            SESSIONS,
            &headers,
            br#"{"destination":"+6581260006","resetSession":true}"#,
        );
        assert!(r.status == 200 || r.status == 403, "{}", r.body_text());
    }
}

#[test]
fn bodies_over_64_kb_are_413() {
    let emu = Emulator::start();
    let auth = format!("Bearer {KEY}");
    let headers = [
        ("Authorization", auth.as_str()),
        ("Content-Type", "application/json"),
    ];
    let big = format!(
        r#"{{"destination":"+6581260007","brand":"{}"}}"#,
        "x".repeat(70_000)
    );
    emu.send("POST", SESSIONS, &headers, big.as_bytes())
        .assert_error(413, 1000);
    // Exactly 64 KB is still read (and refused for its content, not its size).
    let mut edge = format!(
        r#"{{"destination":"+6581260007","brand":"{}"}}"#,
        "x".repeat(65_536)
    );
    edge.truncate(65_536);
    emu.send("POST", SESSIONS, &headers, edge.as_bytes())
        .assert_error(400, 1000);
    // A chunked body without Content-Length is limited too.
    let mut raw = format!(
        "POST {SESSIONS} HTTP/1.1\r\nHost: x\r\nAuthorization: {auth}\r\nContent-Type: application/json\r\nTransfer-Encoding: chunked\r\nConnection: close\r\n\r\n"
    )
    .into_bytes();
    for _ in 0..20 {
        raw.extend_from_slice(format!("{:x}\r\n{}\r\n", 5000, "y".repeat(5000)).as_bytes());
    }
    raw.extend_from_slice(b"0\r\n\r\n");
    emu.raw(&raw).expect("an answer").assert_error(413, 1000);
}

#[test]
fn unknown_paths_are_404_and_wrong_methods_405() {
    let emu = Emulator::start();
    for path in [
        "/",
        "/api",
        "/api/v2/subaccounts/test-account",
        "/api/v1/verify",
        "/_emulator/nope",
        "/sma",
    ] {
        emu.send("GET", path, &[], b"").assert_error(404, 1300);
    }
    for (method, path, allow) in [
        ("GET", SESSIONS, "POST"),
        ("DELETE", SESSIONS, "POST"),
        (
            "POST",
            "/api/v2/subaccounts/test-account/sessions/abc",
            "GET",
        ),
        (
            "PUT",
            "/api/v2/subaccounts/test-account/sma/coverage",
            "POST",
        ),
        ("PATCH", "/_emulator/faults", "GET, POST, DELETE"),
        ("POST", "/_emulator/outbox", "GET, DELETE"),
    ] {
        let r = emu.send(method, path, &[], b"");
        r.assert_error(405, 2001);
        assert_eq!(r.header("allow"), Some(allow), "{method} {path}");
    }
}

#[test]
fn malformed_http_does_not_stop_the_emulator() {
    let emu = Emulator::start();
    for raw in [
        &b"GARBAGE\r\n\r\n"[..],
        b"GET / HTTP/9.9\r\n\r\n",
        b"\x00\x01\x02",
        b"GET /\xff HTTP/1.1\r\nHost: x\r\n\r\n",
    ] {
        let _ = emu.raw(raw);
    }
    assert_eq!(emu.control("GET", "/_emulator/clock", None).status, 200);
}
