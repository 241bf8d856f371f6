//! 8x8's limits and the channels' reach and words, for pages that show them
//! (`www/`): read from `crate::contract` and `crate::params::Channel`, so a
//! page writes none of its own.

use serde::Serialize;
use tsify::{Ts, Tsify};
use wasm_bindgen::prelude::*;

use crate::contract::{limits, Range};
use crate::params::Channel;
use crate::phone;

use super::error::to_plain;

/// An inclusive range of an integer field and 8x8's default for it.
#[derive(Serialize, Tsify)]
pub struct LimitRange {
    /// The smallest value accepted.
    pub min: u32,
    /// The largest value accepted.
    pub max: u32,
    /// The value 8x8 applies when the field is left out.
    pub default: u32,
}

impl From<Range> for LimitRange {
    fn from(r: Range) -> LimitRange {
        LimitRange {
            min: r.min,
            max: r.max,
            default: r.default,
        }
    }
}

/// 8x8's limits of a verification.
#[derive(Serialize, Tsify)]
#[serde(rename_all = "camelCase")]
pub struct VerificationLimits {
    /// Wrong codes a session takes; the last one fails it for good.
    pub max_attempts: u8,
    /// `codeLength`: symbols in a code.
    pub code_length: LimitRange,
    /// `codeValidity`: seconds a code stays valid.
    pub code_validity: LimitRange,
    /// `resendingInterval`: least seconds between two sends.
    pub resending_interval: LimitRange,
    /// The code a person types, in characters (a dash not counted).
    pub typed_code_length: LimitRange,
}

/// 8x8's limits: attempts, and the ranges (with defaults) of `codeLength`,
/// `codeValidity`, `resendingInterval` and of a typed code.
///
/// ```ts
/// const { maxAttempts, codeLength } = verificationLimits();
/// input.min = String(codeLength.min);
/// const left = maxAttempts - session.attempt;
/// ```
#[wasm_bindgen(js_name = verificationLimits)]
pub fn verification_limits() -> Ts<VerificationLimits> {
    let all = VerificationLimits {
        max_attempts: limits::MAX_ATTEMPTS,
        code_length: limits::CODE_LENGTH.into(),
        code_validity: limits::CODE_VALIDITY.into(),
        resending_interval: limits::RESENDING_INTERVAL.into(),
        typed_code_length: limits::TYPED_CODE_LENGTH.into(),
    };
    Ts::new_unchecked(to_plain(&all))
}

/// Whether `channel` can reach the number `e164` (a voice call reaches
/// landlines; the other channels need a number that takes messages); false
/// for an unknown channel or a number that does not parse.
///
/// ```ts
/// channelReaches("call", "+6562345678"); // true: a Singapore landline
/// channelReaches("sms", "+6562345678");  // false
/// ```
#[wasm_bindgen(js_name = channelReaches)]
pub fn channel_reaches(
    #[wasm_bindgen(unchecked_param_type = "Channel")] channel: &str,
    e164: &str,
) -> bool {
    let Some(channel) = Channel::from_name(channel) else {
        return false;
    };
    phone::parse(e164, None)
        .ok()
        .and_then(|n| n.number_type)
        .is_some_and(|t| channel.can_reach(t))
}

/// A channel in words for people.
#[derive(Serialize, Tsify)]
pub struct ChannelWords {
    /// The channel: `"SMS"`, `"a voice call"`, `"WhatsApp"`, …
    pub name: &'static str,
    /// How a code travels: `"by SMS"`, `"on WhatsApp"`, …
    pub via: &'static str,
}

/// `channel` in words for people; `undefined` for an unknown channel.
///
/// ```ts
/// `Code sent ${channelWords("sms").via} to ${number}`; // "Code sent by SMS to …"
/// ```
#[wasm_bindgen(js_name = channelWords)]
pub fn channel_words(
    #[wasm_bindgen(unchecked_param_type = "Channel")] channel: &str,
) -> Option<Ts<ChannelWords>> {
    let channel = Channel::from_name(channel)?;
    let words = ChannelWords {
        name: channel.name(),
        via: channel.via(),
    };
    Some(Ts::new_unchecked(to_plain(&words)))
}
