//! The `subAccountId` path parameter, shared by all three endpoints.

use super::violation::{Limit, Violation, ViolationCode};

/// Shortest `subAccountId` 8x8 accepts.
pub const SUB_ACCOUNT_ID_MIN_LEN: usize = 3;
/// Longest `subAccountId` 8x8 accepts.
pub const SUB_ACCOUNT_ID_MAX_LEN: usize = 50;

/// Whether `id` is a well-formed 8x8 sub-account id: 3 to 50 characters, each
/// an ASCII letter or digit or one of `-`, `.`, `_`, `&`
/// (8x8's pattern `^[A-Za-z0-9\-._&]{3,50}$`).
///
/// ```
/// use verify8x8::params::is_valid_sub_account_id;
/// assert!(is_valid_sub_account_id("acme_corp_hq"));
/// assert!(!is_valid_sub_account_id("ac"));
/// assert!(!is_valid_sub_account_id("acme corp"));
/// ```
pub fn is_valid_sub_account_id(id: &str) -> bool {
    (SUB_ACCOUNT_ID_MIN_LEN..=SUB_ACCOUNT_ID_MAX_LEN).contains(&id.len())
        && id.bytes().all(is_sub_account_byte)
}

/// The violation of a malformed `subAccountId` at `path`, if any.
///
/// ```
/// use verify8x8::params::check_sub_account_id;
/// assert!(check_sub_account_id("subAccountId", "acme_corp_hq").is_none());
/// assert_eq!(check_sub_account_id("subAccountId", "ac").unwrap().code.as_str(), "pattern");
/// ```
pub fn check_sub_account_id(path: &str, id: &str) -> Option<Violation> {
    if is_valid_sub_account_id(id) {
        return None;
    }
    let violation = Violation::new(
        path,
        ViolationCode::Pattern,
        format!(
            "{path} must be {SUB_ACCOUNT_ID_MIN_LEN} to {SUB_ACCOUNT_ID_MAX_LEN} ASCII letters, digits, '-', '.', '_' or '&' (got {id:?})"
        ),
    );
    Some(violation.with_limit(Limit::Length {
        min: SUB_ACCOUNT_ID_MIN_LEN as u32,
        max: SUB_ACCOUNT_ID_MAX_LEN as u32,
    }))
}

fn is_sub_account_byte(b: u8) -> bool {
    b.is_ascii_alphanumeric() || matches!(b, b'-' | b'.' | b'_' | b'&')
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn accepts_every_allowed_character() {
        assert!(is_valid_sub_account_id("AZaz09-._&"));
        assert!(is_valid_sub_account_id("acme_corp_verif8"));
    }

    #[test]
    fn length_boundaries() {
        assert!(!is_valid_sub_account_id(""));
        assert!(!is_valid_sub_account_id("ab"));
        assert!(is_valid_sub_account_id("abc"));
        assert!(is_valid_sub_account_id(&"a".repeat(50)));
        assert!(!is_valid_sub_account_id(&"a".repeat(51)));
    }

    #[test]
    fn rejects_other_characters() {
        for bad in [
            "acme corp",
            "acme/corp",
            "acme+corp",
            "acmé",
            "acme\u{0}x",
            "a%2Fb",
        ] {
            assert!(!is_valid_sub_account_id(bad), "{bad:?}");
        }
    }

    #[test]
    fn length_counts_characters_not_bytes_of_non_ascii() {
        // 3 characters but 6 bytes: rejected for the character, not the length.
        assert!(!is_valid_sub_account_id("ééé"));
    }
}
