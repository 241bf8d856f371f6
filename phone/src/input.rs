//! What a person typed, down to a `+` and ASCII digits plus an extension:
//! the rules of libphonenumber-js (`parse.js`, `isViablePhoneNumber.js`,
//! `createExtensionPattern.js`), written out by hand.

use alloc::{string::String, vec::Vec};

use super::Invalid;

/// Longest input accepted, in UTF-16 code units (as JavaScript counts).
pub(crate) const MAX_INPUT_LEN: usize = 250;

/// The number part and the extension, both normalized.
#[derive(Debug, PartialEq)]
pub(crate) struct Extracted {
    /// `+` (if it led the number) and ASCII digits.
    pub(crate) number: String,
    /// Extension digits (ASCII), if one was given.
    pub(crate) extension: Option<String>,
}

/// The ASCII value of a decimal digit in any Unicode script.
#[inline(always)]
pub(crate) fn digit_value(c: char) -> Option<u8> {
    // Inlined for ASCII, what nearly every input is; one call for the rest.
    if c.is_ascii_digit() {
        Some(c as u8 - b'0')
    } else if c < '\u{660}' {
        None
    } else {
        other_digit_value(c)
    }
}

/// [`digit_value`] of a character from U+0660 on (the first non-ASCII
/// digit).
fn other_digit_value(c: char) -> Option<u8> {
    let code = c as u32;
    // Zero of every block of ten decimal digits (Unicode category Nd) in
    // the Basic Multilingual Plane, and the common ones above it.
    const ZEROS: [u32; 43] = [
        0x0660, 0x06F0, 0x07C0, 0x0966, 0x09E6, 0x0A66, 0x0AE6, 0x0B66, 0x0BE6, 0x0C66, 0x0CE6,
        0x0D66, 0x0DE6, 0x0E50, 0x0ED0, 0x0F20, 0x1040, 0x1090, 0x17E0, 0x1810, 0x1946, 0x19D0,
        0x1A80, 0x1A90, 0x1B50, 0x1BB0, 0x1C40, 0x1C50, 0xA620, 0xA8D0, 0xA900, 0xA9D0, 0xA9F0,
        0xAA50, 0xABF0, 0xFF10, 0x104A0, 0x11066, 0x1D7CE, 0x1D7D8, 0x1D7E2, 0x1D7EC, 0x1D7F6,
    ];
    // The block whose zero is the last one at or below `code` (sorted table).
    let block = ZEROS.partition_point(|&zero| zero <= code).checked_sub(1)?;
    let offset = code - ZEROS.get(block)?;
    (offset < 10).then_some(offset as u8)
}

fn is_digit(c: char) -> bool {
    digit_value(c).is_some()
}

fn is_plus(c: char) -> bool {
    c == '+' || c == '\u{FF0B}'
}

/// libphonenumber's VALID_PUNCTUATION: dashes, slashes, dots, spaces,
/// brackets, tildes.
fn is_punctuation(c: char) -> bool {
    matches!(
        c,
        '-' | '\u{2010}'
            ..='\u{2015}'
                | '\u{2212}'
                | '\u{30FC}'
                | '\u{FF0D}'
                | '/'
                | '\u{FF0F}'
                | '.'
                | '\u{FF0E}'
                | ' '
                | '\u{00A0}'
                | '\u{00AD}'
                | '\u{200B}'
                | '\u{2060}'
                | '\u{3000}'
                | '('
                | ')'
                | '\u{FF08}'
                | '\u{FF09}'
                | '\u{FF3B}'
                | '\u{FF3D}'
                | '['
                | ']'
                | '~'
                | '\u{2053}'
                | '\u{223C}'
                | '\u{FF5E}'
    )
}

/// Splits `input` into the number and its extension, or says why it is not a
/// phone number at all.
pub(crate) fn extract(input: &str) -> Result<Extracted, Invalid> {
    if input.len() > MAX_INPUT_LEN && input.encode_utf16().count() > MAX_INPUT_LEN {
        return Err(Invalid::TooLong);
    }
    // Sized once: `collect` would start from a quarter of the bytes and grow.
    let mut chars = Vec::with_capacity(input.len());
    chars.extend(input.chars());
    let Some(start) = chars.iter().position(|&c| is_plus(c) || is_digit(c)) else {
        return Err(Invalid::NotANumber);
    };
    let end = chars
        .iter()
        .rposition(|&c| is_digit(c) || c == '#')
        .map_or(start, |i| i + 1)
        .max(start);
    let text = &chars[start..end];
    if !is_viable(text) {
        return Err(if is_viable_start(text) {
            Invalid::TooShort
        } else {
            Invalid::NotANumber
        });
    }
    let found = if may_have_extension(text) {
        (0..text.len()).find_map(|i| extension_at(text, i).map(|e| (i, e)))
    } else {
        None
    };
    let (body, extension) = match found {
        Some((i, ext)) => (&text[..i], Some(ext)),
        None => (text, None),
    };
    Ok(Extracted {
        number: digits_with_plus(body),
        extension,
    })
}

