//! The enumerations of the Verify v2 requests: channel, code type, SMS
//! encoding. Each value is written exactly as 8x8 expects it.

use serde::{Deserialize, Serialize};

use crate::phone::NumberType;

#[cfg(feature = "js")]
use tsify::Tsify;

/// How the code (or the silent authentication) reaches the person.
/// Default `"sms"`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "js", derive(Tsify))]
#[serde(rename_all = "lowercase")]
pub enum Channel {
    /// A text message (the default).
    Sms,
    /// A voice call that reads the code (text-to-speech).
    Call,
    /// A WhatsApp authentication template; needs `whatsapp.templateName`.
    Whatsapp,
    /// Viber (in 8x8's enum; no options object).
    Viber,
    /// Silent Mobile Authentication: no code; the phone opens
    /// `sma.verificationUrl` over mobile data.
    Sma,
}

impl Channel {
    /// Every channel, in 8x8's order.
    pub const ALL: [Channel; 5] = [
        Channel::Sms,
        Channel::Call,
        Channel::Whatsapp,
        Channel::Viber,
        Channel::Sma,
    ];

    /// The value as 8x8 writes it: `"sms"`, `"call"`, …
    pub fn as_str(self) -> &'static str {
        match self {
            Channel::Sms => "sms",
            Channel::Call => "call",
            Channel::Whatsapp => "whatsapp",
            Channel::Viber => "viber",
            Channel::Sma => "sma",
        }
    }

    /// The channel written `s`, exactly (case-sensitive).
    pub fn from_name(s: &str) -> Option<Channel> {
        Channel::ALL.into_iter().find(|c| c.as_str() == s)
    }

    /// Whether this channel can reach a number of `number_type`: a voice
    /// call reaches landlines too; every other channel needs a number that
    /// takes messages ([`NumberType::can_receive_sms`]).
    ///
    /// ```
    /// use verify8x8::{params::Channel, phone::NumberType};
    /// assert!(Channel::Call.can_reach(NumberType::FixedLine));
    /// assert!(!Channel::Sms.can_reach(NumberType::FixedLine));
    /// ```
    pub fn can_reach(self, number_type: NumberType) -> bool {
        match self {
            Channel::Call => number_type.can_receive_sms() || number_type == NumberType::FixedLine,
            _ => number_type.can_receive_sms(),
        }
    }

    /// The channel in words for people: `"SMS"`, `"a voice call"`, …
    pub fn name(self) -> &'static str {
        match self {
            Channel::Sms => "SMS",
            Channel::Call => "a voice call",
            Channel::Whatsapp => "WhatsApp",
            Channel::Viber => "Viber",
            Channel::Sma => "silent mobile authentication",
        }
    }

    /// How a code travels, in words for people: `"by SMS"`, `"on WhatsApp"`, …
    pub fn via(self) -> &'static str {
        match self {
            Channel::Sms => "by SMS",
            Channel::Call => "by a voice call",
            Channel::Whatsapp => "on WhatsApp",
            Channel::Viber => "on Viber",
            Channel::Sma => "by silent mobile authentication",
        }
    }
}

/// The characters of the generated code. 8x8 states no default; its
/// examples use `"NUMERIC"`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "js", derive(Tsify))]
#[serde(rename_all = "SCREAMING_SNAKE_CASE")]
pub enum CodeType {
    /// Digits: `123456`.
    Numeric,
    /// Digits with one dash in the middle: `234-3294` (no dash when the
    /// length is 3). `codeLength` counts the digits.
    NumericWithDash,
    /// Letters of both cases and digits: `fiQdAsr315`.
    Alphanumeric,
    /// Capital letters and digits: `FIQDASR315`.
    AlphanumericCapitals,
    /// Capital letters and digits without I, O, Q, S, Z: `FDAR315`.
    AlphanumericEasy,
}

impl CodeType {
    /// Every code type.
    pub const ALL: [CodeType; 5] = [
        CodeType::Numeric,
        CodeType::NumericWithDash,
        CodeType::Alphanumeric,
        CodeType::AlphanumericCapitals,
        CodeType::AlphanumericEasy,
    ];

