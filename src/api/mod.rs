//! The sans-IO 8x8 Verify v2 client: requests described, responses
//! interpreted, retries decided and run ([`call`]). No I/O and no wasm type here: a transport
//! (the JS `fetch` of `VerifyClient`, `worker::Fetch` in the edge worker, a
//! native HTTP client in tests) moves the bytes.
//!
//! A call, in any runtime:
//!
//! ```
//! use verify8x8::{api, json, params};
//! let cfg = api::Config::direct("http://127.0.0.1:8790", "test-account", "test-key");
//! let input = json::parse(r#"{"destination":"+6587654321","brand":"ACME"}"#).unwrap();
//! let verdict = params::validate_verification(&input);       // 1. validate locally
//! let request = api::start_verification(&cfg, verdict.request.as_ref().unwrap()); // 2. describe
//! // 3. the transport sends `request` and reads (status, headers, body)…
//! let (status, body) = (503, "");
//! match api::parse_session(status, &[], body) {                 // 4. interpret
//!     Ok(session) => println!("sent, session {}", session.session_id),
//!     Err(error) => match api::Policy::default().decide(api::Operation::StartVerification, &error, 1, 0.3) {
//!         api::Decision::Retry { after_ms } => println!("retry in {after_ms} ms"),
//!         api::Decision::GiveUp => println!("failed: {}", api::settle(api::Operation::StartVerification, error).code()),
//!     },
//! }
//! ```

// `Error` is large (an `ApiError` holds the whole error answer) but returned
// only on failure; boxing it would make matching on it clumsier for every
// transport. Modules returning `Result<_, Error>` allow the lint.
#![allow(clippy::result_large_err)]

mod body;
mod config;
mod coverage;
mod error;
mod escape;
mod request;
mod response;
mod retry;
mod retry_after;
mod transport;

#[cfg(test)]
mod tests;

pub use body::{to_value, BodyError};
pub use config::{Config, Mode, DEFAULT_BASE_URL};
pub use coverage::validate_coverage;
pub use error::{ApiError, ApiErrorKind, ApiViolation, Error, TransportError, TransportErrorKind};
pub use escape::escape;
pub use request::{
    check_code, check_coverage, get_status, resend, resend_by, start_verification,
    start_verification_with, EdgeStart, HttpRequest, Method,
};
pub use response::{
    header, parse_coverage, parse_error, parse_session, parse_session_reply, SessionReply,
};
pub use retry::{settle, Decision, Operation, Policy};
pub use retry_after::retry_after_seconds;
pub use transport::{call, Answer, Transport, DEFAULT_TIMEOUT_MS};
