//! Phone parsing on arbitrary text. Input: `REGION\nTEXT` (no newline: no
//! default region). Checks: never panics; a valid number's E.164 parses to
//! itself, valid; formatting and as-you-type never panic. (Not for invalid
//! numbers: `0044 0 44…` with DE gives `+44044…`, which parses to `+4444…`,
//! the national prefix stripped; libphonenumber-js does exactly the same.)
#![no_main]

use libfuzzer_sys::fuzz_target;
use verify8x8::phone::{self, AsYouType, Format};

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    let (region, input) = match text.split_once('\n') {
        Some((region, input)) => (Some(region), input),
        None => (None, text),
    };
    if let Ok(number) = phone::parse(input, region) {
        let again = phone::parse(&number.e164, None);
        if number.valid {
            let again = again.expect("a valid number's E.164 parses");
            assert_eq!(again.e164, number.e164, "E.164 of a valid number is stable");
            assert!(again.valid, "a valid number's E.164 is valid");
        }
        for format in [Format::E164, Format::International, Format::National] {
            let _ = phone::format(&number.e164, format);
        }
    }
    let mut typing = AsYouType::new(region);
    let _ = typing.input(input, input.len());
});
