//! The transport to 8x8: the platform's `fetch` with a timeout. The retry
//! loop and its policy are the client core's (`verify8x8::api::call`); the
//! worker decides no retry rule of its own.

use std::time::Duration;

use verify8x8::api::{
    self, Answer, Error, HttpRequest, Operation, Policy, TransportErrorKind, DEFAULT_TIMEOUT_MS,
};
use worker::wasm_bindgen::{JsCast, JsValue};
use worker::wasm_bindgen_futures::JsFuture;
use worker::{js_sys, web_sys, Delay, Headers};

/// How long one attempt may take.
const TIMEOUT_MS: u32 = DEFAULT_TIMEOUT_MS;

/// Sends `request` for `op`, retrying as the core's policy decides, and
/// interprets the answer with `parse`.
pub(crate) async fn call<T>(
    op: Operation,
    request: &HttpRequest,
    parse: impl Fn(u16, &[(String, String)], &str) -> Result<T, Error>,
) -> Result<T, Error> {
    api::call(&Fetch, &Policy::default(), op, request, parse).await
}

/// The platform's `fetch`, `setTimeout` and `Math.random`.
struct Fetch;

impl api::Transport for Fetch {
    async fn send(&self, request: &HttpRequest) -> Result<Answer, Error> {
        send(request).await
    }

    async fn sleep(&self, ms: u64) -> Result<(), Error> {
        Delay::from(Duration::from_millis(ms)).await;
        Ok(())
    }

    fn random(&self) -> f64 {
        js_sys::Math::random()
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
    // A redirect is never followed: the key would go with it.
    init.set_redirect(web_sys::RequestRedirect::Manual);
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
    if status == 0 || (300..400).contains(&status) {
        return Err(Error::transport(
            TransportErrorKind::BadResponse,
            format!("8x8 answered with a redirect ({status}); not followed: check VERIFY_BASE_URL"),
        ));
    }
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
