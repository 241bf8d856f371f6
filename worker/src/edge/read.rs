//! Reading a request's JSON body at the edge: declared as JSON, and at
//! most `body::MAX_BODY` bytes counted while it arrives.

use verify8x8::json::Value;
use worker::wasm_bindgen::{JsCast, JsValue};
use worker::wasm_bindgen_futures::JsFuture;
use worker::{js_sys, web_sys};

use crate::body;
use crate::reply::Refusal;

/// Reads a JSON body of at most `body::MAX_BODY` bytes, counted while it
/// arrives: a body without `Content-Length` (chunked) is cut off at the
/// limit, never read whole first.
pub(super) async fn read_json(req: &web_sys::Request) -> Result<Value, Refusal> {
    let header = |name| req.headers().get(name).ok().flatten();
    body::check_headers(
        header("Content-Type").as_deref(),
        header("Content-Length").as_deref(),
    )?;
    let unreadable = || Refusal::NotJson {
        content_type: false,
        message: "the request body could not be read".into(),
    };
    let mut bytes = Vec::new();
    // Past the limit nothing more is kept; a little more is read and dropped
    // so that the connection stays usable, then the stream is abandoned.
    let mut seen = 0usize;
    if let Some(stream) = req.body() {
        let reader: web_sys::ReadableStreamDefaultReader = stream.get_reader().unchecked_into();
        loop {
            let chunk = JsFuture::from(reader.read())
                .await
                .map_err(|_| unreadable())?;
            let done = js_sys::Reflect::get(&chunk, &JsValue::from_str("done"))
                .map_err(|_| unreadable())?;
            if done.is_truthy() {
                break;
            }
            let value = js_sys::Reflect::get(&chunk, &JsValue::from_str("value"))
                .map_err(|_| unreadable())?;
            let part = js_sys::Uint8Array::new(&value);
            seen += part.length() as usize;
            if seen > body::DRAIN_MAX {
                let _ = reader.cancel();
                break;
            }
            if seen <= body::MAX_BODY {
                bytes.extend(part.to_vec());
            }
        }
    }
    if seen > body::MAX_BODY {
        return Err(Refusal::TooLarge {
            max: body::MAX_BODY,
        });
    }
    let text = String::from_utf8(bytes).map_err(|_| Refusal::NotJson {
        content_type: false,
        message: "the request body is not UTF-8".into(),
    })?;
    body::parse(&text)
}
