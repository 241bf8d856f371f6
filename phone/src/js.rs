//! Phone numbers, exported to JavaScript (Cargo feature `js`):
//! `parsePhone`, `parsePhones`, `formatPhone`, `phoneRegions`, the
//! `AsYouType` class and, with feature `metadata-file`, `loadPhoneMetadata`. Every rule lives in the
//! rest of this crate; this file only translates. The whole npm package
//! exports these through `verify8x8`; the `verify8x8/phone` entry's wasm is
//! this crate alone, without std (`phone/wasm/`).
//!
//! Results are plain objects built in JavaScript; their TypeScript types are
//! written out below (`TYPESCRIPT`), beside the code that builds them.

use alloc::{string::String, vec::Vec};

use wasm_bindgen::prelude::*;

use crate::{
    self as native, AsYouType as NativeAsYouType, Format as NativeFormat, Invalid, NumberType,
    PhoneNumber,
};

// Result objects are built by these small JavaScript constructors, one call
// each: far faster and smaller than setting fields one by one from Rust.
// Types and reasons travel as indices into the tables below (same order as
// `type_index` and `reason_index`).
#[wasm_bindgen(inline_js = r#"
const TYPES = [null, 'MOBILE', 'FIXED_LINE', 'FIXED_LINE_OR_MOBILE', 'TOLL_FREE', 'PREMIUM_RATE',
  'SHARED_COST', 'VOIP', 'PERSONAL_NUMBER', 'PAGER', 'UAN', 'VOICEMAIL'];
const REASONS = [null, 'NOT_A_NUMBER', 'INVALID_COUNTRY', 'TOO_SHORT', 'TOO_LONG', 'INVALID_LENGTH',
  'NOT_VALID_FOR_REGION', 'UNSUPPORTED_COUNTRY'];
const region = (r) => (r ? String.fromCharCode(r >> 8, r & 255) : null);
export function phoneObject(e164, cc, r, type, flags, reason, ext) {
  const o = {
    e164: e164 ?? null,
    countryCallingCode: cc || null,
    nationalNumber: e164 ? e164.slice(1 + String(cc).length) : null,
    region: region(r),
    type: TYPES[type],
    possible: (flags & 1) !== 0,
    valid: (flags & 2) !== 0,
    canReceiveSms: (flags & 4) !== 0,
    reason: REASONS[reason],
  };
  if (ext !== undefined) o.extension = ext;
  return o;
}
export function asYouTypeObject(text, caret, e164, r, type, valid) {
  return { text, caret, e164: e164 ?? null, valid, region: region(r), type: TYPES[type] };
}
export function regionObject(r, callingCode) {
  return { region: region(r), callingCode };
}
"#)]
extern "C" {
    #[wasm_bindgen(js_name = phoneObject)]
    fn phone_object(
        e164: Option<&str>,
        calling_code: u16,
        region: u16,
        number_type: u8,
        flags: u8,
        reason: u8,
        extension: Option<&str>,
    ) -> JsValue;

    #[wasm_bindgen(js_name = asYouTypeObject)]
    fn as_you_type_object(
        text: &str,
        caret: u32,
        e164: Option<&str>,
        region: u16,
        number_type: u8,
        valid: bool,
    ) -> JsValue;

    #[wasm_bindgen(js_name = regionObject)]
    fn region_object(region: u16, calling_code: u16) -> JsValue;
}

/// Index of a type in the `TYPES` table of the constructors (0: none).
fn type_index(t: Option<NumberType>) -> u8 {
    match t {
        None => 0,
        Some(NumberType::Mobile) => 1,
        Some(NumberType::FixedLine) => 2,
        Some(NumberType::FixedLineOrMobile) => 3,
        Some(NumberType::TollFree) => 4,
        Some(NumberType::PremiumRate) => 5,
        Some(NumberType::SharedCost) => 6,
        Some(NumberType::Voip) => 7,
        Some(NumberType::PersonalNumber) => 8,
        Some(NumberType::Pager) => 9,
        Some(NumberType::Uan) => 10,
        Some(NumberType::Voicemail) => 11,
    }
}

