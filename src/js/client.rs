//! `VerifyClient`: the 8x8 Verify v2 client for JavaScript, over `fetch`.
//! Every decision (validation, requests, parsing, retries) is made by the
//! pure core (`crate::params`, `crate::api`); this file wires it to the
//! transport (`fetch.rs`) and to JavaScript values.

// See src/api/mod.rs: `api::Error` is large on purpose.
#![allow(clippy::result_large_err)]

use std::cell::{Cell, RefCell};
use std::rc::Rc;

use js_sys::{Promise, Reflect};
use tsify::Ts;
use wasm_bindgen::prelude::*;
use wasm_bindgen_futures::future_to_promise;

use crate::api::{self, Config, Error, HttpRequest, Operation, Policy};
use crate::json::Value;
use crate::params::{self, Violation, ViolationCode};

use super::error::{aborted, to_js, to_js_with_cause, to_plain};
use super::fetch;
use super::json::from_js;
use super::options::{self, ClientOptions, Settings};

#[wasm_bindgen(typescript_custom_section)]
const SESSION_RESULT_TS: &str = r#"
/**
 * A session, as a start, a status read or a code check returns it. Through
 * the edge worker, a code check that verifies the number also carries
 * `proof`: a signed token (an EdDSA JWT) for your server to check with
 * `verifyProof` or any JOSE library.
 */
export type SessionResult = Session & { proof?: string };
"#;

#[wasm_bindgen(typescript_custom_section)]
const REQUEST_OPTIONS_TS: &str = r#"
/** Options of one call. */
export interface RequestOptions {
    /** Aborts the call (and its retries): it then rejects with code "aborted". */
    signal?: AbortSignalLike;
}

/**
 * What the client needs of an `AbortSignal`: the DOM's, Node's and Workers'
 * all fit, and the typings need no DOM library.
 */
export interface AbortSignalLike {
    readonly aborted: boolean;
    addEventListener(type: "abort", listener: () => void): void;
    removeEventListener(type: "abort", listener: () => void): void;
}

/**
 * What the client needs of `fetch`: the global one of browsers, Node 18+ and
 * Workers fits, and so does a wrapper of your own.
 */
export type FetchLike = (
    url: string,
    init: { method: string; headers: Record<string, string>; body?: string; signal?: any },
) => Promise<{ status: number; headers: { get(name: string): string | null }; text(): Promise<string> }>;
"#;

struct Inner {
    config: Config,
    policy: Policy,
    timeout_ms: f64,
    fetch: JsValue,
    pending: Cell<u32>,
}

/// Counts a call as pending for as long as it lives.
struct Pending(Rc<Inner>);

impl Pending {
    fn new(inner: &Rc<Inner>) -> Pending {
        inner.pending.set(inner.pending.get() + 1);
        Pending(inner.clone())
    }
}

impl Drop for Pending {
    fn drop(&mut self) {
        self.0.pending.set(self.0.pending.get().saturating_sub(1));
    }
}

/// A client of the 8x8 Verify API v2 that runs in browsers, web workers,
/// Node and Cloudflare Workers (anywhere with `fetch`).
///
/// Without `apiKey` it talks to the verify8x8 edge worker (which holds the
/// key); with `apiKey` and `subAccountId`, to 8x8 directly. Parameters are
/// validated before anything is sent; errors are `VerifyError`s with a
/// stable `code`. Safe calls (`getStatus`, `checkCoverage`, and any call
/// answered 429) are retried with backoff; a start that timed out is never
/// repeated (code `outcome_unknown`), so nobody gets two codes by accident.
///
/// ```ts
/// const client = new VerifyClient({ baseUrl: "https://verify.example.com" });
/// const { sessionId } = await client.startVerification({ destination: "+6587654321", brand: "ACME" });
/// const session = await client.checkCode(sessionId, "123456");
/// if (session.status === "VERIFIED") { … }
/// ```
#[wasm_bindgen]
pub struct VerifyClient {
    inner: Rc<Inner>,
}

