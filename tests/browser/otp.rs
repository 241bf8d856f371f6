//! `receiveCode` in a real browser: the code from WebOTP (stubbed: no SMS
//! reaches a test browser), and every way it must stay silent: no API
//! (Firefox has none), aborted before or during the request, refused.

use js_sys::{Object, Promise, Reflect};
use wasm_bindgen::prelude::*;
use wasm_bindgen_futures::JsFuture;
use wasm_bindgen_test::wasm_bindgen_test;

use verify8x8::js_exports::receive_code;

#[wasm_bindgen(inline_js = r#"
let saved;
export function installWebOtp(mode) {
  saved ??= { had: 'OTPCredential' in globalThis, otp: globalThis.OTPCredential, get: navigator.credentials?.get };
  globalThis.calls = [];
  globalThis.OTPCredential = class OTPCredential {};
  const get = (options) => {
    globalThis.calls.push(options);
    if (mode === 'code') return Promise.resolve({ type: 'otp', code: '042917' });
    if (mode === 'refuse') return Promise.reject(new DOMException('denied', 'NotAllowedError'));
    // 'hang': pending until aborted, then rejected as the browser does.
    return new Promise((_, reject) => {
      options.signal?.addEventListener('abort', () => reject(options.signal.reason));
    });
  };
  Object.defineProperty(navigator, 'credentials', { value: { get }, configurable: true });
}
export function removeWebOtp() {
  saved ??= { had: 'OTPCredential' in globalThis, otp: globalThis.OTPCredential, get: navigator.credentials?.get };
  delete globalThis.OTPCredential;
  globalThis.calls = [];
  Object.defineProperty(navigator, 'credentials', {
    value: { get: (o) => { globalThis.calls.push(o); return Promise.resolve({ code: '1' }); } },
    configurable: true,
  });
}
export function restoreWebOtp() {
  delete navigator.credentials; // the own property: the prototype's getter is back
  if (saved?.had) globalThis.OTPCredential = saved.otp; else delete globalThis.OTPCredential;
}
export function calls() { return globalThis.calls.length; }
export function lastCallAsksForSms() {
  const o = globalThis.calls.at(-1);
  return JSON.stringify(o.otp.transport) === '["sms"]' && o.signal instanceof AbortSignal;
}
// "pending" if `promise` has not settled within `ms`, else how it settled.
export function settleWithin(promise, ms) {
  const timer = new Promise((resolve) => setTimeout(() => resolve('pending'), ms));
  return Promise.race([promise.then((v) => `resolved:${v}`, (e) => `rejected:${e?.name}`), timer]);
}
export function controller() { return new AbortController(); }
"#)]
extern "C" {
    #[wasm_bindgen(js_name = installWebOtp)]
    fn install_web_otp(mode: &str);
    #[wasm_bindgen(js_name = removeWebOtp)]
    fn remove_web_otp();
    #[wasm_bindgen(js_name = restoreWebOtp)]
    fn restore_web_otp();
    fn calls() -> u32;
    #[wasm_bindgen(js_name = lastCallAsksForSms)]
    fn last_call_asks_for_sms() -> bool;
    #[wasm_bindgen(js_name = settleWithin)]
    fn settle_within(promise: &Promise, ms: u32) -> Promise;
    fn controller() -> web_controller::AbortController;
}

mod web_controller {
    use wasm_bindgen::prelude::*;
    #[wasm_bindgen]
    extern "C" {
        pub type AbortController;
        #[wasm_bindgen(method, getter)]
        pub fn signal(this: &AbortController) -> JsValue;
        #[wasm_bindgen(method)]
        pub fn abort(this: &AbortController);
    }
}

fn options(signal: &JsValue) -> Object {
    let options = Object::new();
    Reflect::set(&options, &"signal".into(), signal).expect("set");
    options
}

async fn outcome(promise: &Promise) -> String {
    JsFuture::from(settle_within(promise, 150))
        .await
        .expect("settleWithin never rejects")
        .as_string()
        .expect("a string")
}

#[wasm_bindgen_test]
async fn resolves_with_the_code_webotp_gives() {
    install_web_otp("code");
    let abort = controller();
    let received = receive_code(Some(options(&abort.signal())));
    assert_eq!(outcome(&received).await, "resolved:042917");
    assert!(last_call_asks_for_sms());
    restore_web_otp();
}

#[wasm_bindgen_test]
async fn without_webotp_it_never_settles_and_asks_nothing() {
    remove_web_otp();
    let received = receive_code(None);
    assert_eq!(outcome(&received).await, "pending");
    assert_eq!(
        calls(),
        0,
        "credentials.get is not called without OTPCredential"
    );
    restore_web_otp();
}

#[wasm_bindgen_test]
async fn aborted_before_it_asks_nothing_and_never_settles() {
    install_web_otp("code");
    let abort = controller();
    abort.abort();
    let received = receive_code(Some(options(&abort.signal())));
    assert_eq!(outcome(&received).await, "pending");
    assert_eq!(calls(), 0);
    restore_web_otp();
}

#[wasm_bindgen_test]
async fn aborted_while_waiting_it_never_settles_and_never_throws() {
    install_web_otp("hang");
    let abort = controller();
    let received = receive_code(Some(options(&abort.signal())));
    abort.abort();
    assert_eq!(outcome(&received).await, "pending");
    assert_eq!(calls(), 1);
    restore_web_otp();
}

#[wasm_bindgen_test]
async fn a_refusal_never_throws() {
    install_web_otp("refuse");
    let received = receive_code(None);
    assert_eq!(outcome(&received).await, "pending");
    restore_web_otp();
}
