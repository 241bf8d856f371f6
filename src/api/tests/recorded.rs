//! Answers as the emulator, the edge worker and misbehaving proxies give
//! them, including bodies that are not what they should be.

use crate::api::{
    parse_coverage, parse_error, parse_session, parse_session_reply, ApiErrorKind, Error,
    TransportErrorKind,
};
use crate::params::{Limit, SessionStatus};

fn h(pairs: &[(&str, &str)]) -> Vec<(String, String)> {
    pairs
        .iter()
        .map(|(n, v)| ((*n).to_owned(), (*v).to_owned()))
        .collect()
}

const WAITING: &str = r#"{"sessionId":"9f0c","verifyUri":"/api/v2/subaccounts/test-account/sessions/9f0c","destination":"+6587654321","status":"WAITING","attempt":0,"expiresAt":"2026-11-23T05:47:02Z","retryAfter":"2026-11-23T05:42:12Z"}"#;

#[test]
fn every_status_reads() {
    for status in ["WAITING", "VERIFIED", "FAILED", "EXPIRED"] {
        let body = WAITING
            .replace("WAITING", status)
            .replace("\"attempt\":0", "\"attempt\":5");
        let s = parse_session(200, &[], &body).unwrap();
        assert_eq!(s.status.as_str(), status);
        assert_eq!(s.attempt, 5);
    }
    assert_eq!(
        parse_session(200, &[], WAITING).unwrap().status,
        SessionStatus::Waiting
    );
}

#[test]
fn the_worker_proof_is_kept() {
    let body = WAITING.replace("\"WAITING\"", "\"VERIFIED\",\"proof\":\"eyJ.a.b\"");
    let reply = parse_session_reply(200, &[], &body).unwrap();
    assert_eq!(reply.proof.as_deref(), Some("eyJ.a.b"));
    assert_eq!(reply.session.status, SessionStatus::Verified);
    assert_eq!(parse_session_reply(200, &[], WAITING).unwrap().proof, None);
}

#[test]
fn the_tutorial_shape_is_tolerated() {
    let body = r#"{"sessionID":"abc","destination":6598765432,"status":"WAITING"}"#;
    let s = parse_session(200, &[], body).unwrap();
    assert_eq!(
        (s.session_id.as_str(), s.destination.as_str()),
        ("abc", "+6598765432")
    );
    assert_eq!((s.attempt, s.verify_uri.as_str()), (0, ""));
}

