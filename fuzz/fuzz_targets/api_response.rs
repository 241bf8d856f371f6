//! Response parsing with arbitrary status, headers and body. Input:
//! `STATUS\nname: value\nname: value\n\nBODY`. Checks: never panics, and the
//! retry policy decides something for every error of every operation.
#![no_main]

use libfuzzer_sys::fuzz_target;
use verify8x8::api::{self, Operation, Policy};

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    let (head, body) = text.split_once("\n\n").unwrap_or((text, ""));
    let mut lines = head.lines();
    let status = lines
        .next()
        .and_then(|s| s.trim().parse::<u16>().ok())
        .unwrap_or(200);
    let headers: Vec<(String, String)> = lines
        .filter_map(|line| line.split_once(':'))
        .map(|(name, value)| (name.trim().to_ascii_lowercase(), value.trim().to_owned()))
        .collect();

    let policy = Policy::default();
    let ops = [
        Operation::StartVerification,
        Operation::CheckCode,
        Operation::GetStatus,
        Operation::CheckCoverage,
    ];
    if let Err(error) = api::parse_session(status, &headers, body) {
        let _ = error.code();
        for op in ops {
            let _ = policy.decide(op, &error, 1, 0.5);
            let _ = api::settle(op, error.clone());
        }
    }
    if let Err(error) = api::parse_coverage(status, &headers, body) {
        let _ = (error.code(), error.retry_after());
    }
    let _ = api::parse_error(status, &headers, body);
    let _ = api::parse_session_reply(status, &headers, body);
});
