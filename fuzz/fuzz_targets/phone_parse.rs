//! Phone parsing on arbitrary text. Input: `REGION\nTEXT` (no newline: no
//! default region). Checks: never panics; a valid number's E.164 parses
//! again, to itself (valid), or to itself with a national prefix stripped;
//! formatting and as-you-type never panic.
//!
//! The stripping is libphonenumber's, which the crate follows: a national
//! prefix is stripped after the calling code too. Found here:
//! `37588100970471` gives `+3758100970471` (valid, premium rate), which
//! parses to `+375100970471` (not valid); libphonenumber-js 1.13.16 gives
//! the same (a regression test in phone/src/tests.rs pins it). For invalid
//! numbers nothing is asserted: `0044 0 44…` with DE gives `+44044…`, which
//! parses to `+4444…`, as in libphonenumber-js.
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
            if again.e164 == number.e164 {
                assert!(again.valid, "a valid number's E.164 is valid");
            } else {
                assert_eq!(again.country_calling_code, number.country_calling_code);
                assert!(
                    again.national_number.len() < number.national_number.len()
                        && number.national_number.ends_with(&again.national_number),
                    "{} parses to {}: not a national prefix stripped",
                    number.e164,
                    again.e164
                );
            }
        }
        for format in [Format::E164, Format::International, Format::National] {
            let _ = phone::format(&number.e164, format);
        }
    }
    let mut typing = AsYouType::new(region);
    let _ = typing.input(input, input.len());
});