#[test]
fn malformed_success_bodies_are_bad_responses() {
    let bodies = [
        "",
        "   ",
        "<html><body>OK</body></html>",
        "null",
        "[]",
        "\"WAITING\"",
        r#"{"sessionId":"x"}"#,
        r#"{"sessionId":"x","status":"DONE"}"#,
        r#"{"sessionId":7,"status":"WAITING"}"#,
        r#"{"sessionId":"x","status":"WAITING","attempt":-1}"#,
        r#"{"sessionId":"x","status":"WAITING","attempt":2.5}"#,
        r#"{"sessionId":"x","status":"WAITING","attempt":256}"#,
        r#"{"sessionId":"x","status":"WAITING","sma":{}}"#,
        r#"{"sessionId":"x","status":"WAITING""#,
        &"[".repeat(100_000),
    ];
    for body in bodies {
        let err = parse_session(200, &[], body).unwrap_err();
        assert_eq!(err.code(), "bad_response", "{body:.40}");
        assert!(
            matches!(err, Error::Transport(ref e) if e.kind == TransportErrorKind::BadResponse && e.status == Some(200))
        );
    }
    for body in ["", "{}", r#"{"isAvailable":"yes"}"#, "true"] {
        assert_eq!(
            parse_coverage(200, &[], body).unwrap_err().code(),
            "bad_response"
        );
    }
    assert!(
        !parse_coverage(204 - 4, &[], r#"{"isAvailable":false}"#)
            .unwrap()
            .is_available
    );
}

#[test]
fn emulator_errors() {
    let resend = parse_error(
        403,
        &h(&[("Retry-After", "8"), ("content-type", "application/json")]),
        r#"{"code":1400,"message":"Resending interval violation","errorId":"e1","timestamp":"t"}"#,
    );
    assert_eq!(
        (resend.kind, resend.retry_after),
        (ApiErrorKind::ResendTooSoon, Some(8))
    );
    let limited = parse_error(
        429,
        &h(&[("retry-after", "1")]),
        r#"{"code":1100,"message":"Too many requests","errorId":"e2","timestamp":"t"}"#,
    );
    assert_eq!(
        (limited.kind, limited.code, limited.retry_after),
        (ApiErrorKind::RateLimited, Some(1100), Some(1))
    );
    let auth = parse_session(401, &[], r#"{"code":1200,"message":"Request was not authenticated properly","errorId":"e3","timestamp":"t"}"#)
        .unwrap_err();
    assert_eq!(auth.code(), "unauthorized");
    let tls = parse_error(
        426,
        &h(&[("Upgrade", "TLS/1.3")]),
        r#"{"code":1014,"errorId":"e4","timestamp":"t"}"#,
    );
    assert_eq!(
        (tls.kind, tls.message.as_str()),
        (ApiErrorKind::InsecureProtocol, "HTTP 426")
    );
}

#[test]
fn worker_errors_carry_violations_limit_and_retry_after() {
    let policy = parse_error(
        403,
        &[],
        r#"{"code":1201,"message":"refused","errorId":"w1","timestamp":"t","violations":[{"path":"destination","code":"country_not_allowed","message":"not here","limit":{"kind":"oneOf","values":["SG","GB"]}},{"path":"x"},{"code":"not_mobile"}]}"#,
    );
    assert_eq!(policy.kind, ApiErrorKind::Forbidden);
    assert_eq!(policy.violations.len(), 2);
    assert_eq!(policy.violations[0].code, "country_not_allowed");
    assert_eq!(
        policy.violations[0].limit,
        Some(Limit::OneOf {
            values: vec!["SG".into(), "GB".into()]
        })
    );
    assert_eq!(
        (
            policy.violations[1].path.as_str(),
            policy.violations[1].code.as_str()
        ),
        ("", "not_mobile")
    );
    let bad = parse_error(
        400,
        &[],
        r#"{"code":1010,"errorId":"w2","timestamp":"t","violations":[{"path":"codeLength","code":"out_of_range","message":"m","limit":{"kind":"range","min":3,"max":10}},{"path":"brand","code":"too_long","message":"m","limit":{"kind":"length","min":0,"max":30}},{"path":"p","code":"c","message":"m","limit":{"kind":"what"}}]}"#,
    );
    assert_eq!(
        bad.violations[0].limit,
        Some(Limit::Range {
            min: 3.0,
            max: 10.0
        })
    );
    assert_eq!(
        bad.violations[1].limit,
        Some(Limit::Length { min: 0, max: 30 })
    );
    assert_eq!(bad.violations[2].limit, None);
    let limited = parse_error(
        429,
        &h(&[("Retry-After", "99")]),
        r#"{"code":1100,"errorId":"w3","timestamp":"t","limit":"destination","retryAfter":42.2}"#,
    );
    assert_eq!(
        (limited.limit.as_deref(), limited.retry_after),
        (Some("destination"), Some(43))
    );
    let handle = parse_error(
        400,
        &[],
        r#"{"code":1008,"message":"Invalid ID","errorId":"w4","timestamp":"t"}"#,
    );
    assert_eq!(handle.kind.code(), "invalid_id");
}

#[test]
fn malformed_error_bodies_still_give_typed_errors() {
    let html = parse_error(502, &[], "<html><h1>502 Bad Gateway</h1></html>");
    assert_eq!(
        (html.kind, html.code, html.error_id.as_deref()),
        (ApiErrorKind::ServerError, None, None)
    );
    assert!(html.message.contains("502"));
    let cases: [(u16, &str, ApiErrorKind); 8] = [
        (500, "", ApiErrorKind::ServerError),
        (404, "Not Found", ApiErrorKind::NotFound),
        (401, "{}", ApiErrorKind::Unauthorized),
        (400, r#"{"code":"1002"}"#, ApiErrorKind::Unknown),
        (400, r#"{"code":1e300}"#, ApiErrorKind::Unknown),
        (400, r#"{"code":-1}"#, ApiErrorKind::Unknown),
        (403, r#"{"code":1400.5}"#, ApiErrorKind::ResendTooSoon),
        (418, "[1,2]", ApiErrorKind::Unknown),
    ];
    for (status, body, kind) in cases {
        let e = parse_error(status, &[], body);
        assert_eq!((e.status, e.kind), (status, kind), "{status} {body}");
        assert!(!e.message.is_empty());
    }
    let weird_retry = parse_error(429, &h(&[("Retry-After", "soon")]), r#"{"retryAfter":-3}"#);
    assert_eq!(weird_retry.retry_after, None);
    let dated = parse_error(
        503,
        &h(&[
            ("Retry-After", "Wed, 21 Oct 2015 07:28:30 GMT"),
            ("Date", "Wed, 21 Oct 2015 07:28:00 GMT"),
        ]),
        "",
    );
    assert_eq!(dated.retry_after, Some(30));
    // A redirect the transport did not follow is an error too.
    assert_eq!(parse_session(302, &[], "").unwrap_err().code(), "api_error");
}
