//! Request validation from arbitrary JSON text: the strict parser, then every
//! validator. Checks: never panics; a verdict has a request iff it has no
//! error; what the writer writes parses back to the same text.
#![no_main]

use libfuzzer_sys::fuzz_target;
use verify8x8::{json, params};

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    let Ok(value) = json::parse(text) else {
        return;
    };
    let written = json::to_string(&value);
    let reparsed = json::parse(&written).expect("written JSON parses");
    assert_eq!(json::to_string(&reparsed), written, "JSON round trip");

    let verdict = params::validate_verification(&value);
    assert_eq!(verdict.request.is_some(), verdict.is_ok());
    for violation in verdict.errors.iter().chain(&verdict.warnings) {
        let _ = (violation.api_error_code(), violation.code.as_str());
    }
    let verdict = params::validate_code_check(&value);
    assert_eq!(verdict.request.is_some(), verdict.is_ok());
    let verdict = params::validate_coverage(&value);
    assert_eq!(verdict.request.is_some(), verdict.is_ok());
});
