//! JavaScript errors with a stable `code`: the one way this crate throws.
//!
//! Everything the package throws is an instance of the classes of
//! `errors.js` (`VerifyError` and its subclasses `ValidationError`,
//! `ApiError`, `TransportError`, `ProofError`), re-exported by the package so
//! `instanceof` works; the exception behind a transport error (what a
//! caller's `fetch` threw) is kept as the standard `cause`.

use js_sys::Reflect;
use serde::Serialize;
use wasm_bindgen::prelude::*;

use crate::api::{Error, TransportErrorKind};

#[wasm_bindgen(module = "/src/js/errors.js")]
extern "C" {
    /// Base class of every error a `VerifyClient` call rejects with: an
    /// `Error` with a stable string `code` (branch on it; messages may
    /// change) and the details of its subclass.
    #[wasm_bindgen(reexport, typescript_type = "VerifyErrorClass")]
    pub type VerifyError;

    /// The request broke rules (`violations`); nothing was sent.
    #[wasm_bindgen(reexport, typescript_type = "ValidationErrorClass")]
    pub type ValidationError;

    /// 8x8 (or the edge worker) answered with an error status.
    #[wasm_bindgen(reexport, typescript_type = "ApiErrorClass")]
    pub type ApiError;

    /// No usable answer: timeout, network failure, abort, unknown outcome.
    #[wasm_bindgen(reexport, typescript_type = "TransportErrorClass")]
    pub type TransportError;

    /// `verifyProof` refused a proof (or could not check it): branch on
    /// `code` (`expired`, `wrong_audience`, `bad_signature`, …).
    #[wasm_bindgen(reexport, typescript_type = "ProofErrorClass")]
    pub type ProofError;

    #[wasm_bindgen(js_name = verifyError)]
    fn verify_error(
        kind: u32,
        message: &str,
        code: &str,
        details: &JsValue,
        cause: &JsValue,
    ) -> JsValue;

    #[wasm_bindgen(js_name = codedError)]
    fn js_coded_error(name: &str, code: &str, message: &str) -> JsValue;
}

/// A `VerifyError` (a `ProofError` when `name` says so) carrying a string
/// `code` callers can branch on (the message may change; the code never does).
pub(crate) fn coded_error(name: &str, code: &str, message: &str) -> JsValue {
    js_coded_error(name, code, message)
}

/// The details an error object carries besides `message` and `code`.
#[derive(Serialize, Default)]
#[serde(rename_all = "camelCase")]
struct Details<'a> {
    #[serde(skip_serializing_if = "Option::is_none")]
    status: Option<u16>,
    #[serde(skip_serializing_if = "Option::is_none")]
    api_code: Option<u32>,
    #[serde(skip_serializing_if = "Option::is_none")]
    error_id: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    timestamp: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    retry_after: Option<u64>,
    #[serde(skip_serializing_if = "Option::is_none")]
    limit: Option<&'a str>,
}

/// `value` as a plain JavaScript object (or array, string, …).
pub(crate) fn to_plain<T: Serialize + ?Sized>(value: &T) -> JsValue {
    value
        .serialize(&serde_wasm_bindgen::Serializer::new())
        .unwrap_or(JsValue::UNDEFINED)
}

/// A `ProofError` with the core's stable `code` and message; `cause`, when
/// not `undefined`, is the platform exception that caused it.
pub(crate) fn proof_error(error: &crate::proof::ProofError, cause: &JsValue) -> JsValue {
    let details = js_sys::Object::new();
    verify_error(3, &error.to_string(), error.code(), &details, cause)
}

/// The JavaScript error for `error` (a `ValidationError`, `ApiError` or
/// `TransportError`).
pub(crate) fn to_js(error: &Error) -> JsValue {
    to_js_with_cause(error, &JsValue::UNDEFINED)
}

/// The JavaScript error for `error`, with `cause` (the exception a `fetch`
/// threw; `undefined` for none) kept as the error's standard `cause`.
pub(crate) fn to_js_with_cause(error: &Error, cause: &JsValue) -> JsValue {
    let message = error.to_string();
    let (kind, details, violations) = match error {
        Error::Validation(v) => (0, Details::default(), Some(to_plain(v))),
        Error::Api(e) => (
            1,
            Details {
                status: Some(e.status),
                api_code: e.code,
                error_id: e.error_id.as_deref(),
                timestamp: e.timestamp.as_deref(),
                retry_after: e.retry_after.map(|s| s.min(u64::from(u32::MAX))),
                limit: e.limit.as_deref(),
            },
            Some(to_plain(&e.violations)),
        ),
        Error::Transport(e) => (
            2,
            Details {
                status: e.status,
                ..Details::default()
            },
            None,
        ),
    };
    let details = to_plain(&details);
    if let Some(violations) = violations {
        let _ = Reflect::set(&details, &JsValue::from_str("violations"), &violations);
    }
    verify_error(kind, &message, error.code(), &details, cause)
}

/// An `aborted` error.
pub(crate) fn aborted() -> Error {
    Error::transport(TransportErrorKind::Aborted, "the call was aborted")
}

#[wasm_bindgen(typescript_custom_section)]
const ERRORS_TS: &str = r#"
/** The stable `code` of a `VerifyError`: branch on it (messages may change). */
export type VerifyErrorCode =
    | "validation"
    | "invalid_parameter" | "invalid_sub_account" | "invalid_destination" | "invalid_id"
    | "invalid_country" | "out_of_range" | "invalid_ip" | "insecure_protocol"
    | "unauthorized" | "forbidden" | "not_found" | "resend_too_soon" | "session_pending" | "rate_limited"
    | "server_error" | "api_error"
    | "timeout" | "network" | "aborted" | "outcome_unknown" | "bad_response"
    | "internal";

