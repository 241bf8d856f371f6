//! Signs proofs with workerd's WebCrypto (Ed25519): the private key is
//! imported once per isolate (`importKey("jwk", …, ["sign"])`, not
//! extractable) and kept as a `CryptoKey`; each proof is one `sign` over
//! the core's signing input (`verify8x8::proof::signing_input`).

use std::cell::RefCell;

use verify8x8::proof::{assemble, signing_input, Claims};
use worker::js_sys::{self, Function, Object, Promise, Reflect, Uint8Array};
use worker::wasm_bindgen::{JsCast, JsValue};
use worker::wasm_bindgen_futures::JsFuture;

use crate::proof_keys::ProofKeys;

thread_local! {
    /// The imported signing key of this isolate, with its `kid`.
    static SIGNING_KEY: RefCell<Option<(String, JsValue)>> = const { RefCell::new(None) };
}

/// The proof token for `claims`, signed with the current key.
#[expect(dead_code, reason = "wired into the routes by edge.rs")]
pub(crate) async fn sign(keys: &ProofKeys, claims: &Claims) -> Result<String, JsValue> {
    let key = signing_key(keys).await?;
    let input = signing_input(keys.kid(), claims);
    let data = Uint8Array::from(input.as_bytes());
    let signature = call("sign", &[ed25519().into(), key, data.into()])?;
    let signature = JsFuture::from(signature).await?;
    Ok(assemble(&input, &Uint8Array::new(&signature).to_vec()))
}

/// The `CryptoKey` of the current key, imported on first use.
async fn signing_key(keys: &ProofKeys) -> Result<JsValue, JsValue> {
    let cached = SIGNING_KEY.with_borrow(|cached| {
        cached
            .as_ref()
            .filter(|(kid, _)| kid == keys.kid())
            .map(|(_, key)| key.clone())
    });
    if let Some(key) = cached {
        return Ok(key);
    }
    let jwk = js_sys::JSON::parse(&keys.private_jwk_json())?;
    let usages = js_sys::Array::of1(&"sign".into());
    let imported = call(
        "importKey",
        &[
            "jwk".into(),
            jwk,
            ed25519().into(),
            JsValue::FALSE,
            usages.into(),
        ],
    )?;
    let key = JsFuture::from(imported).await?;
    SIGNING_KEY.with_borrow_mut(|cached| *cached = Some((keys.kid().to_owned(), key.clone())));
    Ok(key)
}

/// `{ name: "Ed25519" }`.
fn ed25519() -> Object {
    let algorithm = Object::new();
    // Setting a property on a fresh object cannot fail.
    let _ = Reflect::set(&algorithm, &"name".into(), &"Ed25519".into());
    algorithm
}

/// `crypto.subtle[method](...args)`, a promise.
fn call(method: &str, args: &[JsValue]) -> Result<Promise, JsValue> {
    let crypto = Reflect::get(&js_sys::global(), &"crypto".into())?;
    let subtle = Reflect::get(&crypto, &"subtle".into())?;
    let function: Function = Reflect::get(&subtle, &method.into())?.dyn_into()?;
    let args: js_sys::Array = args.iter().collect();
    function.apply(&subtle, &args)?.dyn_into()
}
