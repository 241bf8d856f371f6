//! Formatting a parsed number: E.164, international, national (the
//! `formats` of the metadata, as libphonenumber-js `format.js` applies them).

use alloc::{string::String, vec::Vec};

use super::matcher::Captures;
use super::metadata::{FormatDef, Metadata, Plan};
use super::national_prefix::substitute;
use super::{ParseError, PhoneNumber};

/// How to write a number.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Format {
    /// `+14155552671`
    E164,
    /// `+1 415 555 2671`
    International,
    /// `(415) 555-2671`: as dialled inside the country, trunk prefix
    /// included (`06 12 34 56 78` in France).
    National,
}

/// Formats an E.164 number (or anything [`super::parse`] reads without a
/// region).
///
/// ```
/// use verify8x8_phone::{format, Format};
/// assert_eq!(format("+33612345678", Format::National).unwrap(), "06 12 34 56 78");
/// assert_eq!(format("+33612345678", Format::International).unwrap(), "+33 6 12 34 56 78");
/// assert_eq!(format("+14155552671", Format::National).unwrap(), "(415) 555-2671");
/// ```
pub fn format(e164: &str, format: Format) -> Result<String, ParseError> {
    Ok(super::parse(e164, None)?.format(format))
}

impl PhoneNumber {
    /// This number written as `format` says, with its extension if any.
    pub fn format(&self, format: Format) -> String {
        let meta = Metadata::get();
        let plan = self
            .region
            .and_then(|r| meta.region(r))
            .or_else(|| meta.calling_code(self.country_calling_code).first());
        let Some(plan) = plan else {
            return self.e164.clone();
        };
        let national = self.national_number.as_bytes();
        let mut out = match format {
            Format::E164 => return self.e164.clone(),
            Format::National => national_format(meta, plan, national, false),
            Format::International => {
                let body = national_format(meta, plan, national, true);
                let mut out = String::from("+");
                super::push_decimal(&mut out, self.country_calling_code);
                out.push(' ');
                out.push_str(&body);
                out
            }
        };
        if let Some(ext) = &self.extension {
            let prefix = if plan.extension_prefix.is_empty() {
                " ext. "
            } else {
                core::str::from_utf8(plan.extension_prefix).unwrap_or(" ext. ")
            };
            out.push_str(prefix);
            out.push_str(ext);
        }
        out
    }
}

/// The first format whose leading digits and pattern fit the number.
pub(crate) fn choose_format<'m>(
    meta: &'m Metadata,
    plan: &'m Plan,
    national: &[u8],
) -> Option<&'m FormatDef> {
    let matcher = meta.matcher();
    meta.formats(plan).iter().find(|f| {
        (f.leading.is_empty() || matcher.prefix(f.leading, national))
            && matcher.full(f.pattern, national)
    })
}

/// The national number formatted (national or international style; the
/// international one without the calling code).
pub(crate) fn national_format(
    meta: &Metadata,
    plan: &Plan,
    national: &[u8],
    international: bool,
) -> String {
    let Some(def) = choose_format(meta, plan, national) else {
        return super::ascii(national);
    };
    let template = template(meta, plan, def, international);
    let text = apply(meta, def.pattern, &template, national);
    if international {
        international_spacing(&text)
    } else {
        text
    }
}

/// The replacement template of a format: national prefix rule folded in
/// for national style.
pub(crate) fn template(
    meta: &Metadata,
    plan: &Plan,
    def: &FormatDef,
    international: bool,
) -> Vec<u8> {
    if international {
        return if def.international.is_empty() {
            def.format.to_vec()
        } else {
            def.international.to_vec()
        };
    }
    let rule = if def.national_prefix_rule.is_empty() {
        meta.national_prefix_rule(plan)
    } else {
        def.national_prefix_rule
    };
    let mut out = Vec::with_capacity(def.format.len() + rule.len());
    match def.format.iter().position(|b| (1..=9).contains(b)) {
        Some(first) if !rule.is_empty() => {
            out.extend_from_slice(&def.format[..first]);
            out.extend_from_slice(rule);
            out.extend_from_slice(&def.format[first + 1..]);
        }
        _ => out.extend_from_slice(def.format),
    }
    out
}

/// `digits.replace(new RegExp(pattern), template)`.
pub(crate) fn apply(meta: &Metadata, pattern: &[u8], template: &[u8], digits: &[u8]) -> String {
    let (end, caps): (usize, Captures) = match meta.matcher().exec(pattern, digits) {
        Some(m) => m,
        None => return super::ascii(digits),
    };
    let mut out = Vec::with_capacity(template.len() + digits.len());
    substitute(template, digits, &caps, &mut out);
    out.extend_from_slice(&digits[end..]);
    super::ascii(&out)
}

/// Runs of punctuation become one space (libphonenumber's international
/// separator style).
fn international_spacing(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut gap = false;
    for c in text.chars() {
        if c.is_ascii_digit() || c == '+' {
            if gap && !out.is_empty() {
                out.push(' ');
            }
            gap = false;
            out.push(c);
        } else if matches!(c, '-' | '/' | '.' | ' ' | '(' | ')' | '[' | ']' | '~') {
            gap = true;
        } else {
            if gap && !out.is_empty() {
                out.push(' ');
            }
            gap = false;
            out.push(c);
        }
    }
    out
}
