//! One-time codes: generated for each `codeType` (the core's
//! `verify8x8::params::CodeType`, which also knows the alphabets and how a
//! code is compared) and length, from the OS's cryptographic RNG.

use verify8x8::contract::limits::CODE_LENGTH;
use verify8x8::params::CodeType;

use crate::random;

/// A fresh code of `length` symbols (the dash of `NumericWithDash` is extra).
pub(crate) fn generate(kind: CodeType, length: u8) -> String {
    let alphabet = kind.alphabet();
    let n = CODE_LENGTH.clamp(u32::from(length)) as usize;
    let mut code = String::with_capacity(n + 1);
    let dash_at = kind.dash_at(n);
    for i in 0..n {
        if dash_at == Some(i) {
            code.push('-');
        }
        code.push(char::from(alphabet[random::below(alphabet.len())]));
    }
    code
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dash_sits_after_half_the_digits() {
        for (n, at) in [(4, 2), (5, 2), (6, 3), (7, 3), (10, 5)] {
            let code = generate(CodeType::NumericWithDash, n);
            assert_eq!(code.len(), usize::from(n) + 1, "{code}");
            assert_eq!(code.find('-'), Some(at), "{code}");
        }
        assert!(!generate(CodeType::NumericWithDash, 3).contains('-'));
    }

    #[test]
    fn easy_alphabet_has_no_confusable_letters() {
        for _ in 0..200 {
            let code = generate(CodeType::AlphanumericEasy, 10);
            assert!(!code.contains(['I', 'O', 'Q', 'S', 'Z']), "{code}");
        }
    }

    #[test]
    fn lengths_are_kept_in_8x8s_range() {
        assert_eq!(generate(CodeType::Numeric, 0).len(), 3);
        assert_eq!(generate(CodeType::Numeric, 200).len(), 10);
    }
}