/** The stable `code` of a `ProofError` (`verifyProof`). */
export type ProofErrorCode =
    | "malformed" | "unsupported_algorithm" | "unknown_key" | "invalid_key" | "bad_signature"
    | "invalid_claims" | "wrong_audience" | "wrong_issuer" | "wrong_nonce"
    | "expired" | "too_old" | "not_yet_valid";

/** A broken rule reported by the server (the edge worker's `violations`). */
export interface ApiViolation { path: string; code: string; message: string; limit?: Limit }

/**
 * Every error a `VerifyClient` call rejects with is a `VerifyError` (an
 * `Error`): branch on `code`, which never changes (messages may).
 *
 * ```ts
 * try { await client.checkCode(id, code) } catch (e) {
 *   if (e instanceof VerifyError && e.code === "resend_too_soon") wait(e.retryAfter);
 * }
 * ```
 */
export interface VerifyError extends Error {
    readonly code: VerifyErrorCode;
    /** The exception behind this error, e.g. what your `fetch` threw (`network`). */
    readonly cause?: unknown;
    /** The broken rules (`ValidationError`; `ApiError` from the edge worker). */
    readonly violations?: Violation[] | ApiViolation[];
    /** The HTTP status (`ApiError`; `TransportError` of code `bad_response`). */
    readonly status?: number;
    /** 8x8's error code, e.g. 1404 (`ApiError`). */
    readonly apiCode?: number;
    /** The id to quote to 8x8 support (`ApiError`). */
    readonly errorId?: string;
    /** When the error happened, as the server wrote it (`ApiError`). */
    readonly timestamp?: string;
    /** Seconds to wait before trying again (`resend_too_soon`, `rate_limited`). */
    readonly retryAfter?: number;
    /** Which rate limit was hit (edge worker, `rate_limited`). */
    readonly limit?: string;
}
/** The request broke rules (`violations`); nothing was sent. Code `validation`. */
export interface ValidationError extends VerifyError { readonly violations: Violation[] }
/** 8x8 or the edge worker answered with an error status. */
export interface ApiError extends VerifyError { readonly status: number; readonly violations: ApiViolation[] }
/** No usable answer: `timeout`, `network`, `aborted`, `outcome_unknown`, `bad_response`. */
export interface TransportError extends VerifyError {}
/** The class of `VerifyError` (for `instanceof`). */
export interface VerifyErrorClass { readonly prototype: VerifyError; [Symbol.hasInstance](value: unknown): value is VerifyError }
/** The class of `ValidationError` (for `instanceof`). */
export interface ValidationErrorClass { readonly prototype: ValidationError; [Symbol.hasInstance](value: unknown): value is ValidationError }
/** The class of `ApiError` (for `instanceof`). */
export interface ApiErrorClass { readonly prototype: ApiError; [Symbol.hasInstance](value: unknown): value is ApiError }
/** The class of `TransportError` (for `instanceof`). */
export interface TransportErrorClass { readonly prototype: TransportError; [Symbol.hasInstance](value: unknown): value is TransportError }
/**
 * `verifyProof` refused the proof: branch on `code` (the message says why in
 * words). `cause` is the platform's exception when WebCrypto failed.
 */
export interface ProofError extends Omit<VerifyError, "code"> { readonly code: ProofErrorCode }
/** The class of `ProofError` (for `instanceof`). */
export interface ProofErrorClass { readonly prototype: ProofError; [Symbol.hasInstance](value: unknown): value is ProofError }
"#;

#[cfg(test)]
mod tests {
    use std::collections::BTreeSet;

    use crate::api::{ApiErrorKind, TransportErrorKind};

    /// Every `code` a `VerifyError` (not a `ProofError`) may carry: the
    /// client's errors (`crate::api::Error::code`) and `internal`.
    fn rust_codes() -> Vec<&'static str> {
        let mut codes = vec!["validation", "internal"];
        codes.extend(ApiErrorKind::ALL.map(|k| k.code()));
        codes.extend(TransportErrorKind::ALL.map(|k| k.code()));
        codes
    }

    /// The string literals of `export type VerifyErrorCode = ...;` in the
    /// typings this file adds to the package's `.d.ts`.
    fn union_in_typings() -> BTreeSet<&'static str> {
        let source = include_str!("error.rs");
        let start = source
            .find(concat!("export type ", "VerifyErrorCode ="))
            .expect("the union is declared");
        let body = &source[start..];
        let body = &body[..body.find(';').expect("the union ends")];
        body.split('"').skip(1).step_by(2).collect()
    }

    /// The string literals of the typings' `export type <name> = ...;`.
    fn literals_of(name: &str) -> BTreeSet<&'static str> {
        let source = include_str!("error.rs");
        let start = source
            .find(&format!("export type {name} ="))
            .expect("the union is declared");
        let body = &source[start..];
        let body = &body[..body.find(';').expect("the union ends")];
        body.split('"').skip(1).step_by(2).collect()
    }

    #[test]
    fn the_proof_codes_union_is_exactly_the_cores() {
        let rust: BTreeSet<&str> = crate::proof::ProofError::CODES.into_iter().collect();
        assert_eq!(literals_of(concat!("ProofError", "Code")), rust);
    }

    #[test]
    fn the_typings_union_is_exactly_the_rust_codes() {
        let rust: BTreeSet<&str> = rust_codes().into_iter().collect();
        assert_eq!(rust.len(), rust_codes().len(), "a code is repeated");
        assert_eq!(union_in_typings(), rust);
    }
}
