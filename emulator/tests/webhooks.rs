//! `callbackUrl` webhooks: the session object POSTed on every status change,
//! in order, with a bounded retry, to loopback targets only.

#![allow(clippy::unwrap_used)] // a test that cannot unwrap has failed

mod common;
use common::*;

use std::io::{BufRead, BufReader, Read, Write};
use std::net::TcpListener;
use std::sync::mpsc::{self, Receiver};
use std::time::{Duration, Instant};

/// A loopback receiver answering the statuses of `script` in turn (200 once
/// the script is used up); each received body arrives on the channel.
fn receiver(script: Vec<u16>) -> (String, Receiver<Value>) {
    let listener = TcpListener::bind("127.0.0.1:0").unwrap();
    let url = format!("http://{}/hook?token=abc", listener.local_addr().unwrap());
    let (tx, rx) = mpsc::channel();
    std::thread::spawn(move || {
        let mut script = script.into_iter();
        for stream in listener.incoming() {
            let Ok(mut stream) = stream else { return };
            let mut reader = BufReader::new(stream.try_clone().unwrap());
            let mut line = String::new();
            let mut length = 0;
            let mut request_line = String::new();
            reader.read_line(&mut request_line).unwrap();
            assert!(
                request_line.starts_with("POST /hook?token=abc "),
                "{request_line}"
            );
            loop {
                line.clear();
                reader.read_line(&mut line).unwrap();
                if line == "\r\n" || line.is_empty() {
                    break;
                }
                let lower = line.to_ascii_lowercase();
                if let Some(v) = lower.strip_prefix("content-length:") {
                    length = v.trim().parse().unwrap();
                }
            }
            let mut body = vec![0; length];
            reader.read_exact(&mut body).unwrap();
            let status = script.next().unwrap_or(200);
            let _ = write!(
                stream,
                "HTTP/1.1 {status} X\r\nContent-Length: 0\r\nConnection: close\r\n\r\n"
            );
            if tx.send(serde_json::from_slice(&body).unwrap()).is_err() {
                return;
            }
        }
    });
    (url, rx)
}

fn next(rx: &Receiver<Value>) -> Value {
    rx.recv_timeout(Duration::from_secs(20)).expect("a webhook")
}

/// Polls the delivery log until `done` holds (webhooks are asynchronous).
fn log_until(emu: &Emulator, done: impl Fn(&[Value]) -> bool) -> Vec<Value> {
    let deadline = Instant::now() + Duration::from_secs(20);
    loop {
        let log = emu.control("GET", "/_emulator/webhooks", None).json();
        let log = log.as_array().unwrap().clone();
        if done(&log) || Instant::now() > deadline {
            return log;
        }
        std::thread::sleep(Duration::from_millis(20));
    }
}

#[test]
fn every_status_change_is_posted_in_order() {
    let emu = Emulator::start();
    let (url, rx) = receiver(vec![]);
    let r = emu.start_session(&json!({ "destination": "+6581240001", "callbackUrl": url }));
    let id = r.json()["sessionId"].as_str().unwrap().to_string();
    let code = emu.code_of(&id);
    let verified = emu.check(&id, Some(&code)).json();
    let first = next(&rx);
    assert_eq!(first["status"], "WAITING");
    assert_eq!(first["sessionId"], id.as_str());
    assert_session_shape(&first);
    assert_eq!(next(&rx), verified, "the payload is the session object");
}

#[test]
fn failed_and_expired_are_posted() {
    let emu = Emulator::start();
    let (url, rx) = receiver(vec![]);
    let a = emu
        .start_session(&json!({ "destination": "+6581240002", "callbackUrl": url }))
        .json();
    let b = emu
        .start_session(&json!({ "destination": "+6581240003", "callbackUrl": url }))
        .json();
    let a_id = a["sessionId"].as_str().unwrap();
    let code = emu.code_of(a_id);
    let wrong = if code == "0000" { "1111" } else { "0000" };
    for _ in 0..5 {
        emu.check(a_id, Some(wrong));
    }
    emu.advance(301.0);
    let mut got: Vec<(String, String)> = (0..4)
        .map(|_| next(&rx))
        .map(|v| {
            (
                v["sessionId"].as_str().unwrap().to_string(),
                v["status"].as_str().unwrap().to_string(),
            )
        })
        .collect();
    got.sort();
    let b_id = b["sessionId"].as_str().unwrap().to_string();
    let mut want = vec![
        (a_id.to_string(), "FAILED".to_string()),
        (a_id.to_string(), "WAITING".to_string()),
        (b_id.clone(), "EXPIRED".to_string()),
        (b_id, "WAITING".to_string()),
    ];
    want.sort();
    assert_eq!(got, want);
    assert!(
        rx.recv_timeout(Duration::from_millis(300)).is_err(),
        "no more webhooks"
    );
}

#[test]
fn failures_are_retried_a_bounded_number_of_times() {
    let emu = Emulator::start();
    let (url, rx) = receiver(vec![500, 503]);
    let r = emu.start_session(&json!({ "destination": "+6581240004", "callbackUrl": url }));
    assert_eq!(r.status, 200);
    for _ in 0..3 {
        assert_eq!(next(&rx)["status"], "WAITING");
    }
    let log = log_until(&emu, |l| !l.is_empty());
    assert_eq!(log[0]["outcome"], "delivered");
    assert_eq!(log[0]["attempts"], 3);
    assert_eq!(log[0]["httpStatus"], 200);

    let (url, rx) = receiver(vec![500; 10]);
    emu.start_session(&json!({ "destination": "+6581240005", "callbackUrl": url }));
    for _ in 0..3 {
        next(&rx);
    }
    let log = log_until(&emu, |l| l.len() >= 2);
    assert_eq!(log[0]["outcome"], "failed");
    assert_eq!(log[0]["attempts"], 3);
    assert!(
        rx.recv_timeout(Duration::from_millis(500)).is_err(),
        "gave up after 3 tries"
    );
}

#[test]
fn only_loopback_targets_are_called() {
    let emu = Emulator::start();
    let r = emu.start_session(&json!({
        "destination": "+6581240006", "callbackUrl": "https://example.com/hook"
    }));
    assert_eq!(r.status, 200);
    let log = log_until(&emu, |l| !l.is_empty());
    assert_eq!(log[0]["outcome"], "skipped");
    assert_eq!(log[0]["attempts"], 0);
}

#[test]
fn an_unreachable_receiver_does_not_hold_up_the_api() {
    let emu = Emulator::start();
    let port = TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port();
    let r = emu.start_session(&json!({
        "destination": "+6581240007", "callbackUrl": format!("http://127.0.0.1:{port}/gone")
    }));
    assert_eq!(r.status, 200);
    let log = log_until(&emu, |l| !l.is_empty());
    assert_eq!(log[0]["outcome"], "failed");
    assert_eq!(log[0]["attempts"], 3);
    assert!(log[0]["httpStatus"].is_null());
}
