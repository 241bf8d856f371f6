//! Prefixes before the national number: international call prefixes (`00`,
//! `011`, ...), calling codes typed without `+`, and national (trunk)
//! prefixes with their transform rules (Argentina's `0 11 15` → `9 11`,
//! Russia's `8`, Hungary's `06`, the NANPA islands' seven-digit local
//! numbers). The logic of libphonenumber-js `extractNationalNumber`,
//! `stripIddPrefix` and
//! `extractCountryCallingCodeFromInternationalNumberWithoutPlusSign`.

use alloc::vec::Vec;

use alloc::borrow::Cow;

use super::classify::{check_length, plan_for_number};
use super::matcher::Captures;
use super::metadata::{Metadata, Plan};
use super::Invalid;

/// `rule` with `$n` (bytes 1 to 9) replaced by capture group n of `digits`.
pub(crate) fn substitute(rule: &[u8], digits: &[u8], caps: &Captures, out: &mut Vec<u8>) {
    for &b in rule {
        if (1..=9).contains(&b) {
            if let Some(Some((start, end))) = caps.get(usize::from(b - 1)) {
                out.extend_from_slice(&digits[*start..*end]);
            }
        } else {
            out.push(b);
        }
    }
}

/// Strips a national prefix (and carrier code) as the plan's
/// `national_prefix_for_parsing` and transform rule say. Returns the digits
/// unchanged when the pattern does not match.
pub(crate) fn strip_national_prefix<'d>(
    meta: &Metadata,
    plan: &Plan,
    digits: &'d [u8],
) -> Cow<'d, [u8]> {
    let code = plan.prefix_for_parsing();
    if digits.is_empty() || code.is_empty() {
        return Cow::Borrowed(digits);
    }
    let matcher = meta.matcher();
    let Some((end, caps)) = matcher.exec(code, digits) else {
        return Cow::Borrowed(digits);
    };
    let groups = super::matcher::capture_count(code);
    // JavaScript: `prefixMatch[groups]` is truthy (defined and non-empty).
    let last_captured = groups > 0 && caps[groups - 1].is_some_and(|(s, e)| e > s);
    if plan.transform.is_empty() || !last_captured {
        return Cow::Borrowed(&digits[end..]);
    }
    let mut out = Vec::with_capacity(digits.len() + 4);
    substitute(plan.transform, digits, &caps, &mut out);
    out.extend_from_slice(&digits[end..]);
    Cow::Owned(out)
}

/// The national significant number of `digits` under `plan`: the national
/// prefix stripped only if the result still looks right.
pub(crate) fn national_number<'d>(meta: &Metadata, plan: &Plan, digits: &'d [u8]) -> Cow<'d, [u8]> {
    let stripped = strip_national_prefix(meta, plan, digits);
    if *stripped == *digits {
        return stripped;
    }
    let matcher = meta.matcher();
    if matcher.full(plan.national, digits) && !matcher.full(plan.national, &stripped) {
        return Cow::Borrowed(digits);
    }
    if plan.lengths != 0 {
        let judge = plan_for_number(meta, plan.calling_code, &stripped).unwrap_or(plan);
        if matches!(
            check_length(judge, stripped.len()),
            Some(Invalid::TooShort | Invalid::InvalidLength)
        ) {
            return Cow::Borrowed(digits);
        }
    }
    stripped
}

/// `digits` without the plan's international call prefix, if it starts
/// with one (and what follows does not start with 0).
pub(crate) fn strip_international_prefix<'d>(
    meta: &Metadata,
    plan: &Plan,
    digits: &'d [u8],
) -> Option<&'d [u8]> {
    let (end, _) = meta.matcher().exec(plan.idd, digits)?;
    let rest = &digits[end..];
    (!rest.is_empty() && end > 0 && rest[0] != b'0').then_some(rest)
}

/// A calling code typed without `+` or international prefix in front of a
/// national number of the default region's own calling code, e.g. `49 30
/// 1234567` with region DE: the rest of the digits when the code should be
/// taken off.
pub(crate) fn strip_own_calling_code<'d>(
    meta: &Metadata,
    plan: &Plan,
    digits: &'d [u8],
) -> Option<&'d [u8]> {
    let mut code = [0; 5];
    let shorter = digits.strip_prefix(super::decimal(&mut code, plan.calling_code))?;
    let matcher = meta.matcher();
    let short_national = national_number(meta, plan, shorter);
    let full_national = national_number(meta, plan, digits);
    let take = (!matcher.full(plan.national, &full_national)
        && matcher.full(plan.national, &short_national))
        || check_length(plan, full_national.len()) == Some(Invalid::TooLong);
    take.then_some(shorter)
}
