//! The transport to 8x8: `worker::Fetch` with a timeout, driven by the
//! client core's retry policy (`verify8x8::api`). The worker decides no
//! retry rule of its own.

use std::time::Duration;

use verify8x8::api::{self, Decision, Error, HttpRequest, Operation, Policy, TransportErrorKind};
use worker::{js_sys, AbortSignal, Delay, Fetch, Headers, Method, Request, RequestInit};

/// How long one attempt may take.
const TIMEOUT_MS: u32 = 10_000;

/// A raw answer: status, headers, body text.
pub(crate) struct Answer {
    /// HTTP status.
    pub(crate) status: u16,
    /// Headers, names lower-cased.
    pub(crate) headers: Vec<(String, String)>,
    /// Body text.
    pub(crate) body: String,
}

/// Sends `request` for `op`, retrying as the core's policy decides, and
/// interprets the answer with `parse`.
pub(crate) async fn call<T>(
    op: Operation,
    request: &HttpRequest,
    parse: impl Fn(u16, &[(String, String)], &str) -> Result<T, Error>,
) -> Result<T, Error> {
    let policy = Policy::default();
    let mut attempt = 1;
    loop {
        let outcome = match send(request).await {
            Ok(answer) => parse(answer.status, &answer.headers, &answer.body),
            Err(error) => Err(error),
        };
        let error = match outcome {
            Ok(value) => return Ok(value),
            Err(error) => error,
        };
        match policy.decide(op, &error, attempt, js_sys::Math::random()) {
            Decision::Retry { after_ms } => {
                Delay::from(Duration::from_millis(after_ms)).await;
                attempt += 1;
            }
            Decision::GiveUp => return Err(api::settle(op, error)),
        }
    }
}

async fn send(request: &HttpRequest) -> Result<Answer, Error> {
    let network = |e: worker::Error| {
        Error::transport(
            TransportErrorKind::Network,
            format!("8x8 could not be reached: {e}"),
        )
    };
    let headers = Headers::new();
    for (name, value) in &request.headers {
        headers.set(name, value).map_err(network)?;
    }
    let mut init = RequestInit::new();
    let method = match request.method {
        api::Method::Get => Method::Get,
        api::Method::Post => Method::Post,
    };
    init.with_method(method).with_headers(headers);
    if let Some(body) = &request.body {
        init.with_body(Some(body.as_str().into()));
    }
    let req = Request::new_with_init(&request.url, &init).map_err(network)?;
    let signal = AbortSignal::from(worker::web_sys::AbortSignal::timeout_with_u32(TIMEOUT_MS));
    let mut response = match Fetch::Request(req).send_with_signal(&signal).await {
        Ok(response) => response,
        Err(_) if signal.aborted() => {
            return Err(Error::transport(
                TransportErrorKind::Timeout,
                format!("8x8 did not answer within {TIMEOUT_MS} ms"),
            ))
        }
        Err(e) => return Err(network(e)),
    };
    let status = response.status_code();
    let headers = response
        .headers()
        .entries()
        .map(|(k, v)| (k.to_ascii_lowercase(), v))
        .collect();
    let body = response.text().await.map_err(network)?;
    Ok(Answer {
        status,
        headers,
        body,
    })
}
