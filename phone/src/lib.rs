//! Phone numbers: parse what people type, normalize to E.164, classify, format.
//!
//! The rules and the metadata are those of libphonenumber (through
//! libphonenumber-js 1.13.16, pinned in package.json), compiled by
//! `tools/phonegen` into `metadata.bin` and run by a small matcher of our own:
//! no regex engine, no I/O.
//!
//! ```
//! use verify8x8_phone::{self as phone, NumberType};
//!
//! let n = phone::parse("06 12 34 56 78", Some("FR")).unwrap();
//! assert_eq!(n.e164, "+33612345678");
//! assert!(n.valid);
//! assert_eq!(n.number_type, Some(NumberType::Mobile));
//! ```

#![no_std]

extern crate alloc;
#[cfg(test)]
extern crate std;

use alloc::{string::String, vec::Vec};

mod as_you_type;
mod classify;
mod format;
mod input;
#[cfg(feature = "js")]
pub mod js;
mod mask;
mod matcher;
mod metadata;
mod national_prefix;
mod parse;
mod region;
mod types;

#[cfg(all(test, not(target_arch = "wasm32")))]
mod properties;
#[cfg(test)]
mod tests;

pub use as_you_type::AsYouType;
pub use format::{format, Format};
pub use mask::mask;
#[cfg(feature = "metadata-file")]
pub use metadata::{load as load_metadata, LoadError};
pub use region::Region;
pub use types::{Invalid, NumberType, ParseError, PhoneNumber};

use metadata::Metadata;

/// `n` in decimal ASCII, written into the end of `buffer` (no `core::fmt`:
/// it costs kilobytes of wasm).
pub(crate) fn decimal(buffer: &mut [u8; 5], n: u16) -> &[u8] {
    let mut i = buffer.len();
    let mut n = n;
    loop {
        i -= 1;
        buffer[i] = b'0' + (n % 10) as u8;
        n /= 10;
        if n == 0 {
            break;
        }
    }
    &buffer[i..]
}

/// Appends `n` in decimal.
pub(crate) fn push_decimal(out: &mut String, n: u16) {
    let mut buffer = [0; 5];
    out.extend(decimal(&mut buffer, n).iter().map(|&d| char::from(d)));
}

/// ASCII bytes (digits, formatting) as a string, copied whole rather than
/// char by char. Every caller passes ASCII.
pub(crate) fn ascii(bytes: &[u8]) -> String {
    ascii_string(bytes.to_vec())
}

/// [`ascii`], taking the bytes over.
pub(crate) fn ascii_string(bytes: Vec<u8>) -> String {
    debug_assert!(bytes.is_ascii());
    String::from_utf8(bytes).unwrap_or_default()
}

/// Parses a phone number as a person typed it.
///
/// - `input`: digits in any script (ASCII, full-width, Arabic-Indic, ...),
///   with any formatting (spaces, dots, dashes, brackets, slashes), an
///   optional leading `+`, or an international call prefix (`00`, `011`, or
///   the default region's own), and an optional extension (`ext. 12`, `x12`,
///   `;ext=12`). At most 250 characters.
/// - `default_region`: the ISO 3166-1 code of the country a national number
///   belongs to (`"FR"`, any case). Without it a number is read as
///   international, with or without `+` (as 8x8 does).
///
/// Returns the number, valid or not, whenever an E.164 form can be built;
/// otherwise a [`ParseError`] with the reason (`NOT_A_NUMBER`,
/// `INVALID_COUNTRY`, `TOO_SHORT`, `TOO_LONG`).
///
/// ```
/// use verify8x8_phone::{self as phone, Invalid};
///
/// // Argentina: trunk prefix 0, and the mobile marker 15 becomes a 9.
/// assert_eq!(phone::parse("011 15 2345-6789", Some("AR")).unwrap().e164, "+5491123456789");
/// // Italy keeps its leading 0.
/// assert_eq!(phone::parse("06 4991 1234", Some("IT")).unwrap().e164, "+390649911234");
/// // Too short for the US.
/// let n = phone::parse("+1 415 555", None).unwrap();
/// assert_eq!(n.reason, Some(Invalid::TooShort));
/// assert_eq!(phone::parse("hello", None).unwrap_err().reason, Invalid::NotANumber);
/// ```
pub fn parse(input: &str, default_region: Option<&str>) -> Result<PhoneNumber, ParseError> {
    parse::parse(input, default_region)
}

/// Every region with its calling code, in calling-code order (main region
/// of a shared code first): the list behind a country picker. A build
/// trimmed to some countries lists only those it can judge.
///
/// ```
/// let (region, code) = verify8x8_phone::regions().find(|(r, _)| r.as_str() == "GB").unwrap();
/// assert_eq!(code, 44);
/// ```
pub fn regions() -> impl Iterator<Item = (Region, u16)> {
    Metadata::get()
        .plans
        .iter()
        .filter(|plan| !plan.is_stub())
        .filter_map(|plan| plan.region.map(|r| (r, plan.calling_code)))
}

/// The calling code of a region (`"US"` → 1), `None` if unknown.
pub fn calling_code(region: &str) -> Option<u16> {
    let region = region.parse::<Region>().ok()?;
    Metadata::get().region(region).map(|p| p.calling_code)
}
