//! State under concurrency: 1,000 concurrent starts and 1,000 concurrent
//! checks lose or duplicate nothing; races on one destination or one session
//! resolve exactly once.

#![allow(clippy::unwrap_used)] // a test that cannot unwrap has failed

mod common;
use common::*;

use std::collections::HashSet;
use std::sync::Barrier;

fn spawn_all<T: Send>(n: usize, job: impl Fn(usize) -> T + Sync) -> Vec<T> {
    let barrier = Barrier::new(n);
    std::thread::scope(|s| {
        let handles: Vec<_> = (0..n)
            .map(|i| {
                let (barrier, job) = (&barrier, &job);
                std::thread::Builder::new()
                    .stack_size(256 * 1024)
                    .spawn_scoped(s, move || {
                        barrier.wait();
                        job(i)
                    })
                    .unwrap()
            })
            .collect();
        handles.into_iter().map(|h| h.join().unwrap()).collect()
    })
}

#[test]
fn a_thousand_concurrent_starts_and_checks() {
    let emu = Emulator::start();
    let destination = |i: usize| format!("+1650253{i:04}");
    let started = spawn_all(1_000, |i| {
        let r = emu.start_session(&json!({ "destination": destination(i) }));
        assert_eq!(r.status, 200, "{}", r.body_text());
        r.json()["sessionId"].as_str().unwrap().to_string()
    });
    let ids: HashSet<&String> = started.iter().collect();
    assert_eq!(ids.len(), 1_000, "every session id distinct");
    let outbox = emu.outbox("");
    assert_eq!(outbox.len(), 1_000, "one message per start");
    let sent: HashSet<&str> = outbox
        .iter()
        .map(|e| e["destination"].as_str().unwrap())
        .collect();
    assert_eq!(sent.len(), 1_000);
    let codes: Vec<String> = started
        .iter()
        .map(|id| {
            let entry = outbox
                .iter()
                .find(|e| e["sessionId"] == id.as_str())
                .expect("its message");
            entry["code"].as_str().unwrap().to_string()
        })
        .collect();
    let verified = spawn_all(1_000, |i| {
        let body = emu.check(&started[i], Some(&codes[i])).json();
        (
            body["status"].as_str().unwrap().to_string(),
            body["destination"].as_str().unwrap().to_string(),
        )
    });
    for (i, (status, dest)) in verified.iter().enumerate() {
        assert_eq!(status, "VERIFIED", "session {i}");
        assert_eq!(*dest, destination(i));
    }
}

#[test]
fn concurrent_starts_to_one_destination_send_once() {
    let emu = Emulator::start();
    let statuses = spawn_all(200, |_| {
        emu.start_session(&json!({ "destination": "+6581280001" }))
            .status
    });
    assert_eq!(
        statuses.iter().filter(|s| **s == 200).count(),
        1,
        "{statuses:?}"
    );
    assert_eq!(statuses.iter().filter(|s| **s == 403).count(), 199);
    assert_eq!(emu.outbox("").len(), 1);
}

#[test]
fn concurrent_wrong_codes_count_exactly_five() {
    let emu = Emulator::start();
    let body = emu
        .start_session(&json!({ "destination": "+6581280002", "codeLength": 6 }))
        .json();
    let id = body["sessionId"].as_str().unwrap().to_string();
    let code = emu.code_of(&id);
    let wrong = if code == "000000" { "111111" } else { "000000" };
    let answers = spawn_all(200, |_| {
        let b = emu.check(&id, Some(wrong)).json();
        (
            b["status"].as_str().unwrap().to_string(),
            b["attempt"].as_u64().unwrap(),
        )
    });
    let mut waiting: Vec<u64> = answers
        .iter()
        .filter(|(s, _)| s == "WAITING")
        .map(|(_, a)| *a)
        .collect();
    waiting.sort_unstable();
    assert_eq!(waiting, [1, 2, 3, 4], "each attempt counted once");
    assert!(answers
        .iter()
        .filter(|(s, _)| s == "FAILED")
        .all(|(_, a)| *a == 5));
    let last = emu.check(&id, Some(&code)).json();
    assert_eq!(
        (last["status"].as_str(), last["attempt"].as_u64()),
        (Some("FAILED"), Some(5))
    );
}
