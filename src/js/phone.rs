//! Phone numbers, exported to JavaScript: `parsePhone`, `parsePhones`,
//! `formatPhone`, `phoneRegions` and the `AsYouType` class. Every rule lives
//! in `crate::phone`; this file only translates.

use serde::{Deserialize, Serialize};
use tsify::{Ts, Tsify};
use wasm_bindgen::prelude::*;

use crate::phone::{
    self as native, AsYouType as NativeAsYouType, Format as NativeFormat, Invalid, NumberType,
    PhoneNumber,
};

/// The type of a phone number, as libphonenumber names it.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize, Tsify)]
#[serde(rename_all = "SCREAMING_SNAKE_CASE")]
pub enum PhoneType {
    /// A mobile number.
    Mobile,
    /// A landline.
    FixedLine,
    /// Either: the country does not tell them apart (the US, Canada, ...).
    FixedLineOrMobile,
    /// Free to the caller.
    TollFree,
    /// Charged above the normal rate.
    PremiumRate,
    /// Cost shared between caller and receiver.
    SharedCost,
    /// Voice over IP.
    Voip,
    /// A personal number.
    PersonalNumber,
    /// A pager.
    Pager,
    /// Universal access number.
    Uan,
    /// Voicemail access.
    Voicemail,
}

impl From<NumberType> for PhoneType {
    fn from(t: NumberType) -> PhoneType {
        match t {
            NumberType::Mobile => PhoneType::Mobile,
            NumberType::FixedLine => PhoneType::FixedLine,
            NumberType::FixedLineOrMobile => PhoneType::FixedLineOrMobile,
            NumberType::TollFree => PhoneType::TollFree,
            NumberType::PremiumRate => PhoneType::PremiumRate,
            NumberType::SharedCost => PhoneType::SharedCost,
            NumberType::Voip => PhoneType::Voip,
            NumberType::PersonalNumber => PhoneType::PersonalNumber,
            NumberType::Pager => PhoneType::Pager,
            NumberType::Uan => PhoneType::Uan,
            NumberType::Voicemail => PhoneType::Voicemail,
        }
    }
}

/// Why a phone number is not valid.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize, Tsify)]
#[serde(rename_all = "SCREAMING_SNAKE_CASE")]
pub enum PhoneInvalidReason {
    /// No digits, or letters among them.
    NotANumber,
    /// Unknown country or calling code (or a national number without a
    /// country).
    InvalidCountry,
    /// Too few digits.
    TooShort,
    /// Too many digits (or over 250 characters typed).
    TooLong,
    /// A length the country does not use.
    InvalidLength,
    /// Right length, but no number of the country looks like this.
    NotValidForRegion,
}

impl From<Invalid> for PhoneInvalidReason {
    fn from(r: Invalid) -> PhoneInvalidReason {
        match r {
            Invalid::NotANumber => PhoneInvalidReason::NotANumber,
            Invalid::InvalidCountry => PhoneInvalidReason::InvalidCountry,
            Invalid::TooShort => PhoneInvalidReason::TooShort,
            Invalid::TooLong => PhoneInvalidReason::TooLong,
            Invalid::InvalidLength => PhoneInvalidReason::InvalidLength,
            Invalid::NotValidForRegion => PhoneInvalidReason::NotValidForRegion,
        }
    }
}

