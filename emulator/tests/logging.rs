//! The request log: one line per request on stderr, numbers masked, never a
//! code or a key; settings printed at start.

#![allow(clippy::unwrap_used)] // a test that cannot unwrap has failed

mod common;
use common::*;

use std::io::{BufRead, BufReader};
use std::sync::mpsc;
use std::time::Duration;

#[test]
fn one_masked_line_per_request() {
    let mut emu = Emulator::with_args(&["--keep-stderr", "--api-key", "secret-key-123"]);
    let stderr = emu.stderr.take().unwrap();
    let (tx, rx) = mpsc::channel();
    std::thread::spawn(move || {
        for line in BufReader::new(stderr).lines() {
            let Ok(line) = line else { return };
            if tx.send(line).is_err() {
                return;
            }
        }
    });
    let auth = "Bearer secret-key-123";
    let headers = [
        ("Authorization", auth),
        ("Content-Type", "application/json"),
    ];
    let r = emu.send(
        "POST",
        "/api/v2/subaccounts/test-account/sessions",
        &headers,
        br#"{"destination":"+6581290001","codeLength":8}"#,
    );
    assert_eq!(r.status, 200);
    let id = r.json()["sessionId"].as_str().unwrap().to_string();
    let code = emu.code_of(&id);
    emu.send(
        "GET",
        &format!("/api/v2/subaccounts/test-account/sessions/{id}?code={code}"),
        &headers,
        b"",
    );
    emu.send(
        "GET",
        "/_emulator/outbox?destination=%2B6581290001",
        &[],
        b"",
    );
    emu.send("GET", "/nope/+6581290001", &[], b"");

    let mut lines = Vec::new();
    while let Ok(line) = rx.recv_timeout(Duration::from_secs(10)) {
        lines.push(line);
        if lines.iter().filter(|l| l.contains(" GET /nope")).count() == 1 {
            break;
        }
    }
    let all = lines.join("\n");
    assert!(
        all.contains("sub-accounts: test-account"),
        "settings printed: {all}"
    );
    assert!(!all.contains("secret-key-123"), "{all}");
    assert!(!all.contains("6581290001"), "{all}");
    assert!(!all.contains(&code), "{all}");
    let requests: Vec<&String> = lines.iter().filter(|l| l.contains(" /")).collect();
    assert_eq!(requests.len(), 5, "one line per request: {requests:#?}");
    assert!(requests[0].contains("POST /api/v2/subaccounts/test-account/sessions 200"));
    assert!(requests[0].ends_with("+6581****01"), "{}", requests[0]);
    assert!(requests[2].contains(&format!(
        "GET /api/v2/subaccounts/test-account/sessions/{id} 200"
    )));
    assert!(
        requests[4].contains("/nope/+6581****01 404"),
        "{}",
        requests[4]
    );
}
