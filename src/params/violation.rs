//! What validation reports: violations (errors and warnings) and verdicts.

use serde::Serialize;

use crate::contract::Reason;

#[cfg(feature = "js")]
use tsify::Tsify;

/// One broken rule: where (`path`), which rule (`code`), the limit involved
/// and a plain message that names the field.
///
/// ```ts
/// { path: "call.speed", code: "out_of_range", message: "call.speed must be between 0.5 and 2 (got 3)",
///   limit: { kind: "range", min: 0.5, max: 2 } }
/// ```
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(feature = "js", derive(Tsify))]
#[serde(rename_all = "camelCase")]
pub struct Violation {
    /// The field, as a dotted path from the request root: `"destination"`,
    /// `"call.speed"`, `"whatsapp.templateName"`. `""` is the request itself.
    pub path: String,
    /// Which rule is broken; stable, branch on it (messages may change).
    pub code: ViolationCode,
    /// A plain sentence naming the field and the rule, for people.
    pub message: String,
    /// The limit involved, when the rule has one (a range, a length, a list).
    #[serde(skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "js", tsify(optional))]
    pub limit: Option<Limit>,
    /// For `invalid_phone`: the phone module's reason, e.g. `"TOO_SHORT"`,
    /// `"NOT_VALID_FOR_REGION"`.
    #[serde(skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "js", tsify(optional))]
    pub reason: Option<String>,
}

/// The stable code of a broken rule.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
#[cfg_attr(feature = "js", derive(Tsify))]
#[serde(rename_all = "snake_case")]
#[non_exhaustive]
pub enum ViolationCode {
    /// A required field is missing (or `null`).
    Required,
    /// A string is longer than its maximum.
    TooLong,
    /// A string is shorter than its minimum.
    TooShort,
    /// A number is outside its range.
    OutOfRange,
    /// A string does not have the required form (characters, shape).
    Pattern,
    /// A value is not one of the allowed values (enums, languages).
    NotOneOf,
    /// A field the endpoint does not know (often a typo such as `codelength`).
    UnknownField,
    /// A field appears twice in the same object (JSON text only).
    DuplicateField,
    /// A value has the wrong JSON type (or is not an integer where one is required).
    WrongType,
    /// `destination` is not a usable phone number.
    InvalidPhone,
    /// `country` is not an ISO 3166-1 alpha-2 code.
    InvalidCountry,
    /// `clientIp` is not an IPv4 or IPv6 address.
    InvalidIp,
    /// `callbackUrl` is not an absolute http(s) URL.
    InvalidUrl,
    /// `template` lacks a placeholder it needs (`{code}`), or uses `{brand}`
    /// without `brand`.
    MissingPlaceholder,
    /// A field that 8x8 ignores for the chosen channel (warning).
    NotForChannel,
    /// The number cannot receive the chosen channel (a landline for SMS; warning).
    NotMobile,
    /// Two fields that should not be given together (warning).
    Conflict,
    /// The destination's country is not in the edge worker's allow-list.
    CountryNotAllowed,
    /// A field the caller may not set through the edge worker (`callbackUrl`).
    NotAllowed,
    /// A field the edge worker's operator sets (`codeLength`, `template`,
    /// `brand`, ...): a page may not choose what a verification costs or how
    /// strong its code is.
    ServerControlled,
    /// A channel the edge worker does not offer (its `CHANNELS`).
    ChannelNotAllowed,
    /// A kind of number the edge worker refuses to send to (premium rate,
    /// toll free, pager, ...: revenue-share fraud targets).
    NumberTypeNotAllowed,
}

impl ViolationCode {
    /// The code as JavaScript sees it: `"out_of_range"`, `"unknown_field"`, …
    pub fn as_str(self) -> &'static str {
        match self {
            ViolationCode::Required => "required",
            ViolationCode::TooLong => "too_long",
            ViolationCode::TooShort => "too_short",
            ViolationCode::OutOfRange => "out_of_range",
            ViolationCode::Pattern => "pattern",
            ViolationCode::NotOneOf => "not_one_of",
            ViolationCode::UnknownField => "unknown_field",
            ViolationCode::DuplicateField => "duplicate_field",
            ViolationCode::WrongType => "wrong_type",
            ViolationCode::InvalidPhone => "invalid_phone",
            ViolationCode::InvalidCountry => "invalid_country",
            ViolationCode::InvalidIp => "invalid_ip",
            ViolationCode::InvalidUrl => "invalid_url",
            ViolationCode::MissingPlaceholder => "missing_placeholder",
            ViolationCode::NotForChannel => "not_for_channel",
            ViolationCode::NotMobile => "not_mobile",
            ViolationCode::Conflict => "conflict",
            ViolationCode::CountryNotAllowed => "country_not_allowed",
            ViolationCode::NotAllowed => "not_allowed",
            ViolationCode::ServerControlled => "server_controlled",
            ViolationCode::ChannelNotAllowed => "channel_not_allowed",
            ViolationCode::NumberTypeNotAllowed => "number_type_not_allowed",
        }
    }
}