/// Index of a reason in the `REASONS` table (0: none).
fn reason_index(r: Option<Invalid>) -> u8 {
    match r {
        None => 0,
        Some(Invalid::NotANumber) => 1,
        Some(Invalid::InvalidCountry) => 2,
        Some(Invalid::TooShort) => 3,
        Some(Invalid::TooLong) => 4,
        Some(Invalid::InvalidLength) => 5,
        Some(Invalid::NotValidForRegion) => 6,
        Some(Invalid::UnsupportedCountry) => 7,
    }
}

/// A region as two character codes in one number (0: none).
fn region_code(region: Option<native::Region>) -> u16 {
    region.map_or(0, |r| {
        let b = r.as_str().as_bytes();
        u16::from(b[0]) << 8 | u16::from(b[1])
    })
}

fn to_js(result: Result<PhoneNumber, native::ParseError>) -> JsValue {
    let object = match result {
        Ok(n) => {
            let sms = n.number_type.is_some_and(NumberType::can_receive_sms);
            let flags = u8::from(n.possible) | u8::from(n.valid) << 1 | u8::from(sms) << 2;
            phone_object(
                Some(&n.e164),
                n.country_calling_code,
                region_code(n.region),
                type_index(n.number_type),
                flags,
                reason_index(n.reason),
                n.extension.as_deref(),
            )
        }
        Err(e) => phone_object(None, 0, 0, 0, 0, reason_index(Some(e.reason)), None),
    };
    object
}

#[wasm_bindgen(typescript_custom_section)]
const TYPESCRIPT: &str = r#"
/**
 * The type of a phone number, as libphonenumber names it: `FIXED_LINE_OR_MOBILE`
 * where the country does not tell them apart (the US, Canada, ...); `UAN`, a
 * universal access number.
 */
export type PhoneType = "MOBILE" | "FIXED_LINE" | "FIXED_LINE_OR_MOBILE" | "TOLL_FREE" | "PREMIUM_RATE" | "SHARED_COST" | "VOIP" | "PERSONAL_NUMBER" | "PAGER" | "UAN" | "VOICEMAIL";

/**
 * Why a phone number is not valid: `NOT_A_NUMBER` (no digits, or letters
 * among them), `INVALID_COUNTRY` (unknown country or calling code, or a
 * national number without a country), `TOO_SHORT`, `TOO_LONG` (or over 250
 * characters typed), `INVALID_LENGTH` (a length the country does not use),
 * `NOT_VALID_FOR_REGION` (right length, but no number of the country looks
 * like this), `UNSUPPORTED_COUNTRY` (the phone entry was trimmed to other
 * countries, `npx verify8x8-trim-phone`, so it cannot judge the number).
 */
export type PhoneInvalidReason = "NOT_A_NUMBER" | "INVALID_COUNTRY" | "TOO_SHORT" | "TOO_LONG" | "INVALID_LENGTH" | "NOT_VALID_FOR_REGION" | "UNSUPPORTED_COUNTRY";

/**
 * A parsed phone number. When no E.164 form could be built at all,
 * `e164`, `countryCallingCode` and `nationalNumber` are `null` and
 * `reason` says why.
 */
export interface ParsedPhone {
    /** E.164 form, e.g. `"+14155552671"`: what 8x8 expects as `destination`. */
    e164: string | null;
    /** Calling code, e.g. `1`. */
    countryCallingCode: number | null;
    /** National significant number, e.g. `"4155552671"`. */
    nationalNumber: string | null;
    /** Extension digits, if one was typed (`"+1 415 555 2671 ext. 12"`). */
    extension?: string;
    /** ISO 3166-1 region, e.g. `"US"`; `null` for non-geographic numbers. */
    region: string | null;
    /** Type of a valid number; `null` when not valid. */
    type: PhoneType | null;
    /** Whether the length is one the country uses. */
    possible: boolean;
    /** Whether the number is valid for its country. */
    valid: boolean;
    /** Whether an SMS can reach it (mobile, fixed line or mobile, VoIP, personal number). */
    canReceiveSms: boolean;
    /** Why it is not valid; `null` when valid. */
    reason: PhoneInvalidReason | null;
}

/** How `formatPhone` writes a number: `+14155552671`, `+1 415 555 2671`, `(415) 555-2671`. */
export type PhoneFormat = "E.164" | "INTERNATIONAL" | "NATIONAL";

/** A region and its calling code. */
export interface PhoneRegion {
    /** ISO 3166-1 code, e.g. `"GB"`. */
    region: string;
    /** Calling code, e.g. `44`. */
    callingCode: number;
}

