//! `VerifyClient` against the real emulator, in every JS runtime.
//!
//! `scripts/test wasm` starts `verify8x8-emulator --port 0 --cors-origin '*'`
//! and passes its URL at compile time in `VERIFY8X8_EMULATOR_URL`; without it
//! these tests fail (they never pass silently). Tests run one at a time
//! (wasm-bindgen-test runs them sequentially) and the runtimes one after
//! another, so each test starts with `POST /_emulator/reset` and owns the
//! emulator (sessions, outbox, faults, clock) until the next one.

// Test code: a failed unwrap is a failed test; the missing emulator URL must
// fail loudly at run time (not at compile time, so other suites still build).
#![allow(clippy::unwrap_used, clippy::option_env_unwrap)]

use js_sys::{Array, Function, Object, Promise, Reflect};
use tsify::Ts;
use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_futures::JsFuture;
use wasm_bindgen_test::wasm_bindgen_test;

use verify8x8::js_exports as js;

fn emulator() -> &'static str {
    option_env!("VERIFY8X8_EMULATOR_URL")
        .expect("VERIFY8X8_EMULATOR_URL is not set: run these tests with `scripts/test wasm`, which starts the emulator")
}

fn eval(source: &str) -> JsValue {
    Function::new_no_args(&format!("return ({source});"))
        .call0(&JsValue::UNDEFINED)
        .expect("test helper evaluates")
}

fn get(value: &JsValue, key: &str) -> JsValue {
    Reflect::get(value, &JsValue::from_str(key)).expect("readable property")
}

fn text(value: &JsValue, key: &str) -> String {
    get(value, key)
        .as_string()
        .unwrap_or_else(|| panic!("{key} is not a string"))
}

fn num(value: &JsValue, key: &str) -> f64 {
    get(value, key)
        .as_f64()
        .unwrap_or_else(|| panic!("{key} is not a number"))
}

async fn wait(promise: Promise) -> Result<JsValue, JsValue> {
    JsFuture::from(promise).await
}

/// A control-route call: `control("POST", "/_emulator/reset", None)`.
async fn control(method: &str, path: &str, body: Option<&str>) -> JsValue {
    let call = Function::new_with_args(
        "url, method, body",
        "return fetch(url, { method, body: body ?? undefined, headers: body ? { 'content-type': 'application/json' } : {} })
           .then(async (r) => { const t = await r.text(); if (!r.ok) throw new Error(method + ' ' + url + ': ' + r.status + ' ' + t); return t ? JSON.parse(t) : null; });",
    );
    let url = format!("{}{path}", emulator());
    let promise = call
        .call3(
            &JsValue::UNDEFINED,
            &url.into(),
            &method.into(),
            &body.map(JsValue::from_str).unwrap_or(JsValue::NULL),
        )
        .expect("control call starts");
    wait(promise.unchecked_into())
        .await
        .expect("control route answers")
}

async fn reset() {
    control("POST", "/_emulator/reset", None).await;
}

async fn faults(body: &str) {
    control("POST", "/_emulator/faults", Some(body)).await;
}

/// The outbox entries of one session or destination.
async fn outbox(query: &str) -> Array {
    control("GET", &format!("/_emulator/outbox?{query}"), None)
        .await
        .unchecked_into()
}

/// A `fetch` that counts its calls (`counter.calls`) before delegating.
fn counting_fetch() -> (JsValue, JsValue) {
    let pair = eval("(() => { const counter = { calls: 0 }; return [counter, (...args) => { counter.calls += 1; return fetch(...args); }]; })()");
    (
        Reflect::get_u32(&pair, 0).unwrap(),
        Reflect::get_u32(&pair, 1).unwrap(),
    )
}

fn options(extra: &[(&str, JsValue)]) -> Object {
    let o = Object::new();
    for (k, v) in [
        ("baseUrl", JsValue::from_str(emulator())),
        ("apiKey", "test-key".into()),
        ("subAccountId", "test-account".into()),
        // The browser suites call the emulator with its key from a page.
        ("dangerouslyAllowBrowser", JsValue::TRUE),
    ]
    .into_iter()
    .chain(extra.iter().cloned())
    {
        Reflect::set(&o, &k.into(), &v).unwrap();
    }
    o
}

