//! Request validation, exported to JavaScript.

use wasm_bindgen::prelude::*;

use crate::params as core;

/// Whether `id` is a well-formed 8x8 sub-account id: 3 to 50 characters, each
/// an ASCII letter or digit or one of `-`, `.`, `_`, `&`.
///
/// ```ts
/// isValidSubAccountId("acme_corp_hq"); // true
/// isValidSubAccountId("acme corp");    // false: space not allowed
/// ```
#[wasm_bindgen(js_name = isValidSubAccountId)]
pub fn is_valid_sub_account_id(id: &str) -> bool {
    core::is_valid_sub_account_id(id)
}
