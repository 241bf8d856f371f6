//! One-time codes: generated for each `codeType` and length from the OS's
//! cryptographic RNG, and compared the way API.md §12 decides.

use crate::random;

/// The character set of a code (8x8's `codeType`; unset means numeric).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum CodeKind {
    /// Digits.
    Numeric,
    /// Digits with one dash after floor(n/2) digits (none when n = 3).
    NumericWithDash,
    /// Letters of both cases and digits; compared exactly.
    Alphanumeric,
    /// Capital letters and digits; compared case-insensitively.
    AlphanumericCapitals,
    /// Capitals and digits without I, O, Q, S, Z; compared case-insensitively.
    AlphanumericEasy,
}

const DIGITS: &[u8] = b"0123456789";
const ALNUM: &[u8] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";
const CAPITALS: &[u8] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789";
const EASY: &[u8] = b"ABCDEFGHJKLMNPRTUVWXY0123456789";

impl CodeKind {
    fn alphabet(self) -> &'static [u8] {
        match self {
            Self::Numeric | Self::NumericWithDash => DIGITS,
            Self::Alphanumeric => ALNUM,
            Self::AlphanumericCapitals => CAPITALS,
            Self::AlphanumericEasy => EASY,
        }
    }
}

/// A fresh code of `length` symbols (the dash of `NumericWithDash` is extra).
pub(crate) fn generate(kind: CodeKind, length: u8) -> String {
    let alphabet = kind.alphabet();
    let n = usize::from(length.clamp(1, 10));
    let mut code = String::with_capacity(n + 1);
    let dash_at = (kind == CodeKind::NumericWithDash && n > 3).then_some(n / 2);
    for i in 0..n {
        if dash_at == Some(i) {
            code.push('-');
        }
        code.push(char::from(alphabet[random::below(alphabet.len())]));
    }
    code
}

/// Whether `submitted` matches the session's `code`.
pub(crate) fn matches(kind: CodeKind, code: &str, submitted: &str) -> bool {
    match kind {
        CodeKind::Numeric | CodeKind::Alphanumeric => code == submitted,
        CodeKind::NumericWithDash => {
            submitted == code || submitted == code.replace('-', "").as_str()
        }
        CodeKind::AlphanumericCapitals | CodeKind::AlphanumericEasy => {
            code.eq_ignore_ascii_case(submitted)
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dash_sits_after_half_the_digits() {
        for (n, at) in [(4, 2), (5, 2), (6, 3), (7, 3), (10, 5)] {
            let code = generate(CodeKind::NumericWithDash, n);
            assert_eq!(code.len(), usize::from(n) + 1, "{code}");
            assert_eq!(code.find('-'), Some(at), "{code}");
        }
        assert!(!generate(CodeKind::NumericWithDash, 3).contains('-'));
    }

    #[test]
    fn easy_alphabet_has_no_confusable_letters() {
        for _ in 0..200 {
            let code = generate(CodeKind::AlphanumericEasy, 10);
            assert!(!code.contains(['I', 'O', 'Q', 'S', 'Z']), "{code}");
        }
    }

    #[test]
    fn comparison_rules() {
        assert!(matches(CodeKind::NumericWithDash, "123-456", "123456"));
        assert!(matches(CodeKind::NumericWithDash, "123-456", "123-456"));
        assert!(!matches(CodeKind::NumericWithDash, "123-456", "12-3456"));
        assert!(matches(CodeKind::AlphanumericCapitals, "AB12", "ab12"));
        assert!(!matches(CodeKind::Alphanumeric, "aB12", "ab12"));
        assert!(!matches(CodeKind::Numeric, "1234", "1235"));
    }
}
