//! The retry policy: which failures are retried for which operation, the
//! backoff bounds, and the `outcome_unknown` rule for starts.

use crate::api::{
    parse_error, settle, Decision, Error, Mode, Operation, Policy, TransportErrorKind,
};

const ALL: [Operation; 4] = [
    Operation::StartVerification,
    Operation::CheckCode,
    Operation::GetStatus,
    Operation::CheckCoverage,
];

fn api(status: u16, headers: &[(&str, &str)]) -> Error {
    let headers: Vec<(String, String)> = headers
        .iter()
        .map(|(n, v)| ((*n).to_owned(), (*v).to_owned()))
        .collect();
    Error::Api(parse_error(status, &headers, ""))
}

fn retried(op: Operation, error: &Error) -> bool {
    matches!(
        Policy::default().decide(op, error, 1, 0.5),
        Decision::Retry { .. }
    )
}

#[test]
fn which_failures_are_retried() {
    let timeout = Error::transport(TransportErrorKind::Timeout, "t");
    let network = Error::transport(TransportErrorKind::Network, "n");
    let aborted = Error::transport(TransportErrorKind::Aborted, "a");
    let bad = Error::transport(TransportErrorKind::BadResponse, "b");
    for op in ALL {
        let safe = op.is_safe_to_repeat();
        assert!(retried(op, &api(429, &[])), "{op:?} 429");
        assert_eq!(retried(op, &api(500, &[])), safe, "{op:?} 500");
        assert_eq!(retried(op, &api(503, &[])), safe, "{op:?} 503");
        assert_eq!(retried(op, &timeout), safe, "{op:?} timeout");
        assert_eq!(retried(op, &network), safe, "{op:?} network");
        for never in [
            &aborted,
            &bad,
            &api(400, &[]),
            &api(401, &[]),
            &api(403, &[]),
            &api(404, &[]),
            &Error::Validation(vec![]),
        ] {
            assert!(!retried(op, never), "{op:?} {never:?}");
        }
    }
    assert!(
        Operation::GetStatus.is_safe_to_repeat() && Operation::CheckCoverage.is_safe_to_repeat()
    );
    assert!(
        !Operation::CheckCode.is_safe_to_repeat()
            && !Operation::StartVerification.is_safe_to_repeat()
    );
}

#[test]
fn the_budget_is_max_retries() {
    let p = Policy {
        max_retries: 2,
        ..Policy::default()
    };
    let e = api(500, &[]);
    assert!(matches!(
        p.decide(Operation::GetStatus, &e, 1, 0.0),
        Decision::Retry { .. }
    ));
    assert!(matches!(
        p.decide(Operation::GetStatus, &e, 2, 0.0),
        Decision::Retry { .. }
    ));
    assert_eq!(p.decide(Operation::GetStatus, &e, 3, 0.0), Decision::GiveUp);
    let never = Policy {
        max_retries: 0,
        ..Policy::default()
    };
    assert_eq!(
        never.decide(Operation::GetStatus, &api(429, &[]), 1, 0.0),
        Decision::GiveUp
    );
}

#[test]
fn full_jitter_stays_under_the_exponential_ceiling() {
    let p = Policy {
        max_retries: 100,
        base_delay_ms: 100,
        max_delay_ms: 2000,
        ..Policy::default()
    };
    let e = api(502, &[]);
    for attempt in 1..=100u32 {
        let ceiling = (100u64 << (attempt - 1).min(20)).min(2000);
        for r in [0.0, 0.25, 0.999_999, 1.0, -5.0, 7.0, f64::NAN] {
            let Decision::Retry { after_ms } = p.decide(Operation::CheckCoverage, &e, attempt, r)
            else {
                panic!("gave up at {attempt}");
            };
            assert!(after_ms <= ceiling, "{attempt} {r} {after_ms}");
        }
    }
    assert_eq!(
        p.decide(Operation::GetStatus, &e, 1, 0.5),
        Decision::Retry { after_ms: 50 }
    );
    assert_eq!(
        p.decide(Operation::GetStatus, &e, 3, 0.5),
        Decision::Retry { after_ms: 200 }
    );
    assert_eq!(
        p.decide(Operation::GetStatus, &e, 9, 0.5),
        Decision::Retry { after_ms: 1000 }
    );
}

#[test]
fn a_429_waits_at_least_retry_after_and_gives_up_when_too_long() {
    let p = Policy::default();
    let short = api(429, &[("Retry-After", "1")]);
    assert_eq!(
        p.decide(Operation::StartVerification, &short, 1, 0.0),
        Decision::Retry { after_ms: 1000 }
    );
    let long = api(429, &[("Retry-After", "3600")]);
    assert_eq!(
        p.decide(Operation::GetStatus, &long, 1, 0.0),
        Decision::GiveUp
    );
    let huge = api(429, &[("Retry-After", "99999999999999999999")]);
    assert_eq!(
        p.decide(Operation::GetStatus, &huge, 1, 0.0),
        Decision::GiveUp
    );
}

#[test]
fn through_the_edge_worker_a_rate_limited_start_is_not_sent_again() {
    // The worker retried it already and counts every start it receives
    // against the destination's limit.
    let busy = api(429, &[("Retry-After", "1")]);
    let proxy = Policy::for_mode(Mode::Proxy);
    assert_eq!(
        proxy.decide(Operation::StartVerification, &busy, 1, 0.0),
        Decision::GiveUp
    );
    assert_eq!(
        proxy.decide(Operation::GetStatus, &busy, 1, 0.0),
        Decision::Retry { after_ms: 1000 }
    );
    assert!(matches!(
        Policy::for_mode(Mode::Direct).decide(Operation::StartVerification, &busy, 1, 0.0),
        Decision::Retry { .. }
    ));
}

#[test]
fn a_start_with_an_unknown_outcome_is_reported_as_such() {
    for kind in [TransportErrorKind::Timeout, TransportErrorKind::Network] {
        let e = Error::transport(kind, "lost");
        let settled = settle(Operation::StartVerification, e.clone());
        assert_eq!(settled.code(), "outcome_unknown");
        assert!(settled.to_string().contains("same code"), "{settled}");
        for op in [
            Operation::CheckCode,
            Operation::GetStatus,
            Operation::CheckCoverage,
        ] {
            assert_eq!(settle(op, e.clone()), e);
        }
    }
    let aborted = Error::transport(TransportErrorKind::Aborted, "a");
    assert_eq!(
        settle(Operation::StartVerification, aborted).code(),
        "aborted"
    );
    assert_eq!(
        settle(Operation::StartVerification, api(500, &[])).code(),
        "server_error"
    );
}
