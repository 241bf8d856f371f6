//! JavaScript errors with a stable `code`: the one way this crate throws.

use wasm_bindgen::JsValue;

/// A JavaScript `Error` whose `name` is `name` and which carries a string
/// `code` callers can branch on (the message may change; the code never does).
pub(crate) fn coded_error(name: &str, code: &str, message: &str) -> JsValue {
    let error = js_sys::Error::new(message);
    error.set_name(name);
    // Setting a property on a fresh Error cannot fail; ignore the Result.
    let _ = js_sys::Reflect::set(&error, &JsValue::from_str("code"), &JsValue::from_str(code));
    error.into()
}