fn client(extra: &[(&str, JsValue)]) -> js::VerifyClient {
    js::VerifyClient::new(Ts::new_unchecked(options(extra).into()))
        .expect("client settings are valid")
}

fn params(json: &str) -> Ts<js::VerificationParams> {
    Ts::new_unchecked(js_sys::JSON::parse(json).expect("params are JSON"))
}

fn call_options(signal: &JsValue) -> Option<Object> {
    let o = Object::new();
    Reflect::set(&o, &"signal".into(), signal).unwrap();
    Some(o)
}

/// The stable code of a rejected call, after checking it is a `VerifyError`.
fn code_of(error: &JsValue) -> String {
    assert!(
        error.is_instance_of::<js::VerifyError>(),
        "not a VerifyError: {error:?}"
    );
    assert!(error.is_instance_of::<js_sys::Error>());
    text(error, "code")
}

async fn start(client: &js::VerifyClient, json: &str) -> JsValue {
    wait(client.start_verification(params(json), None))
        .await
        .expect("verification starts")
}

async fn code_for(session_id: &str) -> String {
    let sent = outbox(&format!("sessionId={session_id}")).await;
    assert_eq!(sent.length(), 1, "one message for the session");
    text(&sent.get(0), "code")
}

fn now() -> f64 {
    js_sys::Date::now()
}

#[wasm_bindgen_test]
async fn sms_code_from_the_outbox_verifies() {
    reset().await;
    let c = client(&[]);
    let session = start(
        &c,
        r#"{"destination":"+6581000001","brand":"ACME","codeLength":6}"#,
    )
    .await;
    assert_eq!(text(&session, "status"), "WAITING");
    assert_eq!(text(&session, "destination"), "+6581000001");
    let id = text(&session, "sessionId");
    let code = code_for(&id).await;
    assert_eq!(code.len(), 6);
    let checked = wait(c.check_code(id.clone().into(), code.into(), None))
        .await
        .unwrap();
    assert_eq!(text(&checked, "status"), "VERIFIED");
    assert_eq!(num(&checked, "attempt"), 0.0);
    let status = wait(c.get_status(id.into(), None)).await.unwrap();
    assert_eq!(text(&status, "status"), "VERIFIED");
    assert_eq!(c.pending_calls(), 0);
}

