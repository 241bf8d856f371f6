//! The transport to 8x8: the platform's `fetch` with a timeout, driven by the
//! client core's retry policy (`verify8x8::api`). The worker decides no
//! retry rule of its own.

use std::time::Duration;

use verify8x8::api::{self, Decision, Error, HttpRequest, Operation, Policy, TransportErrorKind};
use worker::wasm_bindgen::{JsCast, JsValue};
use worker::wasm_bindgen_futures::JsFuture;
use worker::{js_sys, web_sys, Delay, Headers};

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

pub(crate) async fn send(request: &HttpRequest) -> Result<Answer, Error> {
    let network = |e: JsValue| {
        let message = e
            .dyn_ref::<js_sys::Error>()
            .map(|e| String::from(e.message()))
            .or_else(|| e.as_string())
            .unwrap_or_else(|| "unknown error".to_owned());
        Error::transport(
            TransportErrorKind::Network,
            format!("8x8 could not be reached: {message}"),
        )
    };
    // Straight on the platform's fetch: workers-rs's Request and Response
    // wrappers would read `cf` and pull the body through a stream reader,
    // chunk by chunk, where `text()` is one call.
    let headers = web_sys::Headers::new().map_err(network)?;
    for (name, value) in &request.headers {
        headers.set(name, value).map_err(network)?;
    }
    let init = web_sys::RequestInit::new();
    init.set_method(match request.method {
        api::Method::Get => "GET",
        api::Method::Post => "POST",
    });
    init.set_headers(&headers);
    if let Some(body) = &request.body {
        init.set_body(&JsValue::from_str(body));
    }
    let signal = web_sys::AbortSignal::timeout_with_u32(TIMEOUT_MS);
    init.set_signal(Some(&signal));
    let global: web_sys::WorkerGlobalScope = js_sys::global().unchecked_into();
    let response = match JsFuture::from(global.fetch_with_str_and_init(&request.url, &init)).await {
        Ok(response) => response.unchecked_into::<web_sys::Response>(),
        Err(_) if signal.aborted() => {
            return Err(Error::transport(
                TransportErrorKind::Timeout,
                format!("8x8 did not answer within {TIMEOUT_MS} ms"),
            ))
        }
        Err(e) => return Err(network(e)),
    };
    let status = response.status();
    let headers = Headers(response.headers())
        .entries()
        .map(|(k, v)| (k.to_ascii_lowercase(), v))
        .collect();
    let text = response.text().map_err(network)?;
    let body = JsFuture::from(text)
        .await
        .map_err(network)?
        .as_string()
        .unwrap_or_default();
    Ok(Answer {
        status,
        headers,
        body,
    })
}
