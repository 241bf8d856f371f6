//! From typed text to a classified number: the steps of libphonenumber-js
//! `parse()` (v2), plus 8x8's reading of international numbers typed without
//! `+` when no region is given.

use alloc::string::String;

use super::classify::{check_length, number_type, plan_for_number};
use super::input::{extract, Extracted};
use super::metadata::{Metadata, Plan};
use super::national_prefix::{national_number, strip_international_prefix, strip_own_calling_code};
use super::{Invalid, ParseError, PhoneNumber, Region};

/// Shortest national number libphonenumber accepts.
const MIN_NATIONAL_LEN: usize = 2;
/// Longest national number libphonenumber accepts.
const MAX_NATIONAL_LEN: usize = 17;

/// International call prefixes recognized when no region is given, longest
/// first.
const COMMON_INTERNATIONAL_PREFIXES: [&[u8]; 2] = [b"011", b"00"];

/// Parses what a person typed; see [`super::parse`].
pub(crate) fn parse(input: &str, default_region: Option<&str>) -> Result<PhoneNumber, ParseError> {
    let meta = Metadata::get();
    if !meta.is_loaded() {
        return Err(ParseError::new(
            Invalid::UnsupportedCountry,
            "no phone metadata loaded",
        ));
    }
    let default = match default_region.map(str::trim) {
        None | Some("") => None,
        Some(code) => Some(
            code.parse::<Region>()
                .ok()
                .and_then(|r| meta.region(r))
                .ok_or(ParseError::new(Invalid::InvalidCountry, "unknown country"))?,
        ),
    };
    let Extracted { number, extension } = extract(input).map_err(ParseError::from_reason)?;
    let number = number.as_bytes();

    // The calling code, if the number carries one, and the digits after it.
    let (calling_code, rest): (Option<u16>, &[u8]) = match number.strip_prefix(b"+") {
        Some(international) => {
            let (code, rest) = calling_code_of(meta, international)?;
            (Some(code), rest)
        }
        None => match default {
            Some(plan) => match strip_international_prefix(meta, plan, number) {
                Some(international) => {
                    let (code, rest) = calling_code_of(meta, international)?;
                    (Some(code), rest)
                }
                None => match strip_own_calling_code(meta, plan, number) {
                    Some(rest) => (Some(plan.calling_code), rest),
                    None => (None, number),
                },
            },
            None => {
                // 8x8: without a country, a number is international, with or
                // without `+`, `00` or `011` in front.
                let international = COMMON_INTERNATIONAL_PREFIXES
                    .iter()
                    .find_map(|p| {
                        number
                            .strip_prefix(*p)
                            .filter(|r| r.first().is_some_and(|&d| d != b'0'))
                    })
                    .unwrap_or(number);
                let (code, rest) = calling_code_of(meta, international)?;
                (Some(code), rest)
            }
        },
    };

    // The plan that parses the national part: the default region's for a
    // national number, else the main region of the calling code.
    let (mut plan, mut region): (&Plan, Option<Region>) = match (calling_code, default) {
        (Some(code), _) => match meta.calling_code(code).first() {
            Some(main) => (main, None),
            None => {
                return Err(ParseError::new(
                    Invalid::InvalidCountry,
                    "unknown calling code",
                ))
            }
        },
        (None, Some(plan)) => (plan, plan.region),
        (None, None) => return Err(ParseError::new(Invalid::InvalidCountry, "no country")),
    };
    // A trimmed build keeps or drops a shared calling code whole, so the
    // main plan speaks for every region of the code. (A default region left
    // out answers only here: a number typed with `+` does not need it.)
    supported(plan)?;
    let calling_code = plan.calling_code;
    if rest.is_empty() {
        return Err(ParseError::new(
            Invalid::TooShort,
            "no digits after the calling code",
        ));
    }
    let national = national_number(meta, plan, rest);
    if let Some(exact) = plan_for_number(meta, calling_code, &national) {
        plan = exact;
        region = exact.region;
    }
    if national.len() < MIN_NATIONAL_LEN {
        return Err(ParseError::new(
            Invalid::TooShort,
            "national number shorter than 2 digits",
        ));
    }
    if national.len() > MAX_NATIONAL_LEN {
        return Err(ParseError::new(
            Invalid::TooLong,
            "national number longer than 17 digits",
        ));
    }
    Ok(classify(
        meta,
        plan,
        calling_code,
        region,
        &national,
        extension,
    ))
}

/// `plan`, unless this build leaves its rules out (trimmed metadata).
fn supported(plan: &Plan) -> Result<&Plan, ParseError> {
    if plan.is_stub() {
        Err(ParseError::from_reason(Invalid::UnsupportedCountry))
    } else {
        Ok(plan)
    }
}

/// The calling code at the start of `digits` (1 to 3 digits, never starting
/// with 0) and the digits after it.
fn calling_code_of<'d>(meta: &Metadata, digits: &'d [u8]) -> Result<(u16, &'d [u8]), ParseError> {
    if digits.first() != Some(&b'0') {
        for len in 1..=3.min(digits.len()) {
            let code = digits[..len]
                .iter()
                .fold(0u16, |acc, &d| acc * 10 + u16::from(d - b'0'));
            if !meta.calling_code(code).is_empty() {
                return Ok((code, &digits[len..]));
            }
        }
    }
    Err(ParseError::new(
        Invalid::InvalidCountry,
        "unknown calling code",
    ))
}

/// Builds the result: validity, type, possible length, reason.
pub(crate) fn classify(
    meta: &Metadata,
    plan: &Plan,
    calling_code: u16,
    region: Option<Region>,
    national: &[u8],
    extension: Option<String>,
) -> PhoneNumber {
    // Validity is judged by the region's plan, or by the main plan of the
    // calling code when the region is unknown.
    let judge = match region {
        Some(_) => plan,
        None => meta.calling_code(calling_code).first().unwrap_or(plan),
    };
    let number_type = number_type(meta, judge, national);
    let valid = if judge.has_types() {
        number_type.is_some()
    } else {
        meta.matcher().full(judge.national, national)
    };
    let length = check_length(judge, national.len());
    let national_number = super::ascii(national);
    PhoneNumber {
        e164: {
            let mut e164 = String::with_capacity(national_number.len() + 4);
            e164.push('+');
            super::push_decimal(&mut e164, calling_code);
            e164.push_str(&national_number);
            e164
        },
        country_calling_code: calling_code,
        national_number,
        extension,
        region,
        number_type: if valid { number_type } else { None },
        possible: length.is_none(),
        valid,
        reason: if valid {
            None
        } else {
            Some(length.unwrap_or(Invalid::NotValidForRegion))
        },
    }
}