/// Reads any JS value as JSON; what cannot be (a function, a cycle) is a
/// `wrong_type` violation.
fn to_json(value: &JsValue) -> Result<Value, Error> {
    from_js(value).map_err(|e| {
        Error::Validation(vec![Violation::new(
            "",
            ViolationCode::WrongType,
            format!("the parameters must be a plain object of JSON values: {e}"),
        )])
    })
}

#[wasm_bindgen]
impl VerifyClient {
    /// A client with these settings. Throws a `ValidationError` when they
    /// are unusable (bad URL, key without sub-account, unknown option…), and
    /// when given an `apiKey` in a web page or a browser's Web Worker, where
    /// anyone can read it, unless `dangerouslyAllowBrowser: true`.
    #[wasm_bindgen(constructor)]
    pub fn new(options: Ts<ClientOptions>) -> Result<VerifyClient, JsValue> {
        let Settings {
            config,
            policy,
            timeout_ms,
            fetch,
        } = options::read(&options.js_value())?;
        Ok(VerifyClient {
            inner: Rc::new(Inner {
                config,
                policy,
                timeout_ms,
                fetch,
                pending: Cell::new(0),
            }),
        })
    }

    /// Sends a code (or starts SMA). The parameters are validated first: on
    /// any violation it rejects with a `ValidationError` and sends nothing.
    /// Never repeated after a timeout or a lost connection: it then rejects
    /// with code `outcome_unknown` (starting again re-sends the same code).
    ///
    /// Through the edge worker, only what a page may choose is sent
    /// (`destination`, `channel`, `language`, `whatsapp.templateName`) plus
    /// `options.nonce`, your backend's value for this login, which comes back
    /// in the proof, and `options.turnstileToken` when the worker asks for a
    /// Cloudflare Turnstile challenge (its `GET /api/verify/config` gives the
    /// site key).
    ///
    /// ```ts
    /// const session = await client.startVerification({ destination: "8765 4321", country: "SG" });
    /// const bound = await client.startVerification({ destination: "+6587654321" }, { nonce: loginNonce });
    /// ```
    #[wasm_bindgen(js_name = startVerification, unchecked_return_type = "Promise<SessionResult>")]
    pub fn start_verification(
        &self,
        params: Ts<super::VerificationParams>,
        #[wasm_bindgen(
            unchecked_optional_param_type = "RequestOptions & { nonce?: string; turnstileToken?: string }"
        )]
        options: Option<js_sys::Object>,
    ) -> Promise {
        let text = |name: &str| {
            options
                .as_ref()
                .and_then(|o| Reflect::get(o, &JsValue::from_str(name)).ok())
                .and_then(|v| v.as_string())
        };
        let (nonce, turnstile_token) = (text("nonce"), text("turnstileToken"));
        let verdict = to_json(&params.js_value()).map(|v| params::validate_verification(&v));
        let request = match verdict {
            Err(e) => Err(e),
            Ok(v) => v.request.ok_or(Error::Validation(v.errors)),
        }
        .map(|r| {
            let edge = api::EdgeStart {
                nonce: nonce.as_deref(),
                turnstile_token: turnstile_token.as_deref(),
            };
            api::start_verification_with(&self.inner.config, &r, &edge)
        });
        self.run(Operation::StartVerification, request, options, session)
    }

    /// Checks the code the person typed. A wrong code counts as an attempt
    /// (`attempt` + 1; the fifth makes the session `FAILED`), so this call is
    /// retried only when answered 429; after a timeout, use `getStatus`.
    ///
    /// Through the edge worker, a silent mobile authentication (`sma`)
    /// session is checked with no code once the phone has opened its
    /// `verificationUrl`: the answer that verifies it carries the `proof`.
    ///
    /// ```ts
    /// const { status } = await client.checkCode(sessionId, "123456"); // "VERIFIED", "WAITING", …
    /// const { proof } = await client.checkCode(smaSessionId); // through the worker: POST …/check {}
    /// ```
    #[wasm_bindgen(js_name = checkCode, unchecked_return_type = "Promise<SessionResult>")]
    pub fn check_code(
        &self,
        #[wasm_bindgen(js_name = sessionId, unchecked_param_type = "string")] session_id: JsValue,
        #[wasm_bindgen(unchecked_optional_param_type = "string")] code: JsValue,
        #[wasm_bindgen(unchecked_optional_param_type = "RequestOptions")] options: Option<
            js_sys::Object,
        >,
    ) -> Promise {
        let code = (!code.is_undefined()).then_some(code);
        let request = self
            .checked(session_id, code)
            .map(|c| api::check_code(&self.inner.config, &c.session_id, c.code.as_deref()));
        self.run(Operation::CheckCode, request, options, session)
    }

    /// Reads the session without changing it (retried when that is safe).
    ///
    /// ```ts
    /// const { status, expiresAt } = await client.getStatus(sessionId);
    /// ```
    #[wasm_bindgen(js_name = getStatus, unchecked_return_type = "Promise<SessionResult>")]
    pub fn get_status(
        &self,
        #[wasm_bindgen(js_name = sessionId, unchecked_param_type = "string")] session_id: JsValue,
        #[wasm_bindgen(unchecked_optional_param_type = "RequestOptions")] options: Option<
            js_sys::Object,
        >,
    ) -> Promise {
        let request = self
            .checked(session_id, None)
            .map(|c| api::get_status(&self.inner.config, &c.session_id));
        self.run(Operation::GetStatus, request, options, session)
    }

    /// Through the edge worker: sends the same code again (8x8 extends its
    /// validity). Resolves with the session and its new handle: keep
    /// `sessionId` from the answer. Refused with `resend_too_soon` and
    /// `retryAfter` before the operator's interval. Directly to 8x8 a resend
    /// is a second `startVerification` of the same request.
    ///
    /// `options.channel` lets a silent (`sma`) session that did not verify
    /// fall back to a code by another configured channel.
    ///
    /// ```ts
    /// session = await client.resend(session.sessionId);
    /// session = await client.resend(smaSession.sessionId, { channel: "sms" }); // fallback
    /// ```
    #[wasm_bindgen(js_name = resend, unchecked_return_type = "Promise<SessionResult>")]
    pub fn resend(
        &self,
        #[wasm_bindgen(js_name = sessionId, unchecked_param_type = "string")] session_id: JsValue,
        #[wasm_bindgen(unchecked_optional_param_type = "RequestOptions & { channel?: Channel }")]
        options: Option<js_sys::Object>,
    ) -> Promise {
        let channel = options
            .as_ref()
            .and_then(|o| Reflect::get(o, &JsValue::from_str("channel")).ok())
            .and_then(|c| c.as_string());
        let request = self.checked(session_id, None).and_then(|check| {
            api::resend_by(&self.inner.config, &check.session_id, channel.as_deref()).ok_or_else(|| {
                Error::Validation(vec![crate::params::Violation::new(
                    "sessionId",
                    crate::params::ViolationCode::NotAllowed,
                    "resend goes through the edge worker; directly to 8x8, start the same verification again",
                )])
            })
        });
        self.run(Operation::StartVerification, request, options, session)
    }

    /// Asks whether silent mobile authentication can serve this device (and
    /// number). Through the edge worker `clientIp` may be left out: the
    /// worker takes it from the connection.
    ///
    /// ```ts
    /// const { isAvailable } = await client.checkCoverage({ destination: "+6587654321" });
    /// ```
    #[wasm_bindgen(js_name = checkCoverage, unchecked_return_type = "Promise<Coverage>")]
    pub fn check_coverage(
        &self,
        #[wasm_bindgen(
            unchecked_param_type = "Omit<CoverageParams, \"clientIp\"> & { clientIp?: string }"
        )]
        params: JsValue,
        #[wasm_bindgen(unchecked_optional_param_type = "RequestOptions")] options: Option<
            js_sys::Object,
        >,
    ) -> Promise {
        let config = &self.inner.config;
        let request = to_json(&params).and_then(|v| {
            let verdict = api::validate_coverage(config, &v);
            let request = verdict.request.ok_or(Error::Validation(verdict.errors))?;
            Ok(api::check_coverage(config, &request))
        });
        self.run(Operation::CheckCoverage, request, options, coverage)
    }

    /// Calls started and not yet settled (answered, failed or aborted).
    #[wasm_bindgen(getter, js_name = pendingCalls)]
    pub fn pending_calls(&self) -> u32 {
        self.inner.pending.get()
    }
}

