//! Verdicts on a national number under a plan: its type, whether its length
//! is possible, and which region of a shared calling code it belongs to
//! (libphonenumber-js `getNumberType`, `checkNumberLength`,
//! `getCountryByCallingCode`).

use super::matcher::Input;
use super::metadata::{Metadata, Plan};
use super::{Invalid, NumberType};

/// Type indices in metadata order.
const FIXED_LINE: usize = 0;
const MOBILE: usize = 1;

/// The types other than fixed line, in the order libphonenumber-js tries
/// them, with their metadata index.
const OTHER_TYPES: [(usize, NumberType); 9] = [
    (MOBILE, NumberType::Mobile),
    (3, NumberType::PremiumRate),
    (2, NumberType::TollFree),
    (9, NumberType::SharedCost),
    (8, NumberType::Voip),
    (4, NumberType::PersonalNumber),
    (7, NumberType::Pager),
    (6, NumberType::Uan),
    (5, NumberType::Voicemail),
];

/// Whether a length (in digits) is among a plan's length bits.
fn has_length(lengths: u32, len: usize) -> bool {
    len < 32 && lengths & (1 << len) != 0
}

fn is_type(meta: &Metadata, plan: &Plan, index: usize, national: &Input) -> bool {
    let Some(def) = plan.types[index] else {
        return false;
    };
    if def.pattern.is_empty() {
        return false;
    }
    let lengths = if def.lengths != 0 {
        def.lengths
    } else {
        plan.lengths
    };
    (lengths == 0 || has_length(lengths, national.digit_count()))
        && def.first_digits & national.first_digit() != 0
        && meta.matcher().full_input(def.pattern, national)
}

/// The type of a national number, `None` if it is not valid in the plan.
pub(crate) fn number_type(meta: &Metadata, plan: &Plan, national: &[u8]) -> Option<NumberType> {
    let national = &Input::new(national)?;
    if !meta.matcher().full_input(plan.national, national) {
        return None;
    }
    if is_type(meta, plan, FIXED_LINE, national) {
        let mobile_known = plan.types[MOBILE].is_some_and(|m| !m.pattern.is_empty());
        if !mobile_known || is_type(meta, plan, MOBILE, national) {
            return Some(NumberType::FixedLineOrMobile);
        }
        return Some(NumberType::FixedLine);
    }
    OTHER_TYPES
        .iter()
        .find(|(index, _)| is_type(meta, plan, *index, national))
        .map(|&(_, t)| t)
}

/// How a length compares with a plan's possible lengths: `None` when it is
/// possible.
pub(crate) fn check_length(plan: &Plan, len: usize) -> Option<Invalid> {
    let lengths = plan.lengths;
    if lengths == 0 {
        return None;
    }
    let min = lengths.trailing_zeros() as usize;
    let max = 31 - lengths.leading_zeros() as usize;
    if len < min {
        Some(Invalid::TooShort)
    } else if len > max {
        Some(Invalid::TooLong)
    } else if has_length(lengths, len) {
        None
    } else {
        Some(Invalid::InvalidLength)
    }
}

/// The region a national number belongs to among those sharing a calling
/// code: the only one, else the first whose leading digits or type patterns
/// match. `None` for non-geographic codes and when no region matches.
pub(crate) fn plan_for_number<'m>(
    meta: &'m Metadata,
    calling_code: u16,
    national: &[u8],
) -> Option<&'m Plan> {
    let plans = meta.calling_code(calling_code);
    match plans {
        [] => None,
        [only] => only.region.map(|_| only),
        _ => plans.iter().find(|plan| {
            if plan.leading_digits.is_empty() {
                number_type(meta, plan, national).is_some()
            } else {
                !national.is_empty() && meta.matcher().prefix(plan.leading_digits, national)
            }
        }),
    }
}
