//! JavaScript values read as JSON ([`Value`]): the one converter the
//! validators and the client share.
//!
//! It reads what `serde_wasm_bindgen::from_value::<Value>` read (and so what
//! the tests pin), without serde's deserializer machinery in the package:
//! `null` and `undefined` are `null`; safe integers, other numbers (`NaN` and
//! infinities too: the validators report them) and `BigInt`s in the 64-bit
//! range are numbers; arrays, `Uint8Array` and `ArrayBuffer` (as their bytes)
//! are arrays; plain objects and `Map`s with string keys are objects. A
//! function, a symbol, another iterable (`Set`, …), or nesting deeper than
//! [`MAX_DEPTH`] (a cycle) is an error.

use js_sys::{Array, ArrayBuffer, Map, Number, Object, Reflect, Symbol, Uint8Array};
use wasm_bindgen::{JsCast, JsValue};

use crate::json::{Value, MAX_DEPTH};

/// `value` as JSON, or why it cannot be.
pub(crate) fn from_js(value: &JsValue) -> Result<Value, String> {
    read(value, 0)
}

fn read(value: &JsValue, depth: usize) -> Result<Value, String> {
    if value.loose_eq(&JsValue::NULL) {
        return Ok(Value::Null);
    }
    if let Some(b) = value.as_bool() {
        return Ok(Value::Bool(b));
    }
    if value.is_bigint() {
        return match i64::try_from(value.clone()) {
            Ok(n) => Ok(Value::Number(n as f64)),
            Err(value) => u64::try_from(value)
                .map(|n| Value::Number(n as f64))
                .map_err(|_| "a BigInt outside i64::MIN..u64::MAX".to_owned()),
        };
    }
    if let Some(n) = value.as_f64() {
        // A safe integer goes through i64, as serde-wasm-bindgen did: -0 is 0.
        return Ok(Value::Number(if Number::is_safe_integer(value) {
            n as i64 as f64
        } else {
            n
        }));
    }
    if let Some(s) = value.as_string() {
        return Ok(Value::String(s));
    }
    let nested = depth + 1;
    if Array::is_array(value) {
        check_depth(depth)?;
        let array: &Array = value.unchecked_ref();
        return array
            .iter()
            .map(|item| read(&item, nested))
            .collect::<Result<_, _>>()
            .map(Value::Array);
    }
    let bytes = if let Some(bytes) = value.dyn_ref::<Uint8Array>() {
        Some(bytes.to_vec())
    } else {
        value
            .dyn_ref::<ArrayBuffer>()
            .map(|buffer| Uint8Array::new(buffer).to_vec())
    };
    if let Some(bytes) = bytes {
        return Ok(Value::Array(
            bytes.iter().map(|&b| Value::Number(f64::from(b))).collect(),
        ));
    }
    let is_map = value.has_type::<Map>();
    let iterable = Reflect::has(value, &Symbol::iterator()).unwrap_or(false);
    if !value.is_object() || (iterable && !is_map) {
        let kind = value.js_typeof().as_string().unwrap_or_default();
        return Err(format!("a {kind} that is not a JSON value"));
    }
    check_depth(depth)?;
    let entries = if is_map {
        Array::from(value)
    } else {
        Object::entries(value.unchecked_ref())
    };
    let mut members = Vec::new();
    for entry in entries.iter() {
        let entry: Array = entry.unchecked_into();
        let key = entry
            .get(0)
            .as_string()
            .ok_or_else(|| "a Map key that is not a string".to_owned())?;
        members.push((key, read(&entry.get(1), nested)?));
    }
    Ok(Value::Object(members))
}

fn check_depth(depth: usize) -> Result<(), String> {
    if depth >= MAX_DEPTH {
        Err("nesting too deep (or a cycle)".to_owned())
    } else {
        Ok(())
    }
}
