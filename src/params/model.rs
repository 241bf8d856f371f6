//! The resolved requests: what validation returns and the client sends.
//! Defaults are filled in as 8x8 applies them and `destination` is in E.164,
//! so serializing one gives exactly the JSON body 8x8 receives.

use serde::{Deserialize, Serialize};

#[cfg(feature = "js")]
use tsify::Tsify;

use super::enums::{Channel, CodeType, Encoding};

/// A resolved "initiate verification" request (body of
/// `POST /api/v2/subaccounts/{subAccountId}/sessions`).
///
/// ```ts
/// { destination: "+6587654321", channel: "sms", codeLength: 4, codeValidity: 300,
///   template: "Your verification code is {code}", resendingInterval: 10, sms: { encoding: "AUTO" } }
/// ```
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "js", derive(Tsify))]
#[serde(rename_all = "camelCase")]
pub struct VerificationRequest {
    /// The number in E.164 (`"+6587654321"`); `country` is then not sent.
    pub destination: String,
    /// The delivery channel. Default `"sms"`.
    pub channel: Channel,
    /// Inserted at `{brand}` in the template; at most 30 characters.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "js", tsify(optional))]
    pub brand: Option<String>,
    /// Length of the code, 3 to 10. Default 4.
    pub code_length: u8,
    /// Seconds until the code expires, 30 to 7200. Default 300.
    pub code_validity: u32,
    /// Characters of the code; 8x8 states no default (its examples use `"NUMERIC"`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "js", tsify(optional))]
    pub code_type: Option<CodeType>,
    /// Message text for `sms` and `call`, with `{code}` (and optionally
    /// `{brand}`). Default `"{brand}: Your verification code is {code}"` with
    /// a brand, `"Your verification code is {code}"` without; absent for the
    /// other channels and when `templateKey` is given.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "js", tsify(optional))]
    pub template: Option<String>,
    /// One of the 48 locales (case-sensitive). Default `"en-US"` for `call`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "js", tsify(optional, type = "Language"))]
    pub language: Option<String>,
    /// `true`: a new code for a destination with a pending session. Unset:
    /// the same code is re-sent and its validity extended.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "js", tsify(optional))]
    pub reset_session: Option<bool>,
    /// Least seconds between two sends to the same destination, 10 to 7200.
    /// Default 10.
    pub resending_interval: u32,
    /// Absolute http(s) URL that receives the session status on each change.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "js", tsify(optional))]
    pub callback_url: Option<String>,
    /// The person's IP address (IPv4 or IPv6), for rate limiting and SMA.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "js", tsify(optional))]
    pub client_ip: Option<String>,
    /// SMS options; present exactly when `channel` is `"sms"`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "js", tsify(optional))]
    pub sms: Option<SmsOptions>,
    /// Call options; present exactly when `channel` is `"call"`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "js", tsify(optional))]
    pub call: Option<CallOptions>,
    /// WhatsApp options; present exactly when `channel` is `"whatsapp"`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "js", tsify(optional))]
    pub whatsapp: Option<WhatsAppOptions>,
    /// Name of a template saved in 8x8 Connect, used instead of `template`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "js", tsify(optional))]
    pub template_key: Option<String>,
}

/// Resolved SMS options.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, Default)]
#[cfg_attr(feature = "js", derive(Tsify))]
#[serde(rename_all = "camelCase")]
pub struct SmsOptions {
    /// Sender id: up to 11 ASCII letters, digits and spaces, or up to 16
    /// digits with an optional leading `+`. Unset: 8x8 uses `"SMS"`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "js", tsify(optional))]
    pub source: Option<String>,
    /// The encoding. Default `"AUTO"`.
    pub encoding: Encoding,
}

/// Resolved call options.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "js", derive(Tsify))]
#[serde(rename_all = "camelCase")]
pub struct CallOptions {
    /// Caller id shown to the person, e.g. `"+6598765432"`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "js", tsify(optional))]
    pub source: Option<String>,
    /// Speech rate, 0.5 to 2. Default 0.8.
    pub speed: f64,
    /// How many times the message is read, 1 to 3. Default 2.
    pub repetition: u8,
    /// Voice, e.g. `"en-US-Kimberly"`; at most 50 characters. Unset: derived
    /// from `language`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "js", tsify(optional))]
    pub voice_profile: Option<String>,
}

/// Resolved WhatsApp options.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "js", derive(Tsify))]
#[serde(rename_all = "camelCase")]
pub struct WhatsAppOptions {
    /// Name of the WhatsApp authentication template. Required.
    pub template_name: String,
}

/// A resolved "validate code / read status" request
/// (`GET /api/v2/subaccounts/{subAccountId}/sessions/{sessionId}?code=`).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "js", derive(Tsify))]
#[serde(rename_all = "camelCase")]
pub struct CodeCheck {
    /// The session id returned when the verification started.
    pub session_id: String,
    /// The code the person typed, 3 to 10 characters (a dash not counted).
    /// Unset: read the status without trying a code.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "js", tsify(optional))]
    pub code: Option<String>,
}

/// A resolved SMA coverage request
/// (body of `POST /api/v2/subaccounts/{subAccountId}/sma/coverage`).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "js", derive(Tsify))]
#[serde(rename_all = "camelCase")]
pub struct CoverageRequest {
    /// Public IP of the device's mobile-data session (IPv4 or IPv6). Required.
    pub client_ip: String,
    /// The number in E.164; `country` is then not sent.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "js", tsify(optional))]
    pub destination: Option<String>,
}
