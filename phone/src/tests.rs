//! Table tests of tricky countries. Expected values are libphonenumber-js
//! 1.13.16 (`max`) answers; the differential test compares far more.

use super::*;

/// Input, default region, E.164, region, type.
type Case = (
    &'static str,
    Option<&'static str>,
    &'static str,
    Option<&'static str>,
    Option<NumberType>,
);

const TABLE: &[Case] = &[
    // Argentina: trunk 0, mobile marker 15 after the area code becomes 9 before it.
    (
        "011 15 2345-6789",
        Some("AR"),
        "+5491123456789",
        Some("AR"),
        Some(NumberType::Mobile),
    ),
    (
        "+54 9 11 2345 6789",
        None,
        "+5491123456789",
        Some("AR"),
        Some(NumberType::Mobile),
    ),
    // Italy keeps the leading 0 of landlines.
    (
        "06 4991 1234",
        Some("IT"),
        "+390649911234",
        Some("IT"),
        Some(NumberType::FixedLine),
    ),
    (
        "+39 312 345 6789",
        None,
        "+393123456789",
        Some("IT"),
        Some(NumberType::Mobile),
    ),
    // Russia's trunk prefix is 8; Hungary's is 06.
    (
        "8 (912) 345-67-89",
        Some("RU"),
        "+79123456789",
        Some("RU"),
        Some(NumberType::Mobile),
    ),
    (
        "06 30 123 4567",
        Some("HU"),
        "+36301234567",
        Some("HU"),
        Some(NumberType::Mobile),
    ),
    // Shared calling codes: +44 → GB, IM, GG; +7 → KZ; +1 → BS.
    (
        "+44 7400 123456",
        None,
        "+447400123456",
        Some("GB"),
        Some(NumberType::Mobile),
    ),
    (
        "+44 7624 123456",
        None,
        "+447624123456",
        Some("IM"),
        Some(NumberType::Mobile),
    ),
    (
        "07624 123456",
        Some("GB"),
        "+447624123456",
        Some("IM"),
        Some(NumberType::Mobile),
    ),
    (
        "+44 1481 256789",
        None,
        "+441481256789",
        Some("GG"),
        Some(NumberType::FixedLine),
    ),
    (
        "+7 701 123 4567",
        None,
        "+77011234567",
        Some("KZ"),
        Some(NumberType::Mobile),
    ),
    (
        "+1 242 359 1234",
        None,
        "+12423591234",
        Some("BS"),
        Some(NumberType::Mobile),
    ),
    // A seven-digit local number of the Bahamas gets its area code.
    (
        "359 1234",
        Some("BS"),
        "+12423591234",
        Some("BS"),
        Some(NumberType::Mobile),
    ),
    // The default region's international prefix.
    (
        "0044 20 7946 0958",
        Some("FR"),
        "+442079460958",
        Some("GB"),
        Some(NumberType::FixedLine),
    ),
    // Brazil: trunk 0 and carrier code 21.
    (
        "0 21 11 91234 5678",
        Some("BR"),
        "+5511912345678",
        Some("BR"),
        Some(NumberType::Mobile),
    ),
    (
        "+55 11 91234 5678",
        None,
        "+5511912345678",
        Some("BR"),
        Some(NumberType::Mobile),
    ),
    // Non-geographic.
    (
        "+800 1234 5678",
        None,
        "+80012345678",
        None,
        Some(NumberType::TollFree),
    ),
    (
        "+1 800 555 0199",
        None,
        "+18005550199",
        Some("US"),
        Some(NumberType::TollFree),
    ),
    (
        "+1 213 373 4253 ext. 123",
        None,
        "+12133734253",
        Some("US"),
        Some(NumberType::FixedLineOrMobile),
    ),
    (
        "0612345678",
        Some("NL"),
        "+31612345678",
        Some("NL"),
        Some(NumberType::Mobile),
    ),
    (
        "+81 90 1234 5678",
        None,
        "+819012345678",
        Some("JP"),
        Some(NumberType::Mobile),
    ),
    (
        "+86 138 0013 8000",
        None,
        "+8613800138000",
        Some("CN"),
        Some(NumberType::Mobile),
    ),
    // 8x8: without a country, digits are international even without `+`.
    (
        "14155552671",
        None,
        "+14155552671",
        Some("US"),
        Some(NumberType::FixedLineOrMobile),
    ),
    (
        "0033 6 12 34 56 78",
        None,
        "+33612345678",
        Some("FR"),
        Some(NumberType::Mobile),
    ),
    (
        "011 33 6 12 34 56 78",
        None,
        "+33612345678",
        Some("FR"),
        Some(NumberType::Mobile),
    ),
    // Unicode digits.
    (
        "\u{FF10}\u{FF16}\u{FF11}\u{FF12}\u{FF13}\u{FF14}\u{FF15}\u{FF16}\u{FF17}\u{FF18}",
        Some("FR"),
        "+33612345678",
        Some("FR"),
        Some(NumberType::Mobile),
    ),
    (
        "+٩٧١ ٥٠ ١٢٣ ٤٥٦٧",
        None,
        "+971501234567",
        Some("AE"),
        Some(NumberType::Mobile),
    ),
];

