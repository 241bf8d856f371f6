//! Reading a plain JavaScript options object (`VerifyClient`'s settings,
//! `verifyProof`'s options): the names it should not have, and the fields it
//! sets.

use js_sys::{Object, Reflect};
use wasm_bindgen::{JsCast, JsValue};

use crate::params::{Violation, ViolationCode};

/// A violation for every own name of `options` that is not in `known`.
pub(crate) fn unknown_names(options: &JsValue, known: &[&str]) -> Vec<Violation> {
    Object::keys(options.unchecked_ref::<Object>())
        .iter()
        .filter_map(|k| k.as_string())
        .filter(|key| !known.contains(&key.as_str()))
        .map(|key| {
            let message = format!("unknown option {key:?} (known: {})", known.join(", "));
            Violation::new(key, ViolationCode::UnknownField, message)
        })
        .collect()
}

/// `options[name]`, unless it is `undefined` or `null` (left out).
pub(crate) fn field(options: &JsValue, name: &str) -> Option<JsValue> {
    let value = Reflect::get(options, &JsValue::from_str(name)).unwrap_or(JsValue::UNDEFINED);
    (!value.is_undefined() && !value.is_null()).then_some(value)
}
