//! Signs proofs with the platform's WebCrypto (workerd's `crypto.subtle`,
//! Ed25519): the private key is imported once per isolate and never leaves
//! it. The token's form and claims are the core's (`verify8x8::proof`).

use std::cell::RefCell;

use verify8x8::proof::{assemble, signing_input, Claims};
use worker::js_sys::{self, Reflect, Uint8Array};
use worker::wasm_bindgen::{JsCast, JsValue};
use worker::wasm_bindgen_futures::JsFuture;

use crate::proof_keys::ProofKeys;

thread_local! {
    /// The imported signing key (a `CryptoKey`), once per isolate.
    static KEY: RefCell<Option<JsValue>> = const { RefCell::new(None) };
}

/// The proof token of `claims`, signed with the configured key.
pub(crate) async fn sign(keys: &ProofKeys, claims: &Claims) -> Result<String, JsValue> {
    let subtle = subtle()?;
    let key = match KEY.with_borrow(Clone::clone) {
        Some(key) => key,
        None => {
            let key = import(&subtle, keys).await?;
            KEY.set(Some(key.clone()));
            key
        }
    };
    let input = signing_input(keys.kid(), claims);
    let data = Uint8Array::from(input.as_bytes());
    let sign = method(&subtle, "sign")?;
    let promise = sign.call3(&subtle, &algorithm(), &key, &data)?;
    let signature = JsFuture::from(js_sys::Promise::from(promise)).await?;
    let signature = Uint8Array::new(&signature).to_vec();
    Ok(assemble(&input, &signature))
}

async fn import(subtle: &JsValue, keys: &ProofKeys) -> Result<JsValue, JsValue> {
    let jwk = js_sys::JSON::parse(&keys.private_jwk_json())?;
    let usages = js_sys::Array::of1(&JsValue::from_str("sign"));
    let import = method(subtle, "importKey")?;
    let args = js_sys::Array::of5(
        &JsValue::from_str("jwk"),
        &jwk,
        &algorithm(),
        &JsValue::FALSE,
        &usages,
    );
    let promise = import.apply(subtle, &args)?;
    JsFuture::from(js_sys::Promise::from(promise)).await
}

fn subtle() -> Result<JsValue, JsValue> {
    let crypto = Reflect::get(&js_sys::global(), &JsValue::from_str("crypto"))?;
    Reflect::get(&crypto, &JsValue::from_str("subtle"))
}

fn method(subtle: &JsValue, name: &str) -> Result<js_sys::Function, JsValue> {
    Reflect::get(subtle, &JsValue::from_str(name))?.dyn_into()
}

fn algorithm() -> JsValue {
    let algorithm = js_sys::Object::new();
    // Setting a property on a fresh object cannot fail.
    let _ = Reflect::set(&algorithm, &"name".into(), &"Ed25519".into());
    algorithm.into()
}
