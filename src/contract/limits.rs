//! 8x8's numeric rules: the attempt limit and the ranges of the request
//! fields, each a [`Range`] with its default.
//! Source: <https://developer.8x8.com/connect/reference/verify-request-v-2>.

/// An inclusive range of integers and the value 8x8 uses when the field is
/// left out.
///
/// ```
/// use verify8x8::contract::limits::CODE_LENGTH;
/// assert!(CODE_LENGTH.contains(6));
/// assert_eq!(CODE_LENGTH.clamp(42), 10);
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Range {
    /// The smallest value accepted.
    pub min: u32,
    /// The largest value accepted.
    pub max: u32,
    /// The value 8x8 applies when the field is not given.
    pub default: u32,
}

impl Range {
    /// Whether `value` is accepted.
    pub fn contains(self, value: u32) -> bool {
        (self.min..=self.max).contains(&value)
    }

    /// `value` brought into the range.
    pub fn clamp(self, value: u32) -> u32 {
        value.clamp(self.min, self.max)
    }
}

/// `codeLength`: symbols in a generated code (a dash not counted).
pub const CODE_LENGTH: Range = Range {
    min: 3,
    max: 10,
    default: 4,
};

/// `codeValidity`: seconds a code stays valid.
pub const CODE_VALIDITY: Range = Range {
    min: 30,
    max: 7200,
    default: 300,
};

/// `resendingInterval`: the least seconds between two sends to one
/// destination (a sooner start is refused with [`Reason::ResendTooSoon`](super::Reason::ResendTooSoon)).
pub const RESENDING_INTERVAL: Range = Range {
    min: 10,
    max: 7200,
    default: 10,
};

/// The code a person types, in characters (a dash not counted): as long as
/// any code 8x8 generates. It has no default: a code check without a code
/// reads the status.
pub const TYPED_CODE_LENGTH: Range = Range {
    min: CODE_LENGTH.min,
    max: CODE_LENGTH.max,
    default: CODE_LENGTH.default,
};

/// Wrong codes a session takes: the last one turns it `FAILED`, for good.
pub const MAX_ATTEMPTS: u8 = 5;

/// Wrong codes the session still takes after `attempt` wrong ones.
///
/// ```
/// use verify8x8::contract::limits::attempts_left;
/// assert_eq!(attempts_left(0), 5);
/// assert_eq!(attempts_left(7), 0);
/// ```
pub fn attempts_left(attempt: u8) -> u8 {
    MAX_ATTEMPTS.saturating_sub(attempt)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn defaults_lie_in_their_ranges() {
        for range in [
            CODE_LENGTH,
            CODE_VALIDITY,
            RESENDING_INTERVAL,
            TYPED_CODE_LENGTH,
        ] {
            assert!(range.min <= range.max, "{range:?}");
            assert!(range.contains(range.default), "{range:?}");
        }
        assert_eq!(CODE_LENGTH.clamp(0), 3);
        assert!(!RESENDING_INTERVAL.contains(9));
    }
}