/** What `AsYouType.input` returns. */
export interface AsYouTypeResult {
    /** The formatted text, to put back into the field. */
    text: string;
    /** Where to put the caret in `text` (UTF-16 units, for `setSelectionRange`). */
    caret: number;
    /** E.164 form of what was typed so far, `null` if none yet. */
    e164: string | null;
    /** Whether what was typed is a complete, valid number. */
    valid: boolean;
    /** Region of the number, once known. */
    region: string | null;
    /** Type of a valid number. */
    type: PhoneType | null;
}
"#;

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
#[wasm_bindgen(js_name = parsePhone, unchecked_return_type = "ParsedPhone")]
pub fn parse_phone(input: &str, country: Option<String>) -> JsValue {
    to_js(native::parse(input, country.as_deref()))
}

/// Hands the phone metadata (the bytes of the entry's `metadata.bin`, whole
/// or trimmed) to the wasm; the package's entries call it once at start, so
/// applications never need it. Returns `false` for bytes that are not
/// metadata of this version, or when metadata is already loaded.
///
/// ```ts
/// loadPhoneMetadata(new Uint8Array(await (await fetch(url)).arrayBuffer())); // true
/// ```
#[cfg(feature = "metadata-file")]
#[wasm_bindgen(js_name = loadPhoneMetadata)]
pub fn load_phone_metadata(bytes: Vec<u8>) -> bool {
    native::load_metadata(bytes).is_ok()
}

/// `parsePhone` for many numbers at once (one call across the JavaScript
/// boundary): the results in the same order.
///
/// ```ts
/// parsePhones(["+33 6 12 34 56 78", "hello"]).map((p) => p.valid); // [true, false]
/// ```
#[wasm_bindgen(js_name = parsePhones, unchecked_return_type = "ParsedPhone[]")]
pub fn parse_phones(inputs: Vec<String>, country: Option<String>) -> Vec<JsValue> {
    inputs
        .iter()
        .map(|input| to_js(native::parse(input, country.as_deref())))
        .collect()
}

/// Formats a number (E.164 or any international form) as `"E.164"`,
/// `"INTERNATIONAL"` or `"NATIONAL"`; `undefined` if it is not a number (or
/// the format is unknown).
///
/// ```ts
/// formatPhone("+33612345678", "NATIONAL");      // "06 12 34 56 78"
/// formatPhone("+33612345678", "INTERNATIONAL"); // "+33 6 12 34 56 78"
/// ```
#[wasm_bindgen(js_name = formatPhone)]
pub fn format_phone(
    e164: &str,
    #[wasm_bindgen(unchecked_param_type = "PhoneFormat")] format: &str,
) -> Option<String> {
    let format = match format {
        "E.164" | "E164" => NativeFormat::E164,
        "INTERNATIONAL" => NativeFormat::International,
        "NATIONAL" => NativeFormat::National,
        _ => return None,
    };
    native::format(e164, format).ok()
}

/// Every region with its calling code, for a country picker (sorted by
/// calling code).
///
/// ```ts
/// phoneRegions().find((r) => r.region === "GB"); // { region: "GB", callingCode: 44 }
/// ```
#[wasm_bindgen(js_name = phoneRegions, unchecked_return_type = "PhoneRegion[]")]
pub fn phone_regions() -> Vec<JsValue> {
    native::regions()
        .map(|(region, calling_code)| region_object(region_code(Some(region)), calling_code))
        .collect()
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
    #[wasm_bindgen(unchecked_return_type = "AsYouTypeResult")]
    pub fn input(&mut self, text: &str, caret: Option<u32>) -> JsValue {
        let caret = caret.map_or(usize::MAX, |c| c as usize);
        let (text, caret) = self.inner.input(text, caret);
        let number = self.inner.number();
        as_you_type_object(
            &text,
            u32::try_from(caret).unwrap_or(u32::MAX),
            number.as_ref().map(|n| n.e164.as_str()),
            region_code(number.as_ref().and_then(|n| n.region)),
            type_index(number.as_ref().and_then(|n| n.number_type)),
            number.as_ref().is_some_and(|n| n.valid),
        )
    }

    /// Forgets what was typed.
    pub fn reset(&mut self) {
        self.inner.reset();
    }
}
