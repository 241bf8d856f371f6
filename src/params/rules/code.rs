//! `code`, the code a person typed: 3 to 10 characters, letters, digits and
//! a dash (which `codeLength` does not count, so it is not counted here).

use crate::params::violation::{Limit, Violation, ViolationCode as Code};

use crate::contract::limits::TYPED_CODE_LENGTH;

/// Fewest characters of a code.
pub const CODE_MIN_LEN: u32 = TYPED_CODE_LENGTH.min;
/// Most characters of a code (a dash not counted).
pub const CODE_MAX_LEN: u32 = TYPED_CODE_LENGTH.max;

/// The violation of `code` at `path`, if any.
pub(crate) fn check(path: &str, code: &str) -> Option<Violation> {
    if !code.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'-') {
        return Some(Violation::new(
            path,
            Code::Pattern,
            format!("{path} may hold only ASCII letters, digits and '-' (got {code:?})"),
        ));
    }
    let n = code.bytes().filter(|&b| b != b'-').count();
    let limit = Limit::Length {
        min: CODE_MIN_LEN,
        max: CODE_MAX_LEN,
    };
    if n < CODE_MIN_LEN as usize {
        Some(
            Violation::new(
                path,
                Code::TooShort,
                format!("{path} must have at least {CODE_MIN_LEN} characters (got {n})"),
            )
            .with_limit(limit),
        )
    } else if n > CODE_MAX_LEN as usize {
        Some(
            Violation::new(
                path,
                Code::TooLong,
                format!("{path} must have at most {CODE_MAX_LEN} characters, a dash not counted (got {n})"),
            )
            .with_limit(limit),
        )
    } else {
        None
    }
}