/// A parsed phone number. When no E.164 form could be built at all,
/// `e164`, `countryCallingCode` and `nationalNumber` are `null` and
/// `reason` says why.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize, Tsify)]
#[tsify(missing_as_null)]
#[serde(rename_all = "camelCase")]
pub struct ParsedPhone {
    /// E.164 form, e.g. `"+14155552671"`: what 8x8 expects as `destination`.
    pub e164: Option<String>,
    /// Calling code, e.g. `1`.
    pub country_calling_code: Option<u16>,
    /// National significant number, e.g. `"4155552671"`.
    pub national_number: Option<String>,
    /// Extension digits, if one was typed (`"+1 415 555 2671 ext. 12"`).
    #[serde(skip_serializing_if = "Option::is_none", default)]
    #[tsify(optional)]
    pub extension: Option<String>,
    /// ISO 3166-1 region, e.g. `"US"`; `null` for non-geographic numbers.
    pub region: Option<String>,
    /// Type of a valid number; `null` when not valid.
    #[serde(rename = "type")]
    pub number_type: Option<PhoneType>,
    /// Whether the length is one the country uses.
    pub possible: bool,
    /// Whether the number is valid for its country.
    pub valid: bool,
    /// Whether an SMS can reach it (mobile, fixed line or mobile, VoIP,
    /// personal number).
    pub can_receive_sms: bool,
    /// Why it is not valid; `null` when valid.
    pub reason: Option<PhoneInvalidReason>,
}

impl ParsedPhone {
    fn from_result(result: Result<PhoneNumber, native::ParseError>) -> ParsedPhone {
        match result {
            Ok(n) => ParsedPhone {
                e164: Some(n.e164),
                country_calling_code: Some(n.country_calling_code),
                national_number: Some(n.national_number),
                extension: n.extension,
                region: n.region.map(|r| r.to_string()),
                number_type: n.number_type.map(PhoneType::from),
                possible: n.possible,
                valid: n.valid,
                can_receive_sms: n.number_type.is_some_and(NumberType::can_receive_sms),
                reason: n.reason.map(PhoneInvalidReason::from),
            },
            Err(e) => ParsedPhone {
                e164: None,
                country_calling_code: None,
                national_number: None,
                extension: None,
                region: None,
                number_type: None,
                possible: false,
                valid: false,
                can_receive_sms: false,
                reason: Some(e.reason.into()),
            },
        }
    }
}

/// Parses a phone number as a person typed it, normalizes it to E.164 and
/// tells whether it is valid, of which type and why not. Never throws.
///
/// `country` (ISO 3166-1, e.g. `"FR"`) is needed for national numbers;
/// without it the number is read as international, with or without `+`.
///
/// ```ts
/// parsePhone("06 12 34 56 78", "FR");
/// // { e164: "+33612345678", countryCallingCode: 33, nationalNumber: "612345678",
/// //   region: "FR", type: "MOBILE", possible: true, valid: true, canReceiveSms: true, reason: null }
/// parsePhone("+1 415 555").reason; // "TOO_SHORT"
/// ```
#[wasm_bindgen(js_name = parsePhone)]
pub fn parse_phone(input: &str, country: Option<String>) -> Result<Ts<ParsedPhone>, JsError> {
    Ok(ParsedPhone::from_result(native::parse(input, country.as_deref())).into_ts()?)
}

/// `parsePhone` for many numbers at once (one call across the JavaScript
/// boundary): the results in the same order.
///
/// ```ts
/// parsePhones(["+33 6 12 34 56 78", "hello"]).map((p) => p.valid); // [true, false]
/// ```
#[wasm_bindgen(js_name = parsePhones)]
pub fn parse_phones(
    inputs: Vec<String>,
    country: Option<String>,
) -> Result<Vec<Ts<ParsedPhone>>, JsError> {
    inputs
        .iter()
        .map(|input| {
            let parsed = ParsedPhone::from_result(native::parse(input, country.as_deref()));
            Ok(parsed.into_ts()?)
        })
        .collect()
}

/// How `formatPhone` writes a number.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize, Tsify)]
pub enum PhoneFormat {
    /// `+14155552671`
    #[serde(rename = "E.164", alias = "E164")]
    E164,
    /// `+1 415 555 2671`
    #[serde(rename = "INTERNATIONAL")]
    International,
    /// `(415) 555-2671`
    #[serde(rename = "NATIONAL")]
    National,
}

