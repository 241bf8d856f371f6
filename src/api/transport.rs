//! The one retry loop of the client, over a [`Transport`]: each runtime
//! (`src/js/fetch.rs` for browsers, Node and Workers; `worker/src/upstream.rs`
//! at the edge) only moves bytes, sleeps and draws a random number; this
//! loop sends, interprets, asks the [`Policy`] and settles the error.
//!
//! No I/O here: the loop is an `async fn` generic over the transport, so
//! `cargo test` drives it natively with a scripted transport.

use std::future::Future;

use super::error::Error;
use super::request::HttpRequest;
use super::retry::{settle, Decision, Operation, Policy};

/// How long one attempt may take by default, in milliseconds.
pub const DEFAULT_TIMEOUT_MS: u32 = 10_000;

/// A raw answer: status, headers, body text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Answer {
    /// The HTTP status.
    pub status: u16,
    /// The headers the parsers read (`retry-after`, `date`), names lower-cased.
    pub headers: Vec<(String, String)>,
    /// The body text.
    pub body: String,
}

/// What a runtime gives the retry loop.
pub trait Transport {
    /// Sends `request` once: the answer, whatever its status, or a transport
    /// error (timeout, network, aborted).
    fn send(&self, request: &HttpRequest) -> impl Future<Output = Result<Answer, Error>>;

    /// Waits `ms` milliseconds before the next attempt; an error (aborted)
    /// ends the loop with it.
    fn sleep(&self, ms: u64) -> impl Future<Output = Result<(), Error>>;

    /// A number uniform in `[0, 1)` for the backoff's jitter.
    fn random(&self) -> f64;
}

/// Runs `request` for `op` through `transport`: sends, interprets the answer
/// with `parse`, and retries as `policy` decides; the error, once given up,
/// goes through [`settle`].
///
/// ```
/// # use std::future::Future;
/// use verify8x8::api::{self, Answer, Error, HttpRequest, Operation, Policy, Transport};
/// struct Down;
/// impl Transport for Down {
///     async fn send(&self, _: &HttpRequest) -> Result<Answer, Error> {
///         Ok(Answer { status: 503, headers: vec![], body: String::new() })
///     }
///     async fn sleep(&self, _: u64) -> Result<(), Error> { Ok(()) }
///     fn random(&self) -> f64 { 0.5 }
/// }
/// let cfg = api::Config::direct("http://127.0.0.1:8790", "test-account", "test-key");
/// let request = api::get_status(&cfg, "a44a91be5ea5ea118169020897df5459");
/// let policy = Policy::default();
/// let call = api::call(&Down, &policy, Operation::GetStatus, &request, api::parse_session);
/// // Drive `call` with any executor; after 1 + 4 attempts it fails with "server_error".
/// # let _ = call;
/// ```
pub async fn call<T>(
    transport: &impl Transport,
    policy: &Policy,
    op: Operation,
    request: &HttpRequest,
    parse: impl Fn(u16, &[(String, String)], &str) -> Result<T, Error>,
) -> Result<T, Error> {
    let mut attempt = 0;
    loop {
        attempt += 1;
        let error = match transport.send(request).await {
            Ok(answer) => match parse(answer.status, &answer.headers, &answer.body) {
                Ok(value) => return Ok(value),
                Err(e) => e,
            },
            Err(e) => e,
        };
        match policy.decide(op, &error, attempt, transport.random()) {
            Decision::Retry { after_ms } => transport.sleep(after_ms).await?,
            Decision::GiveUp => return Err(settle(op, error)),
        }
    }
}
