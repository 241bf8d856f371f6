//! Reading fields out of a JSON object: types checked, unknown and duplicate
//! fields reported, `null` read as absent.

use crate::json::number::display;
use crate::json::Value;

use super::report::{join, length, Report};
use super::violation::{Limit, Violation, ViolationCode as Code};

/// The members of `value` if it is an object; else a `wrong_type` error at
/// `path` ("the request" at the root).
pub(crate) fn object<'a>(
    report: &mut Report,
    path: &str,
    value: &'a Value,
) -> Option<&'a [(String, Value)]> {
    let found = value.as_object();
    if found.is_none() {
        let what = if path.is_empty() { "the request" } else { path };
        report.error(Violation::new(
            path,
            Code::WrongType,
            format!("{what} must be an object (got {})", value.type_name()),
        ));
    }
    found
}

/// Reports every member of `members` not in `known` (`unknown_field`, with
/// a suggestion when only the case differs) and every name given twice.
/// `legacy` names are known mistakes reported as warnings instead, with
/// their advice.
pub(crate) fn check_names(
    report: &mut Report,
    prefix: &str,
    members: &[(String, Value)],
    known: &[&str],
    legacy: &[(&str, &str)],
) {
    for (i, (name, _)) in members.iter().enumerate() {
        let path = join(prefix, name);
        if members[..i].iter().any(|(earlier, _)| earlier == name) {
            report.error(Violation::new(
                &path,
                Code::DuplicateField,
                format!("{path} is given more than once"),
            ));
            continue;
        }
        if known.contains(&name.as_str()) {
            continue;
        }
        if let Some((_, advice)) = legacy.iter().find(|(old, _)| old == name) {
            report.warn(Violation::new(
                &path,
                Code::UnknownField,
                format!("{path} is not a field of this request and is ignored: {advice}"),
            ));
            continue;
        }
        let hint = known
            .iter()
            .find(|k| k.eq_ignore_ascii_case(name))
            .map(|k| format!(" (did you mean {}?)", join(prefix, k)))
            .unwrap_or_default();
        report.error(
            Violation::new(
                &path,
                Code::UnknownField,
                format!("{path} is not a field of this request{hint}"),
            )
            .with_limit(Limit::OneOf {
                values: known.iter().map(|k| (*k).to_owned()).collect(),
            }),
        );
    }
}

/// The value of field `name`; `null` counts as absent (as JavaScript's
/// `undefined`, and as 8x8 reads it).
pub(crate) fn get<'a>(members: &'a [(String, Value)], name: &str) -> Option<&'a Value> {
    members
        .iter()
        .find(|(key, _)| key == name)
        .map(|(_, value)| value)
        .filter(|value| !value.is_null())
}

fn wrong_type(report: &mut Report, path: &str, expected: &str, value: &Value) {
    report.error(Violation::new(
        path,
        Code::WrongType,
        format!("{path} must be {expected} (got {})", value.type_name()),
    ));
}

/// A string field; `wrong_type` if it is something else.
pub(crate) fn string<'a>(report: &mut Report, path: &str, value: &'a Value) -> Option<&'a str> {
    let found = value.as_str();
    if found.is_none() {
        wrong_type(report, path, "a string", value);
    }
    found
}

/// A boolean field; `wrong_type` if it is something else.
pub(crate) fn boolean(report: &mut Report, path: &str, value: &Value) -> Option<bool> {
    let found = value.as_bool();
    if found.is_none() {
        wrong_type(report, path, "a boolean", value);
    }
    found
}

/// A number in `min..=max`: `wrong_type` if not a number, `out_of_range`
/// outside the range.
pub(crate) fn number(
    report: &mut Report,
    path: &str,
    value: &Value,
    min: f64,
    max: f64,
) -> Option<f64> {
    let Some(n) = value.as_f64() else {
        wrong_type(report, path, "a number", value);
        return None;
    };
    if !n.is_finite() {
        // Only JavaScript can send these (JSON has no NaN or Infinity).
        report.error(Violation::new(
            path,
            Code::WrongType,
            format!("{path} must be a finite number (got {})", display(n)),
        ));
        return None;
    }
    if !(min..=max).contains(&n) {
        report.error(
            Violation::new(
                path,
                Code::OutOfRange,
                format!(
                    "{path} must be between {} and {} (got {})",
                    display(min),
                    display(max),
                    display(n)
                ),
            )
            .with_limit(Limit::Range { min, max }),
        );
        return None;
    }
    Some(n)
}

/// An integer in `min..=max`: `wrong_type` if not a whole number,
/// `out_of_range` outside the range.
pub(crate) fn integer(
    report: &mut Report,
    path: &str,
    value: &Value,
    min: u32,
    max: u32,
) -> Option<u32> {
    if let Some(n) = value.as_f64().filter(|n| n.is_finite()) {
        if n.fract() != 0.0 {
            report.error(Violation::new(
                path,
                Code::WrongType,
                format!("{path} must be a whole number (got {})", display(n)),
            ));
            return None;
        }
    }
    let n = number(report, path, value, f64::from(min), f64::from(max))?;
    // In range and whole, so the cast is exact.
    Some(n as u32)
}

/// Checks that `s` has `min..=max` characters (UTF-16 units, as JavaScript
/// and 8x8 count): `too_short` / `too_long` otherwise.
pub(crate) fn check_length(report: &mut Report, path: &str, s: &str, min: u32, max: u32) -> bool {
    let n = length(s);
    let limit = Limit::Length { min, max };
    if n < min as usize {
        let message = if min == 1 {
            format!("{path} must not be empty")
        } else {
            format!("{path} must have at least {min} characters (got {n})")
        };
        report.error(Violation::new(path, Code::TooShort, message).with_limit(limit));
        false
    } else if n > max as usize {
        report.error(
            Violation::new(
                path,
                Code::TooLong,
                format!("{path} must have at most {max} characters (got {n})"),
            )
            .with_limit(limit),
        );
        false
    } else {
        true
    }
}

/// One of the `allowed` names (exactly, case-sensitive): `not_one_of`
/// otherwise, listing them.
pub(crate) fn one_of<T>(
    report: &mut Report,
    path: &str,
    s: &str,
    allowed: &[&str],
    from_name: impl Fn(&str) -> Option<T>,
) -> Option<T> {
    let found = from_name(s);
    if found.is_none() {
        let hint = allowed
            .iter()
            .find(|a| a.eq_ignore_ascii_case(s))
            .map(|a| format!(" (values are case-sensitive: did you mean {a:?}?)"))
            .unwrap_or_default();
        let list = if allowed.len() <= 8 {
            format!(": {}", allowed.join(", "))
        } else {
            String::new()
        };
        report.error(
            Violation::new(
                path,
                Code::NotOneOf,
                format!("{path} must be one of the allowed values{list} (got {s:?}){hint}"),
            )
            .with_limit(Limit::OneOf {
                values: allowed.iter().map(|a| (*a).to_owned()).collect(),
            }),
        );
    }
    found
}

/// Checks that `s` is not empty: `too_short` otherwise.
pub(crate) fn non_empty(report: &mut Report, path: &str, s: &str) -> bool {
    if s.is_empty() {
        report.error(Violation::new(
            path,
            Code::TooShort,
            format!("{path} must not be empty"),
        ));
    }
    !s.is_empty()
}
