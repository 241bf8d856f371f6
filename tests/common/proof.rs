//! `verifyProof` through the JavaScript boundary.

use wasm_bindgen::JsValue;
use wasm_bindgen_test::wasm_bindgen_test;

use verify8x8::js_exports as js;
use verify8x8::proof::{sign, Claims};

const SECRET: &str = "an-edge-secret-of-at-least-32-bytes!";

fn now() -> u64 {
    (js_sys::Date::now() / 1000.0) as u64
}

fn field(value: &JsValue, name: &str) -> JsValue {
    js_sys::Reflect::get(value, &JsValue::from_str(name)).expect("object")
}

fn error_code(result: Result<impl Into<JsValue>, JsValue>) -> String {
    let error = result.map(Into::into).expect_err("refused");
    assert_eq!(
        field(&error, "name").as_string().as_deref(),
        Some("ProofError")
    );
    field(&error, "code").as_string().expect("string code")
}

#[wasm_bindgen_test]
fn a_good_proof_gives_the_number_and_times() {
    let token = sign(&Claims::new("+6587654321", now(), 600), SECRET.as_bytes()).expect("signs");
    let verified: JsValue = js::verify_proof(&token, SECRET).expect("accepted").into();
    assert_eq!(
        field(&verified, "number").as_string().as_deref(),
        Some("+6587654321")
    );
    let verified_at = field(&verified, "verifiedAt").as_f64().expect("number");
    assert_eq!(
        field(&verified, "expiresAt").as_f64(),
        Some(verified_at + 600.0)
    );
}

#[wasm_bindgen_test]
fn refusals_carry_stable_codes() {
    let token = sign(&Claims::new("+6587654321", now(), 600), SECRET.as_bytes()).expect("signs");
    assert_eq!(
        error_code(js::verify_proof(
            &token,
            "another-secret-of-at-least-32-bytes"
        )),
        "bad_signature"
    );
    assert_eq!(
        error_code(js::verify_proof("not a token", SECRET)),
        "malformed"
    );
    assert_eq!(error_code(js::verify_proof(&token, "short")), "weak_secret");
    let old = sign(
        &Claims::new("+6587654321", now() - 7200, 600),
        SECRET.as_bytes(),
    )
    .expect("signs");
    assert_eq!(error_code(js::verify_proof(&old, SECRET)), "expired");
}