#[wasm_bindgen_test]
async fn five_wrong_codes_fail_the_session_for_good() {
    reset().await;
    let c = client(&[]);
    let id = text(
        &start(&c, r#"{"destination":"+6581000002","codeLength":4}"#).await,
        "sessionId",
    );
    let right = code_for(&id).await;
    let wrong = if right == "0000" { "1111" } else { "0000" };
    for attempt in 1..=5 {
        let s = wait(c.check_code(id.clone().into(), wrong.into(), None))
            .await
            .unwrap();
        assert_eq!(num(&s, "attempt"), f64::from(attempt));
        assert_eq!(
            text(&s, "status"),
            if attempt < 5 { "WAITING" } else { "FAILED" }
        );
    }
    let after = wait(c.check_code(id.clone().into(), right.into(), None))
        .await
        .unwrap();
    assert_eq!(
        (text(&after, "status").as_str(), num(&after, "attempt")),
        ("FAILED", 5.0)
    );
}

#[wasm_bindgen_test]
async fn the_emulator_clock_expires_a_session() {
    reset().await;
    let c = client(&[]);
    let id = text(
        &start(&c, r#"{"destination":"+6581000003","codeValidity":60}"#).await,
        "sessionId",
    );
    let code = code_for(&id).await;
    control("POST", "/_emulator/clock", Some(r#"{"advanceSeconds":61}"#)).await;
    let s = wait(c.get_status(id.clone().into(), None)).await.unwrap();
    assert_eq!(text(&s, "status"), "EXPIRED");
    let late = wait(c.check_code(id.into(), code.into(), None))
        .await
        .unwrap();
    assert_eq!(text(&late, "status"), "EXPIRED");
}

#[wasm_bindgen_test]
async fn an_early_resend_is_resend_too_soon_with_retry_after() {
    reset().await;
    let c = client(&[]);
    let body = r#"{"destination":"+6581000004","resendingInterval":30}"#;
    start(&c, body).await;
    let e = wait(c.start_verification(params(body), None))
        .await
        .unwrap_err();
    assert_eq!(code_of(&e), "resend_too_soon");
    assert!(e.is_instance_of::<js::ApiError>());
    assert_eq!(text(&e, "name"), "ApiError");
    assert_eq!((num(&e, "status"), num(&e, "apiCode")), (403.0, 1400.0));
    let wait_s = num(&e, "retryAfter");
    assert!((1.0..=30.0).contains(&wait_s), "retryAfter {wait_s}");
    assert!(!text(&e, "errorId").is_empty());
    assert_eq!(
        outbox("destination=%2B6581000004").await.length(),
        1,
        "nothing sent twice"
    );
}

#[wasm_bindgen_test]
async fn an_unknown_session_is_not_found() {
    reset().await;
    let c = client(&[]);
    let e = wait(c.get_status("0123456789abcdef0123456789abcdef".into(), None))
        .await
        .unwrap_err();
    assert_eq!(code_of(&e), "not_found");
    assert_eq!((num(&e, "status"), num(&e, "apiCode")), (404.0, 1404.0));
}

#[wasm_bindgen_test]
async fn a_bad_key_is_unauthorized() {
    reset().await;
    let c = client(&[("apiKey", "not-the-key".into())]);
    let e = wait(c.start_verification(params(r#"{"destination":"+6581000005"}"#), None))
        .await
        .unwrap_err();
    assert_eq!(code_of(&e), "unauthorized");
    assert_eq!((num(&e, "status"), num(&e, "apiCode")), (401.0, 1200.0));
    assert_eq!(outbox("destination=%2B6581000005").await.length(), 0);
}

#[wasm_bindgen_test]
async fn local_violations_send_no_request() {
    reset().await;
    let (counter, fetch) = counting_fetch();
    let c = client(&[("fetch", fetch)]);
    let e = wait(c.start_verification(
        params(r#"{"destination":"12","codeLength":99,"chanel":"sms"}"#),
        None,
    ))
    .await
    .unwrap_err();
    assert_eq!(code_of(&e), "validation");
    assert!(e.is_instance_of::<js::ValidationError>());
    let violations: Array = get(&e, "violations").unchecked_into();
    let paths: Vec<String> = violations.iter().map(|v| text(&v, "path")).collect();
    for path in ["country", "codeLength", "chanel"] {
        assert!(
            paths.iter().any(|p| p == path),
            "{path} missing in {paths:?}"
        );
    }
    let bad_code = wait(c.check_code("abc".into(), "1".into(), None))
        .await
        .unwrap_err();
    assert_eq!(
        text(&get(&get(&bad_code, "violations"), "0"), "path"),
        "code"
    );
    let bad_id = wait(c.get_status("a/b".into(), None)).await.unwrap_err();
    assert_eq!(code_of(&bad_id), "validation");
    let not_a_string = wait(c.check_code(JsValue::from_f64(7.0), "1234".into(), None))
        .await
        .unwrap_err();
    assert_eq!(code_of(&not_a_string), "validation");
    let no_ip = wait(c.check_coverage(eval(r#"{ destination: "+6581000006" }"#), None))
        .await
        .unwrap_err();
    assert_eq!(
        text(&get(&get(&no_ip, "violations"), "0"), "path"),
        "clientIp"
    );
    assert_eq!(num(&counter, "calls"), 0.0, "no request was made");
    assert_eq!(
        outbox("limit=10").await.length(),
        0,
        "nothing reached the emulator"
    );
    assert_eq!(c.pending_calls(), 0);
}

#[wasm_bindgen_test]
fn bad_settings_throw_validation_errors() {
    let cases = [
        ("{ apiKey: 'k' }", "subAccountId"),
        ("{ subAccountId: 'acme' }", "apiKey"),
        (
            "{ baseUrl: 'ftp://x', apiKey: 'k', subAccountId: 'acme' }",
            "baseUrl",
        ),
        ("{ timeoutMs: 0 }", "timeoutMs"),
        ("{ maxRetries: 1.5 }", "maxRetries"),
        ("{ fetch: 'no' }", "fetch"),
        ("{ apikey: 'k' }", "apikey"),
        ("{ baseUrl: 7 }", "baseUrl"),
    ];
    for (settings, path) in cases {
        let Err(e) = js::VerifyClient::new(Ts::new_unchecked(eval(settings))) else {
            panic!("{settings} accepted");
        };
        assert_eq!(code_of(&e), "validation", "{settings}");
        assert_eq!(
            text(&get(&get(&e, "violations"), "0"), "path"),
            path,
            "{settings}"
        );
    }
}

#[wasm_bindgen_test]
fn an_api_key_in_a_browser_throws_unless_dangerously_allowed() {
    let browser = eval("typeof window === 'object' || typeof WorkerGlobalScope === 'function'")
        .as_bool()
        .unwrap();
    let settings = "{ apiKey: 'k', subAccountId: 'acme' }";
    let result = js::VerifyClient::new(Ts::new_unchecked(eval(settings)));
    if browser {
        let Err(e) = result else {
            panic!("an apiKey was accepted in a browser");
        };
        assert_eq!(code_of(&e), "validation");
        let violation = get(&get(&e, "violations"), "0");
        assert_eq!(text(&violation, "path"), "apiKey");
        assert_eq!(text(&violation, "code"), "not_allowed");
        assert!(text(&violation, "message").contains("dangerouslyAllowBrowser"));
    } else {
        assert!(result.is_ok(), "an apiKey is fine on a server");
    }
    let allowed = "{ apiKey: 'k', subAccountId: 'acme', dangerouslyAllowBrowser: true }";
    assert!(js::VerifyClient::new(Ts::new_unchecked(eval(allowed))).is_ok());
    let Err(e) = js::VerifyClient::new(Ts::new_unchecked(eval(
        "{ dangerouslyAllowBrowser: 'yes' }",
    ))) else {
        panic!("a string was accepted as a boolean");
    };
    assert_eq!(
        text(&get(&get(&e, "violations"), "0"), "path"),
        "dangerouslyAllowBrowser"
    );
}

#[wasm_bindgen_test]
async fn coverage_answers_through_the_client() {
    reset().await;
    let c = client(&[]);
    let yes = wait(c.check_coverage(
        eval(r#"{ clientIp: "123.123.123.10", destination: "+6581000007" }"#),
        None,
    ))
    .await
    .unwrap();
    assert_eq!(get(&yes, "isAvailable"), JsValue::TRUE);
    let no = wait(c.check_coverage(eval(r#"{ clientIp: "8.8.8.8" }"#), None))
        .await
        .unwrap();
    assert_eq!(get(&no, "isAvailable"), JsValue::FALSE);
}

/// 500 safe calls (status reads and coverage checks) with 20 % of answers
/// 500 and 10 % of connections dropped: at least 99 % succeed within the
/// default retry budget (4 retries).
#[wasm_bindgen_test]
async fn safe_calls_succeed_under_faults() {
    reset().await;
    let (counter, fetch) = counting_fetch();
    let c = client(&[("fetch", fetch)]);
    let id = text(
        &start(&c, r#"{"destination":"+6581000008"}"#).await,
        "sessionId",
    );
    faults(r#"{"errorRate":0.2,"dropRate":0.1}"#).await;
    let mut succeeded = 0;
    for batch in 0..20 {
        let calls = Array::new();
        for i in 0..25 {
            let p = if (batch * 25 + i) % 5 == 0 {
                c.check_coverage(eval(r#"{ clientIp: "123.123.123.10" }"#), None)
            } else {
                c.get_status(id.clone().into(), None)
            };
            calls.push(&p);
        }
        let settled = wait(Promise::all_settled(&calls)).await.unwrap();
        let settled: Array = settled.unchecked_into();
        succeeded += settled
            .iter()
            .filter(|s| text(s, "status") == "fulfilled")
            .count();
    }
    faults("{\"errorRate\":0,\"dropRate\":0}").await;
    let attempts = num(&counter, "calls") - 1.0;
    assert!(
        succeeded >= 495,
        "only {succeeded} of 500 safe calls succeeded"
    );
    assert!(
        attempts > 550.0,
        "faults were not active: {attempts} attempts for 500 calls"
    );
    assert_eq!(c.pending_calls(), 0);
}

/// Starts under the same faults: none is retried after a 500 or a dropped
/// connection, and no destination ever receives two messages.
#[wasm_bindgen_test]
async fn starts_under_faults_never_send_twice() {
    reset().await;
    let (counter, fetch) = counting_fetch();
    let c = client(&[("fetch", fetch)]);
    faults(r#"{"errorRate":0.2,"dropRate":0.1}"#).await;
    let calls = Array::new();
    for i in 0..40 {
        calls.push(&c.start_verification(
            params(&format!(r#"{{"destination":"+65820{i:05}"}}"#)),
            None,
        ));
    }
    let settled: Array = wait(Promise::all_settled(&calls))
        .await
        .unwrap()
        .unchecked_into();
    faults("{\"errorRate\":0,\"dropRate\":0}").await;
    assert_eq!(num(&counter, "calls"), 40.0, "a start was retried");
    let (mut ok, mut unknown) = (0, 0);
    for (i, s) in settled.iter().enumerate() {
        let sent = outbox(&format!("destination=%2B65820{i:05}"))
            .await
            .length();
        assert!(sent <= 1, "{sent} messages to one destination");
        if text(&s, "status") == "fulfilled" {
            ok += 1;
            assert_eq!(sent, 1);
        } else {
            let code = code_of(&get(&s, "reason"));
            assert!(
                code == "outcome_unknown" || code == "server_error",
                "{code}"
            );
            unknown += usize::from(code == "outcome_unknown");
        }
    }
    assert!(ok >= 15, "only {ok} of 40 starts succeeded");
    let _ = unknown;
}

#[wasm_bindgen_test]
async fn a_timeout_fires_within_ten_percent_of_its_setting() {
    reset().await;
    let c = client(&[("timeoutMs", 1000.into()), ("maxRetries", 0.into())]);
    faults(r#"{"latencyMs":3000}"#).await;
    let t0 = now();
    let e = wait(c.get_status("0123456789abcdef".into(), None))
        .await
        .unwrap_err();
    let elapsed = now() - t0;
    let start = wait(c.start_verification(params(r#"{"destination":"+6581000009"}"#), None))
        .await
        .unwrap_err();
    faults(r#"{"latencyMs":0}"#).await;
    assert_eq!(code_of(&e), "timeout");
    assert!(e.is_instance_of::<js::TransportError>());
    assert!(
        (1000.0..=1100.0).contains(&elapsed),
        "timed out after {elapsed} ms"
    );
    assert_eq!(code_of(&start), "outcome_unknown");
    assert!(text(&start, "message").contains("same code"));
    assert_eq!(c.pending_calls(), 0);
}

/// An aborted call rejects with `aborted` at once, makes no further attempt
/// and leaves no call pending, whether it was waiting for an answer or
/// sleeping between retries.
#[wasm_bindgen_test]
async fn an_aborted_call_leaves_nothing_pending() {
    reset().await;
    let (counter, fetch) = counting_fetch();
    let c = client(&[("fetch", fetch), ("maxRetries", 10.into())]);
    let sleep =
        |ms: u32| wait(eval(&format!("new Promise((r) => setTimeout(r, {ms}))")).unchecked_into());
    for fault in [r#"{"latencyMs":2000}"#, r#"{"latencyMs":0,"errorRate":1}"#] {
        faults(fault).await;
        let controller = eval("new AbortController()");
        let signal = get(&controller, "signal");
        let before = num(&counter, "calls");
        let call = c.get_status("0123456789abcdef".into(), call_options(&signal));
        assert_eq!(c.pending_calls(), 1);
        sleep(150).await.unwrap();
        let t0 = now();
        let abort: Function = get(&controller, "abort").unchecked_into();
        abort.call0(&controller).unwrap();
        let e = wait(call).await.unwrap_err();
        assert!(now() - t0 < 100.0, "abort took {} ms", now() - t0);
        assert_eq!(code_of(&e), "aborted", "{fault}");
        assert_eq!(c.pending_calls(), 0);
        let calls = num(&counter, "calls");
        assert!(calls > before);
        sleep(400).await.unwrap();
        assert_eq!(
            num(&counter, "calls"),
            calls,
            "an attempt after the abort ({fault})"
        );
    }
    faults(r#"{"errorRate":0}"#).await;
    let controller = eval("(() => { const c = new AbortController(); c.abort(); return c; })()");
    let e = wait(c.get_status(
        "0123456789abcdef".into(),
        call_options(&get(&controller, "signal")),
    ))
    .await
    .unwrap_err();
    assert_eq!(code_of(&e), "aborted");
}

/// Proxy mode (the edge worker), through a stand-in `fetch`: the worker's
/// paths, no key, and the `proof` of a verified session.
#[wasm_bindgen_test]
async fn proxy_mode_talks_to_the_worker_paths() {
    let fake = eval(
        r#"(() => { const seen = []; const f = async (url, init) => { seen.push({ url, init });
            const checked = url.endsWith('/check');
            const body = url.includes('coverage') ? { isAvailable: false }
              : { sessionId: 'h.1', verifyUri: '/api/verify/sessions/h.1', destination: '+6581000010',
                  status: checked ? 'VERIFIED' : 'WAITING', attempt: 0, expiresAt: 'e', retryAfter: 'r',
                  ...(checked ? { proof: 'eyJ.x.y' } : {}) };
            return new Response(JSON.stringify(body), { status: 200, headers: { 'content-type': 'application/json' } }); };
          return [seen, f]; })()"#,
    );
    let seen = Reflect::get_u32(&fake, 0).unwrap();
    let opts = eval("({})");
    Reflect::set(&opts, &"baseUrl".into(), &"https://edge.example/".into()).unwrap();
    Reflect::set(&opts, &"fetch".into(), &Reflect::get_u32(&fake, 1).unwrap()).unwrap();
    let c = js::VerifyClient::new(Ts::new_unchecked(opts)).unwrap();
    let nonce = eval(r#"({ nonce: "n-1", turnstileToken: "t-1" })"#).unchecked_into();
    let s = wait(c.start_verification(params(r#"{"destination":"+6581000010"}"#), Some(nonce)))
        .await
        .unwrap();
    assert_eq!(text(&s, "sessionId"), "h.1");
    assert!(get(&s, "proof").is_undefined());
    let v = wait(c.check_code("h.1".into(), "12-34".into(), None)).await;
    let v = v.unwrap_or_else(|e| panic!("{e:?}"));
    assert_eq!(
        (text(&v, "status").as_str(), text(&v, "proof").as_str()),
        ("VERIFIED", "eyJ.x.y")
    );
    // An sma session is checked with no code; a fallback resends by sms.
    wait(c.check_code("h.1".into(), JsValue::UNDEFINED, None))
        .await
        .unwrap();
    let by_sms = eval(r#"({ channel: "sms" })"#).unchecked_into();
    wait(c.resend("h.1".into(), Some(by_sms))).await.unwrap();
    let cov = wait(c.check_coverage(eval(r#"{ destination: "+6581000010" }"#), None))
        .await
        .unwrap();
    assert_eq!(get(&cov, "isAvailable"), JsValue::FALSE);
    let calls: Vec<(String, String)> = Array::from(&seen)
        .iter()
        .map(|s| {
            let body = get(&get(&s, "init"), "body")
                .as_string()
                .unwrap_or_default();
            (text(&s, "url"), body)
        })
        .collect();
    let call = |url: &str, body: &str| (url.to_owned(), body.to_owned());
    assert_eq!(
        calls,
        [
            // Only what a page may choose: the worker sets the rest.
            call(
                "https://edge.example/api/verify/sessions",
                r#"{"destination":"+6581000010","channel":"sms","nonce":"n-1","turnstileToken":"t-1"}"#
            ),
            call(
                "https://edge.example/api/verify/sessions/h.1/check",
                r#"{"code":"12-34"}"#
            ),
            call("https://edge.example/api/verify/sessions/h.1/check", "{}"),
            call(
                "https://edge.example/api/verify/sessions/h.1/resend",
                r#"{"channel":"sms"}"#
            ),
            call(
                "https://edge.example/api/verify/coverage",
                r#"{"destination":"+6581000010"}"#
            ),
        ]
    );
    for s in Array::from(&seen).iter() {
        let headers = get(&get(&s, "init"), "headers");
        assert!(get(&headers, "authorization").is_undefined());
        assert_eq!(text(&headers, "accept"), "application/json");
    }
}

/// A proxy in the way answering HTML: a typed error, never a crash; a start
/// is not retried, a status read is (up to the budget).
#[wasm_bindgen_test]
async fn an_html_gateway_error_is_a_typed_error() {
    let fake = eval(
        r#"(() => { const counter = { calls: 0 }; return [counter, async () => { counter.calls += 1;
            return new Response('<html><h1>502 Bad Gateway</h1></html>', { status: 502, headers: { 'content-type': 'text/html' } }); }]; })()"#,
    );
    let counter = Reflect::get_u32(&fake, 0).unwrap();
    let c = client(&[
        ("fetch", Reflect::get_u32(&fake, 1).unwrap()),
        ("maxRetries", 2.into()),
    ]);
    let e = wait(c.start_verification(params(r#"{"destination":"+6581000011"}"#), None))
        .await
        .unwrap_err();
    assert_eq!(
        (code_of(&e), num(&e, "status")),
        ("server_error".to_owned(), 502.0)
    );
    assert!(get(&e, "apiCode").is_undefined());
    assert_eq!(num(&counter, "calls"), 1.0);
    let e = wait(c.get_status("abc".into(), None)).await.unwrap_err();
    assert_eq!(code_of(&e), "server_error");
    assert_eq!(num(&counter, "calls"), 4.0, "1 + 2 retries");
}

/// A `fetch` of the caller's that throws: the rejection is a `network`
/// `TransportError` whose `cause` is the very exception thrown; a retried
/// read keeps the last attempt's.
#[wasm_bindgen_test]
async fn what_a_fetch_threw_is_the_errors_cause() {
    let fake = eval(
        r#"(() => { const state = { thrown: [] }; return [state, async () => {
            const e = new TypeError('proxy refused #' + state.thrown.length); state.thrown.push(e); throw e; }]; })()"#,
    );
    let state = Reflect::get_u32(&fake, 0).unwrap();
    let c = client(&[
        ("fetch", Reflect::get_u32(&fake, 1).unwrap()),
        ("maxRetries", 1.into()),
    ]);
    let e = wait(c.check_code("abc".into(), "1234".into(), None))
        .await
        .unwrap_err();
    assert_eq!(code_of(&e), "network");
    assert!(e.is_instance_of::<js::TransportError>());
    let thrown = Array::from(&get(&state, "thrown"));
    assert_eq!(thrown.length(), 1);
    assert!(js_sys::Object::is(&get(&e, "cause"), &thrown.get(0)));
    let e = wait(c.get_status("abc".into(), None)).await.unwrap_err();
    let thrown = Array::from(&get(&state, "thrown"));
    assert_eq!(thrown.length(), 3, "1 + 1 retry");
    assert!(js_sys::Object::is(&get(&e, "cause"), &thrown.get(2)));
    let e = wait(c.get_status(JsValue::from(7), None))
        .await
        .unwrap_err();
    assert_eq!(code_of(&e), "validation");
    assert!(get(&e, "cause").is_undefined());
}
