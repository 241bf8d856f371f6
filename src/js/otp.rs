//! `receiveCode`: the code of an origin-bound SMS through the browser's
//! WebOTP API, for an app's own code field (`otp.js` does the work).

use js_sys::Promise;
use wasm_bindgen::prelude::*;

#[wasm_bindgen(module = "/src/js/otp.js")]
extern "C" {
    #[wasm_bindgen(js_name = receiveCode)]
    fn web_otp(signal: &JsValue) -> Promise;
}

/// Resolves with the code of the SMS the worker sent (its last line is
/// `@<your host> #<code>`), read by the browser's WebOTP API once the person
/// allows it (Chrome on Android). Where the API is missing (Firefox, Safari,
/// desktop browsers without a paired phone, Node), when `signal` aborts, or
/// when the browser gives up, the promise never settles and never throws: the
/// person types the code instead (`autocomplete="one-time-code"` lets Safari
/// offer it). Start it when the code is sent; abort it when the person types,
/// asks for a new code, or leaves. In a cross-origin iframe the embedding
/// page must allow it: `<iframe allow="otp-credentials">`.
///
/// ```ts
/// const typing = new AbortController();
/// codeInput.addEventListener("input", () => typing.abort(), { once: true });
/// receiveCode({ signal: typing.signal }).then((code) => {
///   codeInput.value = code;
///   form.requestSubmit();
/// });
/// ```
#[wasm_bindgen(js_name = receiveCode, unchecked_return_type = "Promise<string>")]
pub fn receive_code(
    #[wasm_bindgen(unchecked_optional_param_type = "{ signal?: AbortSignalLike }")] options: Option<
        js_sys::Object,
    >,
) -> Promise {
    let signal = options
        .and_then(|o| js_sys::Reflect::get(&o, &JsValue::from_str("signal")).ok())
        .unwrap_or(JsValue::UNDEFINED);
    web_otp(&signal)
}
