//! The suite shared by every JavaScript runtime: `tests/browser.rs` runs it in
//! headless Chrome and Firefox, `tests/node.rs` in Node. It goes through the
//! exported (JS-facing) functions, so it tests the boundary, not only the core.

mod client;
mod params;
mod proof;

use wasm_bindgen_test::wasm_bindgen_test;

use verify8x8::js_exports as js;

mod phone;

#[wasm_bindgen_test]
fn sub_account_id_accepts_the_documented_alphabet() {
    assert!(js::is_valid_sub_account_id("acme_corp-hq.01&x"));
}

#[wasm_bindgen_test]
fn sub_account_id_enforces_length_and_alphabet() {
    assert!(!js::is_valid_sub_account_id("ab"));
    assert!(!js::is_valid_sub_account_id(&"a".repeat(51)));
    assert!(!js::is_valid_sub_account_id("acme corp"));
}
