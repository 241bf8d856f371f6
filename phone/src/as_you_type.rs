//! Formatting while a person types, caret included.
//!
//! Each call formats the whole text again (so pasting, deleting in the
//! middle and moving the caret all work), and puts the caret after the same
//! number of digits it followed before.

use alloc::{string::String, vec::Vec};

use super::format::{apply, template};
use super::input::{digit_value, digits_with_plus};
use super::metadata::{FormatDef, Metadata, Plan};
use super::{PhoneNumber, Region};

/// An as-you-type formatter for one input field.
///
/// ```
/// use verify8x8_phone::AsYouType;
///
/// let mut field = AsYouType::new(Some("US"));
/// assert_eq!(field.input("415555", 6), ("(415) 555".to_string(), 9));
/// assert_eq!(field.input("(415) 5552671", 13), ("(415) 555-2671".to_string(), 14));
/// // The caret stays after the same digits: here after "4155".
/// assert_eq!(field.input("4155552671", 4), ("(415) 555-2671".to_string(), 7));
/// ```
#[derive(Clone, Debug)]
pub struct AsYouType {
    region: Option<Region>,
    digits: String,
}

impl AsYouType {
    /// A formatter for numbers of `region` (national numbers get its
    /// format); without one, numbers must start with `+`.
    pub fn new(region: Option<&str>) -> AsYouType {
        AsYouType {
            region: region.and_then(|r| r.parse().ok()),
            digits: String::new(),
        }
    }

    /// Forgets the last input.
    pub fn reset(&mut self) {
        self.digits.clear();
    }

    /// The region this formatter was made for.
    pub fn region(&self) -> Option<Region> {
        self.region
    }

    /// Formats `text`; `caret` is the caret position in `text` in UTF-16
    /// code units (as `selectionStart` gives it). Returns the formatted text
    /// and the caret position in it.
    pub fn input(&mut self, text: &str, caret: usize) -> (String, usize) {
        let chars: Vec<char> = text.chars().collect();
        // Significant characters (digits and a leading +) before the caret.
        let mut units = 0;
        let mut before = 0;
        let mut seen_any = false;
        for &c in &chars {
            if units >= caret {
                break;
            }
            units += c.len_utf16();
            if digit_value(c).is_some() || ((c == '+' || c == '\u{FF0B}') && !seen_any) {
                before += 1;
                seen_any = true;
            }
        }
        self.digits = digits_with_plus(&chars);
        let formatted = self.format_digits();
        let caret = caret_after(&formatted, before);
        (formatted, caret)
    }

    /// The number typed so far, parsed (`None` if it is not a number yet).
    pub fn number(&self) -> Option<PhoneNumber> {
        super::parse(&self.digits, self.region.as_ref().map(Region::as_str)).ok()
    }

    fn format_digits(&self) -> String {
        let meta = Metadata::get();
        let digits = self.digits.as_bytes();
        if let Some(international) = digits.strip_prefix(b"+") {
            for len in 1..=3.min(international.len()) {
                let code: u16 = international[..len]
                    .iter()
                    .fold(0, |a, &d| a * 10 + u16::from(d - b'0'));
                if let Some(plan) = meta.calling_code(code).first() {
                    let rest = &international[len..];
                    let body = partial(meta, plan, rest, true).unwrap_or_else(|| to_string(rest));
                    let mut out = String::from("+");
                    super::push_decimal(&mut out, code);
                    if !rest.is_empty() {
                        out.push(' ');
                        out.push_str(&body);
                    }
                    return out;
                }
            }
            return self.digits.clone();
        }
        let Some(plan) = self.region.and_then(|r| meta.region(r)) else {
            return self.digits.clone();
        };
        // A national prefix typed in front ("0", "8", "1"): format the rest
        // with the national prefix rule.
        if !plan.national_prefix.is_empty() && digits.starts_with(plan.national_prefix) {
            let rest = &digits[plan.national_prefix.len()..];
            if let Some(text) = partial(meta, plan, rest, false) {
                return text;
            }
        }
        partial_plain(meta, plan, digits).unwrap_or_else(|| self.digits.clone())
    }
}

fn to_string(digits: &[u8]) -> String {
    super::ascii(digits)
}

/// The format an incomplete national number will likely take.
fn likely_format<'m>(meta: &'m Metadata, plan: &'m Plan, national: &[u8]) -> Option<&'m FormatDef> {
    let m = meta.matcher();
    meta.formats(plan).iter().find(|f| {
        (f.leading.is_empty()
            || m.prefix(f.leading, national)
            || m.could_complete(f.leading, national))
            && m.could_complete(f.pattern, national)
    })
}

