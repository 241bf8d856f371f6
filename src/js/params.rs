//! Request validation, exported to JavaScript: `validateVerification`,
//! `validateCodeCheck`, `validateCoverage`, `isValidSubAccountId`.
//!
//! Every rule lives in `crate::params`; this file converts the JS value to
//! JSON, calls the core and returns its verdict as a plain object.

mod input;

use serde::Serialize;
use tsify::{Ts, Tsify};
use wasm_bindgen::prelude::*;

use crate::json::Value;
use crate::params::{
    self as core, CodeCheck, CoverageRequest, Verdict, VerificationRequest, Violation,
    ViolationCode,
};

use super::error::coded_error;
use super::json::from_js;

pub use input::{
    CallParams, CodeCheckParams, CoverageParams, SmsParams, VerificationParams, WhatsAppParams,
};

#[wasm_bindgen(typescript_custom_section)]
const LANGUAGE_TS: &str = r#"
/** The 48 languages 8x8 accepts for `language` (case-sensitive). */
export type Language =
    | "ar-EG"
    | "ar-SA"
    | "bg-BG"
    | "ca-ES"
    | "cs-CZ"
    | "da-DK"
    | "de-AT"
    | "de-CH"
    | "de-DE"
    | "el-GR"
    | "en-AU"
    | "en-CA"
    | "en-GB"
    | "en-IE"
    | "en-IN"
    | "en-US"
    | "es-ES"
    | "es-MX"
    | "fi-FI"
    | "fr-CA"
    | "fr-CH"
    | "fr-FR"
    | "he-IL"
    | "hi-IN"
    | "hr-HR"
    | "hu-HU"
    | "id-ID"
    | "it-IT"
    | "ja-JP"
    | "ko-KR"
    | "ms-MY"
    | "nb-NO"
    | "nl-NL"
    | "pl-PL"
    | "pt-BR"
    | "pt-PT"
    | "ro-RO"
    | "ru-RU"
    | "sk-SK"
    | "sl-SI"
    | "sv-SE"
    | "ta-IN"
    | "th-TH"
    | "tr-TR"
    | "vi-VN"
    | "zh-CN"
    | "zh-HK"
    | "zh-TW";
"#;

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

macro_rules! verdict_type {
    ($(#[$doc:meta])* $name:ident, $request:ty) => {
        $(#[$doc])*
        #[derive(Serialize, Tsify)]
        #[serde(rename_all = "camelCase")]
        pub struct $name {
            /// `true` when there is no error (warnings allowed): `request` is then set.
            pub ok: bool,
            /// Every broken rule that blocks the request.
            pub errors: Vec<Violation>,
            /// Likely mistakes that do not block it (e.g. a field the channel ignores).
            pub warnings: Vec<Violation>,
            /// The request as it will be sent (defaults filled, destination in
            /// E.164); set exactly when `ok`.
            #[serde(skip_serializing_if = "Option::is_none")]
            #[tsify(optional)]
            pub request: Option<$request>,
        }

        impl From<Verdict<$request>> for $name {
            fn from(verdict: Verdict<$request>) -> Self {
                $name {
                    ok: verdict.is_ok(),
                    errors: verdict.errors,
                    warnings: verdict.warnings,
                    request: verdict.request,
                }
            }
        }
    };
}

verdict_type!(
    /// What `validateVerification` returns.
    VerificationVerdict,
    VerificationRequest
);
verdict_type!(
    /// What `validateCodeCheck` returns.
    CodeCheckVerdict,
    CodeCheck
);
verdict_type!(
    /// What `validateCoverage` returns.
    CoverageVerdict,
    CoverageRequest
);

/// Reads any JS value as JSON. What cannot be read (a function, a symbol, a
/// cycle) becomes a `wrong_type` violation of the whole input.
fn to_json(value: JsValue) -> Result<Value, Violation> {
    from_js(&value).map_err(|e| {
        Violation::new(
            "",
            ViolationCode::WrongType,
            format!("the request must be a plain object of JSON values: {e}"),
        )
    })
}

fn run<P: Tsify, R, V>(params: Ts<P>, validate: fn(&Value) -> Verdict<R>) -> Result<Ts<V>, JsValue>
where
    V: From<Verdict<R>> + Tsify + Serialize,
{
    let verdict = match to_json(params.js_value()) {
        Ok(json) => validate(&json),
        Err(violation) => Verdict {
            errors: vec![violation],
            warnings: Vec::new(),
            request: None,
        },
    };
    V::from(verdict)
        .into_ts()
        .map_err(|e| coded_error("VerifyError", "internal", &e.to_string()))
}

/// Checks the parameters of a verification (`POST .../sessions`) against
/// every rule of the 8x8 API at once, and gives the exact request that will
/// be sent. Never throws on bad input: every problem is a violation.
///
/// ```ts
/// const v = validateVerification({ destination: "8765 4321", country: "SG", call: { speed: 3 } });
/// v.ok;          // false
/// v.errors[0];   // { path: "call.speed", code: "out_of_range", limit: { kind: "range", min: 0.5, max: 2 }, message: "…" }
/// v.warnings[0]; // { path: "call", code: "not_for_channel", … } (channel is "sms")
/// ```
#[wasm_bindgen(js_name = validateVerification)]
pub fn validate_verification(
    params: Ts<VerificationParams>,
) -> Result<Ts<VerificationVerdict>, JsValue> {
    run(params, core::validate_verification)
}

/// Checks the parameters of a code check or status read
/// (`GET .../sessions/{sessionId}?code=`).
///
/// ```ts
/// validateCodeCheck({ sessionId: "a44a91be5ea5ea118169020897df5459", code: "12" }).errors[0].code; // "too_short"
/// ```
#[wasm_bindgen(js_name = validateCodeCheck)]
pub fn validate_code_check(params: Ts<CodeCheckParams>) -> Result<Ts<CodeCheckVerdict>, JsValue> {
    run(params, core::validate_code_check)
}

/// Checks the parameters of an SMA coverage check (`POST .../sma/coverage`).
///
/// ```ts
/// validateCoverage({ clientIp: "123.123.123.123", destination: "+6587654321" }).ok; // true
/// ```
#[wasm_bindgen(js_name = validateCoverage)]
pub fn validate_coverage(params: Ts<CoverageParams>) -> Result<Ts<CoverageVerdict>, JsValue> {
    run(params, core::validate_coverage)
}