/// Formats a number (E.164 or any international form) as `"E.164"`,
/// `"INTERNATIONAL"` or `"NATIONAL"`; `undefined` if it is not a number.
///
/// ```ts
/// formatPhone("+33612345678", "NATIONAL");      // "06 12 34 56 78"
/// formatPhone("+33612345678", "INTERNATIONAL"); // "+33 6 12 34 56 78"
/// ```
#[wasm_bindgen(js_name = formatPhone)]
pub fn format_phone(e164: &str, format: Ts<PhoneFormat>) -> Result<Option<String>, JsError> {
    let format = match format.to_rust()? {
        PhoneFormat::E164 => NativeFormat::E164,
        PhoneFormat::International => NativeFormat::International,
        PhoneFormat::National => NativeFormat::National,
    };
    Ok(native::format(e164, format).ok())
}

/// A region and its calling code.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize, Tsify)]
#[serde(rename_all = "camelCase")]
pub struct PhoneRegion {
    /// ISO 3166-1 code, e.g. `"GB"`.
    pub region: String,
    /// Calling code, e.g. `44`.
    pub calling_code: u16,
}

/// Every region with its calling code, for a country picker (sorted by
/// calling code).
///
/// ```ts
/// phoneRegions().find((r) => r.region === "GB"); // { region: "GB", callingCode: 44 }
/// ```
#[wasm_bindgen(js_name = phoneRegions)]
pub fn phone_regions() -> Result<Vec<Ts<PhoneRegion>>, JsError> {
    native::regions()
        .map(|(region, calling_code)| {
            let entry = PhoneRegion {
                region: region.to_string(),
                calling_code,
            };
            Ok(entry.into_ts()?)
        })
        .collect()
}

/// What `AsYouType.input` returns.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize, Tsify)]
#[tsify(missing_as_null)]
#[serde(rename_all = "camelCase")]
pub struct AsYouTypeResult {
    /// The formatted text, to put back into the field.
    pub text: String,
    /// Where to put the caret in `text` (UTF-16 units, for
    /// `setSelectionRange`).
    pub caret: u32,
    /// E.164 form of what was typed so far, `null` if none yet.
    pub e164: Option<String>,
    /// Whether what was typed is a complete, valid number.
    pub valid: bool,
    /// Region of the number, once known.
    pub region: Option<String>,
    /// Type of a valid number.
    #[serde(rename = "type")]
    pub number_type: Option<PhoneType>,
}

/// Formats a phone number field while the person types, and keeps the
/// caret after the digits it followed.
///
/// ```ts
/// const field = new AsYouType("US");
/// input.addEventListener("input", () => {
///   const r = field.input(input.value, input.selectionStart ?? input.value.length);
///   input.value = r.text;
///   input.setSelectionRange(r.caret, r.caret);
/// });
/// ```
#[wasm_bindgen(js_name = AsYouType)]
pub struct AsYouType {
    inner: NativeAsYouType,
}

#[wasm_bindgen(js_class = AsYouType)]
impl AsYouType {
    /// A formatter for numbers of `country` (ISO 3166-1); without it,
    /// numbers must be typed with `+`.
    #[wasm_bindgen(constructor)]
    pub fn new(country: Option<String>) -> AsYouType {
        AsYouType {
            inner: NativeAsYouType::new(country.as_deref()),
        }
    }

    /// Formats the field's whole `text`; `caret` is its caret position
    /// (`selectionStart`; defaults to the end).
    pub fn input(
        &mut self,
        text: &str,
        caret: Option<u32>,
    ) -> Result<Ts<AsYouTypeResult>, JsError> {
        let caret = caret.map_or(usize::MAX, |c| c as usize);
        let (text, caret) = self.inner.input(text, caret);
        let number = self.inner.number();
        let result = AsYouTypeResult {
            text,
            caret: u32::try_from(caret).unwrap_or(u32::MAX),
            e164: number.as_ref().map(|n| n.e164.clone()),
            valid: number.as_ref().is_some_and(|n| n.valid),
            region: number
                .as_ref()
                .and_then(|n| n.region)
                .map(|r| r.to_string()),
            number_type: number
                .as_ref()
                .and_then(|n| n.number_type)
                .map(PhoneType::from),
        };
        Ok(result.into_ts()?)
    }

    /// Forgets what was typed.
    pub fn reset(&mut self) {
        self.inner.reset();
    }
}