/// Formats an incomplete national number (with the national prefix rule
/// when `international` is false).
fn partial(meta: &Metadata, plan: &Plan, national: &[u8], international: bool) -> Option<String> {
    if national.is_empty() {
        return Some(if international {
            String::new()
        } else {
            to_string(plan.national_prefix)
        });
    }
    let def = likely_format(meta, plan, national)?;
    let template = template(meta, plan, def, international);
    if meta.matcher().full(def.pattern, national) {
        let text = apply(meta, def.pattern, &template, national);
        return Some(if international { space(&text) } else { text });
    }
    let text = fill(
        &template,
        &meta.matcher().group_max_lengths(def.pattern),
        national,
    )?;
    Some(if international { space(&text) } else { text })
}

/// A national number typed without its national prefix: the format without
/// the prefix rule.
fn partial_plain(meta: &Metadata, plan: &Plan, national: &[u8]) -> Option<String> {
    let def = likely_format(meta, plan, national)?;
    let template = def.format;
    if meta.matcher().full(def.pattern, national) {
        return Some(apply(meta, def.pattern, template, national));
    }
    fill(
        template,
        &meta.matcher().group_max_lengths(def.pattern),
        national,
    )
}

/// Puts `digits` into the groups of `template`, each group taking up to its
/// longest length; drops what follows the last group that got digits.
fn fill(template: &[u8], max_lengths: &[usize], digits: &[u8]) -> Option<String> {
    let mut out = Vec::with_capacity(template.len() + digits.len());
    let mut rest = digits;
    let mut last_digit_end = 0;
    for &b in template {
        if (1..=9).contains(&b) {
            let max = *max_lengths.get(usize::from(b - 1))?;
            let take = max.min(rest.len());
            out.extend_from_slice(&rest[..take]);
            rest = &rest[take..];
            if take > 0 {
                last_digit_end = out.len();
            }
            if rest.is_empty() {
                break;
            }
        } else {
            out.push(b);
        }
    }
    if !rest.is_empty() {
        return None;
    }
    out.truncate(last_digit_end);
    Some(to_string(&out))
}

/// International separator style: punctuation becomes single spaces.
fn space(text: &str) -> String {
    let mut out = String::new();
    for part in text
        .split(|c: char| !c.is_ascii_digit())
        .filter(|p| !p.is_empty())
    {
        if !out.is_empty() {
            out.push(' ');
        }
        out.push_str(part);
    }
    out
}

/// The position (UTF-16 units; the text is ASCII) after `count` digits or
/// `+` in `text`.
fn caret_after(text: &str, count: usize) -> usize {
    if count == 0 {
        return 0;
    }
    let mut seen = 0;
    for (i, c) in text.char_indices() {
        if c.is_ascii_digit() || c == '+' {
            seen += 1;
            if seen == count {
                return i + 1;
            }
        }
    }
    text.len()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn formats_while_typing_national() {
        let mut f = AsYouType::new(Some("FR"));
        let steps = ["0", "06", "061", "0612", "06123", "061234", "0612345678"];
        let want = [
            "0",
            "06",
            "06 1",
            "06 12",
            "06 12 3",
            "06 12 34",
            "06 12 34 56 78",
        ];
        for (input, want) in steps.iter().zip(want) {
            assert_eq!(f.input(input, input.len()).0, want, "{input}");
        }
        assert_eq!(f.number().map(|n| n.e164), Some("+33612345678".into()));
    }

    #[test]
    fn formats_while_typing_international() {
        let mut f = AsYouType::new(None);
        assert_eq!(f.input("+", 1), ("+".into(), 1));
        assert_eq!(f.input("+4", 2), ("+4".into(), 2));
        assert_eq!(f.input("+44", 3), ("+44".into(), 3));
        assert_eq!(f.input("+447400", 7).0, "+44 7400");
        assert_eq!(f.input("+447400123456", 13).0, "+44 7400 123456");
    }

    #[test]
    fn caret_follows_its_digits() {
        let mut f = AsYouType::new(Some("US"));
        // Caret after "41" in "4155552671".
        let (text, caret) = f.input("4155552671", 2);
        assert_eq!(text, "(415) 555-2671");
        assert_eq!(&text[..caret], "(41");
        // Deleting in the middle keeps the caret at the deletion.
        let (text, caret) = f.input("(415) 55-2671", 8);
        assert_eq!(
            &text[..caret].chars().filter(char::is_ascii_digit).count(),
            &5
        );
    }

    #[test]
    fn never_panics_on_odd_input() {
        let mut f = AsYouType::new(Some("AR"));
        for s in [
            "",
            "+",
            "++",
            "abc",
            "+0",
            "+999",
            "0000000000000000000000000",
            "٠١٢",
        ] {
            let (text, caret) = f.input(s, 99);
            assert!(caret <= text.len());
        }
    }
}
