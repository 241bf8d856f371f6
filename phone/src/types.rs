//! The results of parsing: the number, its type, and why it is invalid.

use alloc::string::String;

use core::fmt;

use super::Region;

/// A parsed phone number, valid or not.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct PhoneNumber {
    /// E.164 form: `+`, calling code, national number (`"+14155552671"`).
    /// Present even when the number is not valid.
    pub e164: String,
    /// The calling code (`1`).
    pub country_calling_code: u16,
    /// The national significant number, without trunk prefix
    /// (`"4155552671"`).
    pub national_number: String,
    /// The extension, in ASCII digits, if one was typed.
    pub extension: Option<String>,
    /// The region the number belongs to; `None` for non-geographic numbers
    /// (`+800`, ...) and numbers no region of a shared code claims.
    pub region: Option<Region>,
    /// The type of a valid number; `None` when not valid.
    pub number_type: Option<NumberType>,
    /// Whether the length is one the region uses.
    pub possible: bool,
    /// Whether the number matches the region's numbering plan.
    pub valid: bool,
    /// Why the number is not valid; `None` when valid.
    pub reason: Option<Invalid>,
}

/// The type of a phone number, from the numbering plan.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum NumberType {
    /// A mobile number.
    Mobile,
    /// A landline.
    FixedLine,
    /// Either: the plan does not tell them apart (the US, Canada, ...).
    FixedLineOrMobile,
    /// Free to the caller.
    TollFree,
    /// Charged above the normal rate.
    PremiumRate,
    /// Cost shared between caller and receiver.
    SharedCost,
    /// Voice over IP.
    Voip,
    /// A personal number, routed to wherever its owner says.
    PersonalNumber,
    /// A pager.
    Pager,
    /// Universal access number (one number for a company).
    Uan,
    /// Voicemail access.
    Voicemail,
}

impl NumberType {
    /// The libphonenumber name: `"MOBILE"`, `"FIXED_LINE"`, ...
    pub fn as_str(self) -> &'static str {
        match self {
            NumberType::Mobile => "MOBILE",
            NumberType::FixedLine => "FIXED_LINE",
            NumberType::FixedLineOrMobile => "FIXED_LINE_OR_MOBILE",
            NumberType::TollFree => "TOLL_FREE",
            NumberType::PremiumRate => "PREMIUM_RATE",
            NumberType::SharedCost => "SHARED_COST",
            NumberType::Voip => "VOIP",
            NumberType::PersonalNumber => "PERSONAL_NUMBER",
            NumberType::Pager => "PAGER",
            NumberType::Uan => "UAN",
            NumberType::Voicemail => "VOICEMAIL",
        }
    }

    /// Whether an SMS to a number of this type can arrive: mobiles, numbers
    /// that may be mobiles (`FixedLineOrMobile`, as in the US), VoIP numbers
    /// (most take SMS) and personal numbers (forwarded, often to a mobile).
    /// Not landlines, toll-free, premium-rate, shared-cost, UAN, voicemail
    /// or pager numbers: an SMS sent there costs money and never arrives.
    pub fn can_receive_sms(self) -> bool {
        matches!(
            self,
            NumberType::Mobile
                | NumberType::FixedLineOrMobile
                | NumberType::Voip
                | NumberType::PersonalNumber
        )
    }
}

impl fmt::Display for NumberType {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// Why a number is not valid (or not a number at all).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Invalid {
    /// No digits, letters among them, or not shaped like a phone number.
    NotANumber,
    /// Unknown country, calling code or region.
    InvalidCountry,
    /// Fewer digits than any number of the region.
    TooShort,
    /// More digits than any number of the region (or input over 250
    /// characters).
    TooLong,
    /// A length between the region's shortest and longest that it does not
    /// use.
    InvalidLength,
    /// A possible length, but no number of the region looks like this.
    NotValidForRegion,
    /// A country this build does not carry the rules of (a phone metadata
    /// trimmed to some countries): its numbers cannot be judged here.
    UnsupportedCountry,
}

impl Invalid {
    /// The stable code: `"NOT_A_NUMBER"`, `"INVALID_COUNTRY"`, `"TOO_SHORT"`,
    /// `"TOO_LONG"`, `"INVALID_LENGTH"`, `"NOT_VALID_FOR_REGION"`,
    /// `"UNSUPPORTED_COUNTRY"`.
    pub fn as_str(self) -> &'static str {
        match self {
            Invalid::NotANumber => "NOT_A_NUMBER",
            Invalid::InvalidCountry => "INVALID_COUNTRY",
            Invalid::TooShort => "TOO_SHORT",
            Invalid::TooLong => "TOO_LONG",
            Invalid::InvalidLength => "INVALID_LENGTH",
            Invalid::NotValidForRegion => "NOT_VALID_FOR_REGION",
            Invalid::UnsupportedCountry => "UNSUPPORTED_COUNTRY",
        }
    }

    /// A sentence for people.
    pub fn message(self) -> &'static str {
        match self {
            Invalid::NotANumber => "not a phone number",
            Invalid::InvalidCountry => "unknown country or calling code",
            Invalid::TooShort => "too short for a phone number of this country",
            Invalid::TooLong => "too long for a phone number of this country",
            Invalid::InvalidLength => "no phone number of this country has this many digits",
            Invalid::NotValidForRegion => "not a valid phone number for this country",
            Invalid::UnsupportedCountry => "country not supported by this build",
        }
    }
}

impl fmt::Display for Invalid {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// No E.164 number could be built from the input.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ParseError {
    /// Why.
    pub reason: Invalid,
    /// Details for people (may change; branch on `reason`).
    pub message: &'static str,
}

impl ParseError {
    pub(crate) fn new(reason: Invalid, message: &'static str) -> ParseError {
        ParseError { reason, message }
    }

    pub(crate) fn from_reason(reason: Invalid) -> ParseError {
        ParseError::new(reason, reason.message())
    }
}

impl fmt::Display for ParseError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}: {}", self.reason.as_str(), self.message)
    }
}

impl core::error::Error for ParseError {}