/// `+` (only first) and digits, normalized to ASCII.
pub(crate) fn digits_with_plus(text: &[char]) -> String {
    let mut out = Vec::with_capacity(text.len());
    for &c in text {
        if is_plus(c) {
            if out.is_empty() {
                out.push(b'+');
            }
        } else if let Some(d) = digit_value(c) {
            out.push(b'0' + d);
        }
    }
    super::ascii_string(out)
}

/// `^[+]?(?:[punct]*[digit]){3,}[punct digit]*` for all of `text`.
fn is_body(text: &[char]) -> bool {
    let rest = match text.first() {
        Some(&c) if is_plus(c) => &text[1..],
        _ => text,
    };
    let mut digits = 0;
    for &c in rest {
        if is_digit(c) {
            digits += 1;
        } else if !is_punctuation(c) {
            return false;
        }
    }
    digits >= 3
}

/// libphonenumber-js's VALID_PHONE_NUMBER_PATTERN.
fn is_viable(text: &[char]) -> bool {
    if text.len() == 2 && text.iter().all(|&c| is_digit(c)) {
        return true;
    }
    if is_body(text) {
        return true;
    }
    (1..text.len()).any(|i| extension_at(text, i).is_some() && is_body(&text[..i]))
}

/// `^[+]?(?:[punct]*[digit]){1,2}$`: the start of a number, too short.
fn is_viable_start(text: &[char]) -> bool {
    let rest = match text.first() {
        Some(&c) if is_plus(c) => &text[1..],
        _ => text,
    };
    let digits = rest.iter().filter(|&&c| is_digit(c)).count();
    (1..=2).contains(&digits)
        && rest.last().is_some_and(|&c| is_digit(c))
        && rest.iter().all(|&c| is_digit(c) || is_punctuation(c))
}

/// Lower case for the letters of extension labels: ASCII, Cyrillic, full
/// width Latin and `Ó` (no Unicode case tables: they would cost kilobytes).
fn lower(c: char) -> char {
    let code = c as u32;
    let folded = match code {
        0x41..=0x5A | 0x410..=0x42F | 0xFF21..=0xFF3A => code + 0x20,
        0xD3 => 0xF3,
        _ => code,
    };
    char::from_u32(folded).unwrap_or(c)
}

/// Whether `text[at..]` starts with `word` (case-insensitive); returns the
/// position after it.
fn word(text: &[char], at: usize, word: &str) -> Option<usize> {
    let mut i = at;
    for w in word.chars() {
        if lower(*text.get(i)?) != w {
            return None;
        }
        i += 1;
    }
    Some(i)
}

fn skip(text: &[char], mut i: usize, set: impl Fn(char) -> bool) -> usize {
    while text.get(i).is_some_and(|&c| set(c)) {
        i += 1;
    }
    i
}

/// `[:\.．]?[ \u00A0\t,-]*` then 1 to `max` digits, an optional `#` (unless
/// `hash` is false), and the end of the text: the extension digits.
fn ext_digits(text: &[char], mut i: usize, max: usize, hash: bool) -> Option<String> {
    if matches!(text.get(i), Some(':' | '.' | '\u{FF0E}')) {
        i += 1;
    }
    i = skip(text, i, |c| matches!(c, ' ' | '\u{A0}' | '\t' | ',' | '-'));
    ext_digit_run(text, i, max, hash)
}

fn ext_digit_run(text: &[char], i: usize, max: usize, hash: bool) -> Option<String> {
    let end = skip(text, i, is_digit);
    let rest = &text[end..];
    let tail_ok = rest.is_empty() || (hash && rest == ['#']);
    (end > i && end - i <= max && tail_ok).then(|| {
        text[i..end]
            .iter()
            .filter_map(|&c| digit_value(c))
            .map(|d| char::from(b'0' + d))
            .collect()
    })
}

/// Labels of libphonenumber's explicit extension pattern
/// `e?xt(?:ensi(?:o\u0301?|ó))?n?|ｅ?ｘｔｎ?|доб|anexo`, expanded.
const EXPLICIT_LABELS: [&str; 22] = [
    "extensio\u{301}n",
    "extensio\u{301}",
    "extension",
    "extensio",
    "extensión",
    "extensió",
    "xtensio\u{301}n",
    "xtensio\u{301}",
    "xtension",
    "xtensio",
    "xtensión",
    "xtensió",
    "extn",
    "ext",
    "xtn",
    "xt",
    "\u{FF45}\u{FF58}\u{FF54}\u{FF4E}",
    "\u{FF45}\u{FF58}\u{FF54}",
    "\u{FF58}\u{FF54}\u{FF4E}",
    "\u{FF58}\u{FF54}",
    "доб",
    "anexo",
];

/// Labels of the ambiguous extension pattern `[xｘ#＃~～]|int|ｉｎｔ`.
const AMBIGUOUS_LABELS: [&str; 8] = [
    "x",
    "\u{FF58}",
    "#",
    "\u{FF03}",
    "~",
    "\u{FF5E}",
    "int",
    "\u{FF49}\u{FF4E}\u{FF54}",
];