    /// The value as 8x8 writes it: `"NUMERIC"`, `"NUMERIC_WITH_DASH"`, …
    pub fn as_str(self) -> &'static str {
        match self {
            CodeType::Numeric => "NUMERIC",
            CodeType::NumericWithDash => "NUMERIC_WITH_DASH",
            CodeType::Alphanumeric => "ALPHANUMERIC",
            CodeType::AlphanumericCapitals => "ALPHANUMERIC_CAPITALS",
            CodeType::AlphanumericEasy => "ALPHANUMERIC_EASY",
        }
    }

    /// The code type written `s`, exactly (case-sensitive).
    pub fn from_name(s: &str) -> Option<CodeType> {
        CodeType::ALL.into_iter().find(|c| c.as_str() == s)
    }

    /// The symbols a code of this type is drawn from (the dash of
    /// `NUMERIC_WITH_DASH` aside).
    ///
    /// ```
    /// use verify8x8::params::CodeType;
    /// assert_eq!(CodeType::Numeric.alphabet(), b"0123456789");
    /// ```
    pub fn alphabet(self) -> &'static [u8] {
        match self {
            CodeType::Numeric | CodeType::NumericWithDash => b"0123456789",
            CodeType::Alphanumeric => {
                b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789"
            }
            CodeType::AlphanumericCapitals => b"ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789",
            CodeType::AlphanumericEasy => b"ABCDEFGHJKLMNPRTUVWXY0123456789",
        }
    }

    /// Where the dash of a `NUMERIC_WITH_DASH` code of `length` digits sits
    /// (after floor(n/2) digits; none for 3 digits), `None` for other types.
    ///
    /// ```
    /// use verify8x8::params::CodeType;
    /// assert_eq!(CodeType::NumericWithDash.dash_at(6), Some(3));
    /// assert_eq!(CodeType::NumericWithDash.dash_at(3), None);
    /// ```
    pub fn dash_at(self, length: usize) -> Option<usize> {
        (self == CodeType::NumericWithDash && length > 3).then_some(length / 2)
    }

    /// Whether `submitted` matches the `code` 8x8 sent: exact for digits and
    /// mixed-case codes, the dash optional for `NUMERIC_WITH_DASH`, any case
    /// for capitals-only codes.
    ///
    /// ```
    /// use verify8x8::params::CodeType;
    /// assert!(CodeType::NumericWithDash.accepts("123-456", "123456"));
    /// assert!(CodeType::AlphanumericCapitals.accepts("AB12", "ab12"));
    /// assert!(!CodeType::Alphanumeric.accepts("aB12", "ab12"));
    /// ```
    pub fn accepts(self, code: &str, submitted: &str) -> bool {
        match self {
            CodeType::Numeric | CodeType::Alphanumeric => code == submitted,
            CodeType::NumericWithDash => {
                submitted == code || submitted == code.replace('-', "").as_str()
            }
            CodeType::AlphanumericCapitals | CodeType::AlphanumericEasy => {
                code.eq_ignore_ascii_case(submitted)
            }
        }
    }
}

/// The SMS encoding. Default `"AUTO"`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, Default)]
#[cfg_attr(feature = "js", derive(Tsify))]
#[serde(rename_all = "UPPERCASE")]
pub enum Encoding {
    /// Unicode (UCS-2) if the text needs it, else GSM-7 (the default).
    #[default]
    Auto,
    /// Force the GSM 7-bit alphabet.
    Gsm7,
    /// Force Unicode (UCS-2).
    Ucs2,
}

impl Encoding {
    /// Every encoding.
    pub const ALL: [Encoding; 3] = [Encoding::Auto, Encoding::Gsm7, Encoding::Ucs2];

    /// The value as 8x8 writes it: `"AUTO"`, `"GSM7"`, `"UCS2"`.
    pub fn as_str(self) -> &'static str {
        match self {
            Encoding::Auto => "AUTO",
            Encoding::Gsm7 => "GSM7",
            Encoding::Ucs2 => "UCS2",
        }
    }

    /// The encoding written `s`, exactly (case-sensitive).
    pub fn from_name(s: &str) -> Option<Encoding> {
        Encoding::ALL.into_iter().find(|c| c.as_str() == s)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_round_trip() {
        for c in Channel::ALL {
            assert_eq!(Channel::from_name(c.as_str()), Some(c));
        }
        for c in CodeType::ALL {
            assert_eq!(CodeType::from_name(c.as_str()), Some(c));
        }
        for e in Encoding::ALL {
            assert_eq!(Encoding::from_name(e.as_str()), Some(e));
        }
        assert_eq!(Channel::from_name("SMS"), None);
        assert_eq!(CodeType::from_name("numeric"), None);
    }

    #[test]
    fn serde_names_match_as_str() {
        for c in CodeType::ALL {
            assert_eq!(
                serde_json::to_string(&c).ok(),
                Some(format!("\"{}\"", c.as_str()))
            );
        }
        for c in Channel::ALL {
            assert_eq!(
                serde_json::to_string(&c).ok(),
                Some(format!("\"{}\"", c.as_str()))
            );
        }
        for e in Encoding::ALL {
            assert_eq!(
                serde_json::to_string(&e).ok(),
                Some(format!("\"{}\"", e.as_str()))
            );
        }
    }
}