#[test]
fn tricky_countries() {
    for &(input, region, e164, want_region, want_type) in TABLE {
        let n = parse(input, region).unwrap_or_else(|e| panic!("{input}: {e}"));
        assert_eq!(n.e164, e164, "{input}");
        assert_eq!(
            n.region.as_ref().map(Region::as_str),
            want_region,
            "{input}"
        );
        assert_eq!(n.number_type, want_type, "{input}");
        assert!(
            n.valid && n.possible && n.reason.is_none(),
            "{input}: {n:?}"
        );
    }
}

#[test]
fn invalid_numbers_say_why() {
    let n = parse("+1 415 555", None).expect("parses");
    assert_eq!(
        (n.e164.as_str(), n.valid, n.possible),
        ("+1415555", false, false)
    );
    assert_eq!(n.reason, Some(Invalid::TooShort));
    let n = parse("+33 6 12 34 56 78 9", None).expect("parses");
    assert_eq!(n.reason, Some(Invalid::TooLong));
    let n = parse("+1 415 123 4567", None).expect("parses");
    assert!(!n.valid);
    for (input, region, reason) in [
        ("hello", None, Invalid::NotANumber),
        ("+1", None, Invalid::TooShort),
        ("+999 1234 5678", None, Invalid::InvalidCountry),
        ("0612345678", Some("ZZ"), Invalid::InvalidCountry),
        ("0612345678", None, Invalid::InvalidCountry),
    ] {
        assert_eq!(
            parse(input, region).map_err(|e| e.reason),
            Err(reason),
            "{input}"
        );
    }
}

#[test]
fn extension_is_reported_apart() {
    let n = parse("+1 213 373 4253 x 77", None).expect("parses");
    assert_eq!(n.e164, "+12133734253");
    assert_eq!(n.extension.as_deref(), Some("77"));
}

#[test]
fn sms_capability() {
    assert!(NumberType::Mobile.can_receive_sms());
    assert!(NumberType::FixedLineOrMobile.can_receive_sms());
    assert!(!NumberType::FixedLine.can_receive_sms());
    assert!(!NumberType::PremiumRate.can_receive_sms());
}

#[test]
fn regions_cover_the_metadata() {
    assert_eq!(regions().count(), 245);
    assert_eq!(calling_code("us"), Some(1));
    assert_eq!(calling_code("XX"), None);
}

/// Found by the `phone_parse` fuzz target: Belarus strips its national
/// prefix `8` even after `+375`, so a valid number's E.164 can parse to a
/// shorter number. libphonenumber-js 1.13.16 gives exactly these results
/// (`+37588100970471` → `+3758100970471`, valid, premium rate; that →
/// `+375100970471`, not valid); the crate follows it.
#[test]
fn a_national_prefix_after_the_calling_code_is_stripped_as_libphonenumber_does() {
    let first = parse("37588100970471", None).expect("parses");
    assert_eq!(first.e164, "+3758100970471");
    assert!(first.valid);
    assert_eq!(first.number_type, Some(NumberType::PremiumRate));
    let again = parse(&first.e164, None).expect("parses");
    assert_eq!(again.e164, "+375100970471");
    assert!(!again.valid);
    assert!(first.national_number.ends_with(&again.national_number));
}

/// The first-digit filter of type patterns (`TypeDef::first_digits`) never
/// rules out a number its pattern could match: for every type pattern of the
/// metadata, no digit outside the mask can start a match.
#[test]
fn first_digits_of_every_type_pattern_are_sound() {
    let meta = metadata::Metadata::get();
    let matcher = meta.matcher();
    let mut checked = 0;
    for plan in &meta.plans {
        for def in plan.types.iter().flatten() {
            for d in 0..10u8 {
                if def.first_digits & 1 << d == 0 {
                    assert!(
                        !matcher.could_complete(def.pattern, &[b'0' + d]),
                        "a pattern of {:?} can start with {d}",
                        plan.region
                    );
                    checked += 1;
                }
            }
        }
    }
    // Most type patterns start with few digits: the filter has work to do.
    assert!(checked > 5_000, "only {checked} digits ruled out");
}