/// Whether `text` has a character that can start or label an extension
/// (anything but digits, `+` and punctuation other than tildes): the common
/// case, a plain number, skips the search.
fn may_have_extension(text: &[char]) -> bool {
    text.iter().any(|&c| {
        !(is_digit(c) || is_plus(c) || (is_punctuation(c) && !matches!(c, '~' | '\u{FF5E}')))
    })
}

/// Whether an extension can start with `c` (separators and label letters).
fn may_start_extension(c: char) -> bool {
    matches!(
        lower(c),
        ';' | ' '
            | '\u{A0}'
            | '\t'
            | ','
            | '-'
            | 'e'
            | 'x'
            | 'a'
            | 'i'
            | '#'
            | '~'
            | 'д'
            | '\u{FF45}'
            | '\u{FF58}'
            | '\u{FF49}'
            | '\u{FF03}'
            | '\u{FF5E}'
    )
}

/// If `text[at..]` is an extension as libphonenumber reads one, its digits.
fn extension_at(text: &[char], at: usize) -> Option<String> {
    if !text.get(at).copied().is_some_and(may_start_extension) {
        return None;
    }
    // ;ext=123
    if let Some(i) = word(text, at, ";ext=") {
        if let Some(ext) = ext_digit_run(text, i, 20, false) {
            return Some(ext);
        }
    }
    let after_space = skip(text, at, |c| matches!(c, ' ' | '\u{A0}' | '\t' | ','));
    let first = text.get(after_space).map(|&c| lower(c));
    let starts = |label: &&&str| label.chars().next() == first;
    for label in EXPLICIT_LABELS.iter().filter(starts) {
        if let Some(i) = word(text, after_space, label) {
            if let Some(ext) = ext_digits(text, i, 20, true) {
                return Some(ext);
            }
        }
    }
    for label in AMBIGUOUS_LABELS.iter().filter(starts) {
        if let Some(i) = word(text, after_space, label) {
            if let Some(ext) = ext_digits(text, i, 9, true) {
                return Some(ext);
            }
        }
    }
    // American style: "- 1234#".
    let i = skip(text, at, |c| c == '-' || c == ' ');
    if i > at {
        let end = skip(text, i, is_digit);
        if end > i && end - i <= 6 && text[end..] == ['#'] {
            return ext_digit_run(text, i, 6, true);
        }
    }
    // Auto-dialling: ",,123" or ";123", and commas: ",123".
    let i = skip(text, at, |c| matches!(c, ' ' | '\u{A0}' | '\t'));
    if text.get(i) == Some(&';') || (text.get(i) == Some(&',') && text.get(i + 1) == Some(&',')) {
        let j = if text[i] == ';' { i + 1 } else { i + 2 };
        if let Some(ext) = ext_digits(text, j, 15, true) {
            return Some(ext);
        }
    }
    if text.get(i) == Some(&',') {
        let j = skip(text, i, |c| c == ',');
        if let Some(ext) = ext_digits(text, j, 9, true) {
            return Some(ext);
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ok(input: &str) -> (String, Option<String>) {
        let e = extract(input).expect(input);
        (e.number, e.extension)
    }

    #[test]
    fn strips_formatting() {
        assert_eq!(ok("+1 (415) 555-2671").0, "+14155552671");
        assert_eq!(ok("tel. 06\u{a0}12.34/56-78 !").0, "0612345678");
        assert_eq!(ok("\u{FF10}\u{FF16} 12").0, "0612");
        assert_eq!(ok("\u{0660}\u{0661}\u{0662}").0, "012");
        assert_eq!(ok("\u{0966}\u{0967}\u{0968}").0, "012");
    }

    #[test]
    fn finds_extensions() {
        for (input, ext) in [
            ("+1 415 555 2671 ext. 123", "123"),
            ("+1 415 555 2671 x123", "123"),
            ("+1 415 555 2671;ext=77", "77"),
            ("+1 415 555 2671 - 55#", "55"),
            ("+1 415 555 2671,,9", "9"),
            ("+1 415 555 2671 EXTENSION: 4", "4"),
            ("+7 495 123 45 67 доб. 12", "12"),
        ] {
            assert_eq!(ok(input).1.as_deref(), Some(ext), "{input}");
        }
        assert_eq!(ok("+1 415 555 2671 ext. 123").0, "+14155552671");
    }

    #[test]
    fn rejects_what_is_not_a_number() {
        assert_eq!(extract(""), Err(Invalid::NotANumber));
        assert_eq!(extract("hello"), Err(Invalid::NotANumber));
        assert_eq!(extract("12ab34"), Err(Invalid::NotANumber));
        // Trailing letters are cut off, as libphonenumber-js does.
        assert_eq!(ok("1-800-FLOWERS").0, "1800");
        assert_eq!(extract("+1"), Err(Invalid::TooShort));
        assert_eq!(extract(&"1".repeat(251)), Err(Invalid::TooLong));
        assert_eq!(ok("12").0, "12");
    }
}
