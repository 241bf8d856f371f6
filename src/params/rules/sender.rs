//! `sms.source`, the SMS sender id: alphanumeric (at most 11 ASCII letters,
//! digits and spaces) or numeric (at most 16 characters: digits, with an
//! optional leading `+`).

use crate::params::report::length;
use crate::params::violation::{Limit, Violation, ViolationCode as Code};

/// Longest alphanumeric sender id.
pub const ALPHANUMERIC_SENDER_MAX: u32 = 11;
/// Longest numeric sender id (the `+` included).
pub const NUMERIC_SENDER_MAX: u32 = 16;

/// The violation of `source` at `path`, if any.
pub(crate) fn check(path: &str, source: &str) -> Option<Violation> {
    let digits = source.strip_prefix('+').unwrap_or(source);
    let numeric = !digits.is_empty() && digits.bytes().all(|b| b.is_ascii_digit());
    let n = length(source);
    if source.is_empty() {
        return Some(
            Violation::new(path, Code::TooShort, format!("{path} must not be empty")).with_limit(
                Limit::Length {
                    min: 1,
                    max: NUMERIC_SENDER_MAX,
                },
            ),
        );
    }
    if numeric {
        return (n > NUMERIC_SENDER_MAX as usize).then(|| {
            Violation::new(
                path,
                Code::TooLong,
                format!("{path}: a numeric sender id has at most {NUMERIC_SENDER_MAX} characters (got {n})"),
            )
            .with_limit(Limit::Length { min: 1, max: NUMERIC_SENDER_MAX })
        });
    }
    if !source
        .bytes()
        .all(|b| b.is_ascii_alphanumeric() || b == b' ')
    {
        return Some(Violation::new(
            path,
            Code::Pattern,
            format!(
                "{path} must be ASCII letters, digits and spaces (at most {ALPHANUMERIC_SENDER_MAX}), \
                 or digits with an optional leading + (at most {NUMERIC_SENDER_MAX})"
            ),
        ));
    }
    (n > ALPHANUMERIC_SENDER_MAX as usize).then(|| {
        Violation::new(
            path,
            Code::TooLong,
            format!("{path}: an alphanumeric sender id has at most {ALPHANUMERIC_SENDER_MAX} characters (got {n})"),
        )
        .with_limit(Limit::Length { min: 1, max: ALPHANUMERIC_SENDER_MAX })
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn code(s: &str) -> Option<&'static str> {
        check("sms.source", s).map(|v| v.code.as_str())
    }

    #[test]
    fn alphanumeric_up_to_11() {
        assert_eq!(code("ABC"), None);
        assert_eq!(code("My Brand 01"), None);
        assert_eq!(code("My Brand 012"), Some("too_long"));
    }

    #[test]
    fn numeric_up_to_16_with_optional_plus() {
        assert_eq!(code("+123456789012345"), None);
        assert_eq!(code("1234567890123456"), None);
        assert_eq!(code("12345678901234567"), Some("too_long"));
        assert_eq!(code("+1234567890123456"), Some("too_long"));
    }

    #[test]
    fn other_characters_are_a_pattern_error() {
        assert_eq!(code("Brand!"), Some("pattern"));
        assert_eq!(code("Café"), Some("pattern"));
        assert_eq!(code("+ABC"), Some("pattern"));
        assert_eq!(code("+"), Some("pattern"));
        assert_eq!(code(""), Some("too_short"));
    }
}