impl std::fmt::Display for ViolationCode {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.as_str())
    }
}

/// The limit a violation is about.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(feature = "js", derive(Tsify))]
#[serde(tag = "kind", rename_all = "camelCase")]
pub enum Limit {
    /// A numeric range, both ends included: `{ kind: "range", min: 3, max: 10 }`.
    Range {
        /// Smallest allowed value.
        min: f64,
        /// Largest allowed value.
        max: f64,
    },
    /// A length in characters, both ends included:
    /// `{ kind: "length", min: 0, max: 30 }`.
    Length {
        /// Fewest characters allowed.
        min: u32,
        /// Most characters allowed.
        max: u32,
    },
    /// The allowed values: `{ kind: "oneOf", values: ["sms", "call", …] }`.
    OneOf {
        /// Every allowed value, exactly as it must be written.
        values: Vec<String>,
    },
}

impl Violation {
    /// A violation without a limit.
    pub fn new(path: impl Into<String>, code: ViolationCode, message: impl Into<String>) -> Self {
        Violation {
            path: path.into(),
            code,
            message: message.into(),
            limit: None,
            reason: None,
        }
    }

    /// The same violation with its limit.
    pub fn with_limit(mut self, limit: Limit) -> Self {
        self.limit = Some(limit);
        self
    }

    /// The same violation with a phone reason.
    pub fn with_reason(mut self, reason: impl Into<String>) -> Self {
        self.reason = Some(reason.into());
        self
    }

    /// How 8x8 refuses a request with this violation (the error table of
    /// <https://developer.8x8.com/connect/docs/api-error-codes>; see
    /// [`Violation::api_error_code`]).
    ///
    /// ```
    /// use verify8x8::{contract::Reason, params::{Violation, ViolationCode}};
    /// let v = Violation::new("destination", ViolationCode::Required, "destination is required");
    /// assert_eq!(v.reason(), Reason::InvalidDestination);
    /// ```
    pub fn reason(&self) -> Reason {
        let field = self.path.rsplit('.').next().unwrap_or("");
        match (self.path.as_str(), field, self.code) {
            ("destination", _, _) => Reason::InvalidDestination,
            ("country", _, ViolationCode::Required) => Reason::InvalidDestination,
            ("country", _, _) => Reason::InvalidCountry,
            (_, "clientIp", _) => Reason::InvalidIp,
            (_, _, ViolationCode::OutOfRange) => Reason::OutOfRange,
            _ => Reason::InvalidParameter,
        }
    }

    /// The 8x8 error code this violation gets from the real API:
    /// 1002 for a `destination` that cannot be made E.164 (also a national
    /// number sent without its `country`), 1009 for a bad `country`, 1010 for
    /// a number out of range, 1012 for a bad `clientIp`, 1000 for anything
    /// else.
    ///
    /// ```
    /// use verify8x8::params::{Violation, ViolationCode};
    /// let v = Violation::new("call.speed", ViolationCode::OutOfRange, "call.speed must be between 0.5 and 2");
    /// assert_eq!(v.api_error_code(), 1010);
    /// ```
    pub fn api_error_code(&self) -> u32 {
        self.reason().code()
    }
}

impl std::fmt::Display for Violation {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{} ({})", self.message, self.code)
    }
}

/// The outcome of validating one request: every error and warning found,
/// and the resolved request when there is no error.
#[derive(Debug, Clone, PartialEq)]
pub struct Verdict<T> {
    /// Broken rules that make 8x8 refuse the request or send something
    /// broken. Empty when the request may be sent.
    pub errors: Vec<Violation>,
    /// Rules that do not block the request but point at a likely mistake
    /// (a field 8x8 ignores for this channel, `{brand}` without `brand`).
    pub warnings: Vec<Violation>,
    /// The resolved request (defaults filled, destination in E.164): `Some`
    /// exactly when `errors` is empty.
    pub request: Option<T>,
}

impl<T> Verdict<T> {
    /// Whether the request may be sent: no error (warnings allowed).
    pub fn is_ok(&self) -> bool {
        self.errors.is_empty()
    }
}