fn session(status: u16, headers: &[(String, String)], body: &str) -> Result<JsValue, Error> {
    let reply = api::parse_session_reply(status, headers, body)?;
    let session = to_plain(&reply.session);
    if let Some(proof) = reply.proof {
        let _ = Reflect::set(
            &session,
            &JsValue::from_str("proof"),
            &JsValue::from_str(&proof),
        );
    }
    Ok(session)
}

fn coverage(status: u16, headers: &[(String, String)], body: &str) -> Result<JsValue, Error> {
    Ok(to_plain(&api::parse_coverage(status, headers, body)?))
}

type Parse = fn(u16, &[(String, String)], &str) -> Result<JsValue, Error>;

impl VerifyClient {
    /// The session id (and code) as the core validates them.
    fn checked(
        &self,
        session_id: JsValue,
        code: Option<JsValue>,
    ) -> Result<crate::params::CodeCheck, Error> {
        // An `undefined` argument is a field left out, as in an object.
        let given = |v: &JsValue| (!v.is_undefined()).then(|| to_json(v)).transpose();
        let session_id = given(&session_id)?;
        let code = match code {
            Some(code) => given(&code)?,
            None => None,
        };
        let verdict = params::validate_code_check_fields(session_id.as_ref(), code.as_ref());
        verdict.request.ok_or(Error::Validation(verdict.errors))
    }

