//! The response models of Verify v2: the session, the coverage answer and
//! the error body.

use serde::{Deserialize, Serialize};

#[cfg(feature = "js")]
use tsify::Tsify;

/// A verification session (`VerifyResponseV2`), returned when a
/// verification starts and by every status read or code check.
///
/// ```ts
/// { sessionId: "a44a91be5ea5ea118169020897df5459", verifyUri: "/api/v2/subaccounts/acme/sessions/a44a…",
///   destination: "+6587654321", status: "WAITING", attempt: 0,
///   expiresAt: "2025-12-18T05:59:54.09Z", retryAfter: "2025-12-18T05:55:04.09Z" }
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "js", derive(Tsify))]
#[serde(rename_all = "camelCase")]
pub struct Session {
    /// The session id: keep it to check the code.
    pub session_id: String,
    /// Path (or URL) of the session resource.
    pub verify_uri: String,
    /// The destination in international format.
    pub destination: String,
    /// Where the session stands.
    pub status: SessionStatus,
    /// Wrong codes tried so far (0 to 255; at 5 the session is `FAILED`).
    pub attempt: u8,
    /// When the code expires (ISO 8601 date-time).
    pub expires_at: String,
    /// Earliest time a resend is accepted (ISO 8601 date-time).
    pub retry_after: String,
    /// For `channel: "sma"`: the URL the phone must open over mobile data.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "js", tsify(optional))]
    pub sma: Option<SmaInfo>,
}

/// Where a session stands.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "js", derive(Tsify))]
#[serde(rename_all = "UPPERCASE")]
pub enum SessionStatus {
    /// Not expired, right code not received yet.
    Waiting,
    /// The right code was received in time (final).
    Verified,
    /// Five wrong codes (final).
    Failed,
    /// The validity elapsed without the right code (final).
    Expired,
}

impl SessionStatus {
    /// The value as 8x8 writes it: `"WAITING"`, …
    pub fn as_str(self) -> &'static str {
        match self {
            SessionStatus::Waiting => "WAITING",
            SessionStatus::Verified => "VERIFIED",
            SessionStatus::Failed => "FAILED",
            SessionStatus::Expired => "EXPIRED",
        }
    }

    /// Whether the status can no longer change.
    pub fn is_final(self) -> bool {
        !matches!(self, SessionStatus::Waiting)
    }
}

/// The SMA part of a session.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "js", derive(Tsify))]
#[serde(rename_all = "camelCase")]
pub struct SmaInfo {
    /// The URL the phone must request in the background over mobile data.
    pub verification_url: String,
}

/// The SMA coverage answer.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "js", derive(Tsify))]
#[serde(rename_all = "camelCase")]
pub struct Coverage {
    /// Whether silent mobile authentication can serve this device and number.
    pub is_available: bool,
}

/// The body of every 8x8 error response (HTTP status ≥ 400).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "js", derive(Tsify))]
#[serde(rename_all = "camelCase")]
pub struct ErrorBody {
    /// 8x8's error code, e.g. 1002 (invalid number), 1400 (resend too early).
    pub code: u32,
    /// A human-readable description.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "js", tsify(optional))]
    pub message: Option<String>,
    /// Id to quote to 8x8 support (a UUID).
    pub error_id: String,
    /// When the error happened (ISO 8601 date-time).
    pub timestamp: String,
}
