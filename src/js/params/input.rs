//! The TypeScript types of what JavaScript passes to the validators. They
//! exist for the `.d.ts` (so a typo such as `codelength` fails to compile);
//! at run time the input is read as plain JSON and every rule checked by the
//! core, whatever its shape.

use serde::{Deserialize, Serialize};
use tsify::Tsify;

use crate::params::{Channel, CodeType, Encoding};

/// The parameters of `validateVerification` (the body of
/// `POST /api/v2/subaccounts/{subAccountId}/sessions`). Only `destination`
/// is required.
///
/// ```ts
/// const params: VerificationParams = { destination: "8765 4321", country: "SG", brand: "ACME", codeLength: 6 };
/// ```
#[derive(Tsify, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct VerificationParams {
    /// The number to verify: international (`"+65 8765 4321"`, `"6587654321"`)
    /// or national with `country` (`"8765 4321"`). Spaces, brackets and
    /// dashes are fine. Required.
    pub destination: String,
    /// ISO 3166-1 alpha-2 code (`"SG"`); required when `destination` is national.
    #[tsify(optional)]
    pub country: Option<String>,
    /// Delivery channel. Default `"sms"`.
    #[tsify(optional)]
    pub channel: Option<Channel>,
    /// Replaces `{brand}` in the template. At most 30 characters.
    #[tsify(optional)]
    pub brand: Option<String>,
    /// Length of the code: an integer from 3 to 10. Default 4.
    #[tsify(optional)]
    pub code_length: Option<f64>,
    /// Seconds until the code expires: an integer from 30 to 7200. Default 300.
    #[tsify(optional)]
    pub code_validity: Option<f64>,
    /// Characters of the code. 8x8 states no default.
    #[tsify(optional)]
    pub code_type: Option<CodeType>,
    /// Message text for `sms` and `call`; must contain `{code}`, may contain
    /// `{brand}`. Default `"{brand}: Your verification code is {code}"` (or
    /// without the brand part). With `call`, `language` is then required.
    #[tsify(optional)]
    pub template: Option<String>,
    /// Language of the call voice or of the WhatsApp template; one of 48
    /// locales, case-sensitive. Default `"en-US"` for `call`.
    #[tsify(optional, type = "Language")]
    pub language: Option<String>,
    /// `true`: a new code when a session for this number is pending. Unset:
    /// the same code is re-sent and its validity extended.
    #[tsify(optional)]
    pub reset_session: Option<bool>,
    /// Least seconds between two sends to the same number: an integer from
    /// 10 to 7200. Default 10.
    #[tsify(optional)]
    pub resending_interval: Option<f64>,
    /// Absolute `http(s)` URL that receives the session on each status change.
    #[tsify(optional)]
    pub callback_url: Option<String>,
    /// The person's IPv4 or IPv6 address (rate limiting, SMA).
    #[tsify(optional)]
    pub client_ip: Option<String>,
    /// SMS options (read only with `channel: "sms"`).
    #[tsify(optional)]
    pub sms: Option<SmsParams>,
    /// Call options (read only with `channel: "call"`).
    #[tsify(optional)]
    pub call: Option<CallParams>,
    /// WhatsApp options; required with `channel: "whatsapp"`.
    #[tsify(optional)]
    pub whatsapp: Option<WhatsAppParams>,
    /// Name of a template saved in 8x8 Connect, instead of `template`.
    #[tsify(optional)]
    pub template_key: Option<String>,
}

/// SMS options.
#[derive(Tsify, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct SmsParams {
    /// Sender id: up to 11 ASCII letters, digits and spaces (`"ACME"`), or up
    /// to 16 characters of digits with an optional leading `+`. Default `"SMS"`.
    #[tsify(optional)]
    pub source: Option<String>,
    /// Encoding. Default `"AUTO"`.
    #[tsify(optional)]
    pub encoding: Option<Encoding>,
}

/// Call options.
#[derive(Tsify, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct CallParams {
    /// Caller id, e.g. `"+6598765432"`.
    #[tsify(optional)]
    pub source: Option<String>,
    /// Speech rate from 0.5 to 2. Default 0.8.
    #[tsify(optional)]
    pub speed: Option<f64>,
    /// Times the message is read: 1, 2 or 3. Default 2.
    #[tsify(optional)]
    pub repetition: Option<f64>,
    /// Voice, e.g. `"en-US-Kimberly"`; at most 50 characters. Default: from `language`.
    #[tsify(optional)]
    pub voice_profile: Option<String>,
}

/// WhatsApp options.
#[derive(Tsify, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct WhatsAppParams {
    /// Name of your WhatsApp authentication template. Required.
    pub template_name: String,
}

/// The parameters of `validateCodeCheck`.
///
/// ```ts
/// const check: CodeCheckParams = { sessionId: session.sessionId, code: "1234" };
/// ```
#[derive(Tsify, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct CodeCheckParams {
    /// The sub-account: 3 to 50 ASCII letters, digits, `-`, `.`, `_`, `&`.
    #[tsify(optional)]
    pub sub_account_id: Option<String>,
    /// The session id from the start of the verification. Required.
    pub session_id: String,
    /// The code the person typed: 3 to 10 letters or digits (a dash allowed,
    /// not counted). Omit it to read the status only.
    #[tsify(optional)]
    pub code: Option<String>,
}

/// The parameters of `validateCoverage` (the body of
/// `POST /api/v2/subaccounts/{subAccountId}/sma/coverage`).
///
/// ```ts
/// const coverage: CoverageParams = { clientIp: "123.123.123.123", destination: "+6587654321" };
/// ```
#[derive(Tsify, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct CoverageParams {
    /// Public IPv4 or IPv6 address of the device's mobile-data session. Required.
    pub client_ip: String,
    /// The number to check, international or national with `country`.
    #[tsify(optional)]
    pub destination: Option<String>,
    /// ISO 3166-1 alpha-2 code; required when `destination` is national.
    #[tsify(optional)]
    pub country: Option<String>,
}