    /// Runs `request` with retries as the policy decides; the promise
    /// resolves with the parsed answer or rejects with a `VerifyError`.
    fn run(
        &self,
        op: Operation,
        request: Result<HttpRequest, Error>,
        options: Option<js_sys::Object>,
        parse: Parse,
    ) -> Promise {
        let inner = self.inner.clone();
        let signal = options
            .map(|o| Reflect::get(&o, &JsValue::from_str("signal")).unwrap_or(JsValue::UNDEFINED))
            .unwrap_or(JsValue::UNDEFINED);
        let pending = Pending::new(&inner);
        future_to_promise(async move {
            let _pending = pending;
            let request = request.map_err(|e| to_js(&e))?;
            let transport = Fetch {
                inner: &inner,
                signal: &signal,
                cause: RefCell::new(JsValue::UNDEFINED),
            };
            let answer = api::call(&transport, &inner.policy, op, &request, parse).await;
            answer.map_err(|e| to_js_with_cause(&e, &transport.cause.borrow()))
        })
    }
}

/// `fetch` with the client's timeout and the call's signal: the transport
/// of the core's retry loop (`api::call`).
/// It keeps what `fetch` threw on the last attempt, the `cause` of the error.
struct Fetch<'a> {
    inner: &'a Inner,
    signal: &'a JsValue,
    cause: RefCell<JsValue>,
}

impl api::Transport for Fetch<'_> {
    async fn send(&self, request: &HttpRequest) -> Result<api::Answer, Error> {
        self.cause.replace(JsValue::UNDEFINED);
        let inner = self.inner;
        let sent = fetch::send(&inner.fetch, request, inner.timeout_ms, self.signal);
        sent.await.map_err(|failure| {
            self.cause.replace(failure.cause);
            failure.error
        })
    }

    async fn sleep(&self, ms: u64) -> Result<(), Error> {
        if fetch::sleep(ms, self.signal).await {
            Ok(())
        } else {
            self.cause.replace(JsValue::UNDEFINED);
            Err(aborted())
        }
    }

    fn random(&self) -> f64 {
        js_sys::Math::random()
    }
}
