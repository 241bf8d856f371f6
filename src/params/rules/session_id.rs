//! `sessionId`: a path segment, so URL-safe characters only.

use crate::params::violation::{Violation, ViolationCode as Code};

/// The violation of `id` at `path`, if any: it must not be empty and may
/// hold only ASCII letters, digits, `-`, `_`, `.` and `~` (the characters a
/// URL path segment carries unencoded; 8x8's ids are hex or GUIDs).
pub(crate) fn check(path: &str, id: &str) -> Option<Violation> {
    if id.is_empty() {
        return Some(Violation::new(
            path,
            Code::Required,
            format!("{path} must not be empty"),
        ));
    }
    (!id.bytes()
        .all(|b| b.is_ascii_alphanumeric() || matches!(b, b'-' | b'_' | b'.' | b'~'))
        || id == "."
        || id == "..")
        .then(|| {
            Violation::new(
                path,
                Code::Pattern,
                format!("{path} may hold only ASCII letters, digits, '-', '_', '.' and '~' (got {id:?})"),
            )
        })
}
