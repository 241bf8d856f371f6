//! Phone numbers through the JS-facing functions: the same objects a
//! JavaScript caller gets.

use serde::Deserialize;
use wasm_bindgen::JsValue;
use wasm_bindgen_test::wasm_bindgen_test;

use verify8x8::js_exports as js;

// The objects as phone/src/js.rs documents them (its TypeScript types): the
// tests read what JavaScript reads.

#[derive(Debug, PartialEq, Deserialize)]
#[serde(rename_all = "SCREAMING_SNAKE_CASE")]
enum PhoneType {
    Mobile,
    FixedLine,
    FixedLineOrMobile,
    TollFree,
    PremiumRate,
    SharedCost,
    Voip,
    PersonalNumber,
    Pager,
    Uan,
    Voicemail,
}

#[derive(Debug, PartialEq, Deserialize)]
#[serde(rename_all = "SCREAMING_SNAKE_CASE")]
enum PhoneInvalidReason {
    NotANumber,
    InvalidCountry,
    TooShort,
    TooLong,
    InvalidLength,
    NotValidForRegion,
    UnsupportedCountry,
}

#[derive(Debug, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
struct ParsedPhone {
    e164: Option<String>,
    country_calling_code: Option<u16>,
    national_number: Option<String>,
    #[serde(default)]
    extension: Option<String>,
    region: Option<String>,
    #[serde(rename = "type")]
    number_type: Option<PhoneType>,
    possible: bool,
    valid: bool,
    can_receive_sms: bool,
    reason: Option<PhoneInvalidReason>,
}

#[derive(Debug, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
struct PhoneRegion {
    region: String,
    calling_code: u16,
}

#[derive(Debug, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
struct AsYouTypeResult {
    text: String,
    caret: u32,
    e164: Option<String>,
    valid: bool,
    region: Option<String>,
    #[serde(rename = "type")]
    number_type: Option<PhoneType>,
}

/// A result object as Rust reads it (every field present, no other).
fn read<T: serde::de::DeserializeOwned>(value: JsValue) -> T {
    serde_wasm_bindgen::from_value(value).expect("an object of the documented shape")
}

fn parse(input: &str, country: Option<&str>) -> ParsedPhone {
    read(js::parse_phone(input, country.map(str::to_owned)))
}

#[wasm_bindgen_test]
fn parses_a_national_mobile() {
    let p = parse("06 12 34 56 78", Some("FR"));
    assert_eq!(p.e164.as_deref(), Some("+33612345678"));
    assert_eq!(p.country_calling_code, Some(33));
    assert_eq!(p.national_number.as_deref(), Some("612345678"));
    assert_eq!(p.region.as_deref(), Some("FR"));
    assert_eq!(p.number_type, Some(PhoneType::Mobile));
    assert!(p.valid && p.possible && p.can_receive_sms);
    assert_eq!(p.reason, None);
}

#[wasm_bindgen_test]
fn extension_only_when_typed() {
    assert_eq!(
        parse("+1 213 373 4253 ext. 12", None).extension.as_deref(),
        Some("12")
    );
    assert_eq!(parse("+1 213 373 4253", None).extension, None);
}

#[wasm_bindgen_test]
fn reports_why_a_number_is_invalid() {
    assert_eq!(
        parse("+1 415 555", None).reason,
        Some(PhoneInvalidReason::TooShort)
    );
    let p = parse("hello", None);
    assert_eq!(
        (p.e164, p.reason),
        (None, Some(PhoneInvalidReason::NotANumber))
    );
    assert_eq!(
        parse("0612345678", Some("QQ")).reason,
        Some(PhoneInvalidReason::InvalidCountry)
    );
}

#[wasm_bindgen_test]
fn landline_cannot_receive_sms() {
    let p = parse("06 4991 1234", Some("IT"));
    assert_eq!(p.e164.as_deref(), Some("+390649911234"));
    assert_eq!(p.number_type, Some(PhoneType::FixedLine));
    assert!(p.valid && !p.can_receive_sms);
}

#[wasm_bindgen_test]
fn batch_keeps_order() {
    let inputs = vec![
        "+44 7400 123456".to_owned(),
        "nope".to_owned(),
        "8 912 345 67 89".to_owned(),
    ];
    let out: Vec<ParsedPhone> = js::parse_phones(inputs, Some("RU".into()))
        .into_iter()
        .map(read)
        .collect();
    let e164: Vec<Option<&str>> = out.iter().map(|p| p.e164.as_deref()).collect();
    assert_eq!(e164, [Some("+447400123456"), None, Some("+79123456789")]);
}

#[wasm_bindgen_test]
fn formats_numbers() {
    let format = |f: &str| js::format_phone("+33612345678", f);
    assert_eq!(format("NATIONAL").as_deref(), Some("06 12 34 56 78"));
    assert_eq!(
        format("INTERNATIONAL").as_deref(),
        Some("+33 6 12 34 56 78")
    );
    assert_eq!(format("E.164").as_deref(), Some("+33612345678"));
    assert_eq!(format("RFC3966"), None);
    assert_eq!(js::format_phone("hello", "E.164"), None);
}

#[wasm_bindgen_test]
fn as_you_type_moves_the_caret() {
    let mut field = js::AsYouType::new(Some("US".into()));
    let r: AsYouTypeResult = read(field.input("4155552671", Some(4)));
    assert_eq!(r.text, "(415) 555-2671");
    assert_eq!(r.caret, 7);
    assert_eq!(r.e164.as_deref(), Some("+14155552671"));
    assert!(r.valid);
    assert_eq!(r.region.as_deref(), Some("US"));
    assert_eq!(r.number_type, Some(PhoneType::FixedLineOrMobile));
    field.reset();
}

#[wasm_bindgen_test]
fn regions_list_calling_codes() {
    let regions = js::phone_regions();
    assert_eq!(regions.len(), 245);
    let gb = regions
        .into_iter()
        .map(read)
        .find(|r: &PhoneRegion| r.region == "GB")
        .expect("GB listed");
    assert_eq!(gb.calling_code, 44);
}
