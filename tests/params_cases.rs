//! The shared table of validation cases (tests/cases/params.json), natively.
//! The same table runs in Chrome, Firefox and Node (tests/common/params.rs).
#![cfg(not(target_arch = "wasm32"))]
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    unreachable_pub,
    missing_docs
)]

#[path = "cases/check.rs"]
mod check;

use serde::Serialize;
use verify8x8::json::Value;
use verify8x8::params::{self, Verdict};

/// A verdict in the shape JavaScript receives.
fn js_shape<T: Serialize>(verdict: Verdict<T>) -> Value {
    let shape = serde_json::json!({
        "ok": verdict.is_ok(),
        "errors": verdict.errors,
        "warnings": verdict.warnings,
        "request": verdict.request,
    });
    serde_json::from_value(shape).unwrap()
}

pub fn run(validate: &str, input: &Value) -> Value {
    match validate {
        "verification" => js_shape(params::validate_verification(input)),
        "codeCheck" => js_shape(params::validate_code_check(input)),
        "coverage" => js_shape(params::validate_coverage(input)),
        other => panic!("unknown validator {other}"),
    }
}

#[test]
fn every_case_of_the_shared_table() {
    let n = check::run_all(run);
    assert!(n > 200, "only {n} cases");
}
