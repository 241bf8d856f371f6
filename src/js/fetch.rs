//! The transport: one [`HttpRequest`] through `fetch` (see `fetch.js`), with
//! a timeout and the caller's `AbortSignal`, and the abortable sleep between
//! retries. Works wherever `fetch` and `AbortController` exist: a window, a
//! web worker, Node 18+, a Cloudflare Worker.

use js_sys::{Object, Promise, Reflect};
use wasm_bindgen::prelude::*;
use wasm_bindgen_futures::JsFuture;

use crate::api::{Answer, Error, HttpRequest, TransportErrorKind};
use crate::json::number::display;

#[wasm_bindgen(module = "/src/js/fetch.js")]
extern "C" {
    #[wasm_bindgen(js_name = send)]
    fn js_send(
        fetch: &JsValue,
        url: &str,
        method: &str,
        headers: &Object,
        body: Option<String>,
        timeout_ms: f64,
        signal: &JsValue,
    ) -> Promise;

    #[wasm_bindgen(js_name = sleep)]
    fn js_sleep(ms: f64, signal: &JsValue) -> Promise;

    /// Whether this runs in a web page.
    #[wasm_bindgen(js_name = isPage)]
    pub(crate) fn is_page() -> bool;

    /// Whether this runs in a browser: a web page or a browser's Web Worker.
    #[wasm_bindgen(js_name = isBrowser)]
    pub(crate) fn is_browser() -> bool;
}

fn get(object: &JsValue, key: &str) -> JsValue {
    Reflect::get(object, &JsValue::from_str(key)).unwrap_or(JsValue::UNDEFINED)
}

/// A failed exchange: the error, and the exception `fetch` threw
/// (`undefined` when it did not throw).
pub(crate) struct Failure {
    pub(crate) error: Error,
    pub(crate) cause: JsValue,
}

/// Sends `request` once. `fetch` is the caller's function or `undefined`
/// (the global one); `signal` an `AbortSignal` or `undefined`.
pub(crate) async fn send(
    fetch: &JsValue,
    request: &HttpRequest,
    timeout_ms: f64,
    signal: &JsValue,
) -> Result<Answer, Failure> {
    let headers = Object::new();
    for (name, value) in &request.headers {
        let _ = Reflect::set(
            &headers,
            &JsValue::from_str(name),
            &JsValue::from_str(value),
        );
    }
    let promise = js_send(
        fetch,
        &request.url,
        request.method.as_str(),
        &headers,
        request.body.clone(),
        timeout_ms,
        signal,
    );
    // `send` never rejects; a rejection would be a bug in fetch.js.
    let outcome = JsFuture::from(promise).await.unwrap_or(JsValue::UNDEFINED);
    if let Some(failure) = get(&outcome, "failure").as_string() {
        let message = get(&outcome, "message").as_string().unwrap_or_default();
        let (kind, message) = match failure.as_str() {
            "timeout" => (
                TransportErrorKind::Timeout,
                format!(
                    "no answer within {} ms from {}",
                    display(timeout_ms),
                    request.url
                ),
            ),
            "aborted" => (
                TransportErrorKind::Aborted,
                "the call was aborted".to_owned(),
            ),
            _ => (
                TransportErrorKind::Network,
                format!("the request to {} failed: {message}", request.url),
            ),
        };
        return Err(Failure {
            error: Error::transport(kind, message),
            cause: get(&outcome, "cause"),
        });
    }
    let mut headers = Vec::new();
    for (key, name) in [("retryAfter", "retry-after"), ("date", "date")] {
        if let Some(value) = get(&outcome, key).as_string() {
            headers.push((name.to_owned(), value));
        }
    }
    Ok(Answer {
        status: get(&outcome, "status").as_f64().unwrap_or(0.0) as u16,
        headers,
        body: get(&outcome, "body").as_string().unwrap_or_default(),
    })
}

/// Waits `ms` milliseconds; `false` when `signal` aborted the wait.
pub(crate) async fn sleep(ms: u64, signal: &JsValue) -> bool {
    let slept = JsFuture::from(js_sleep(ms as f64, signal)).await;
    slept.map(|v| v.is_truthy()).unwrap_or(false)
}
