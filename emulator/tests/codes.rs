//! Codes of every `codeType` and length, read from the outbox, and the
//! texts rendered from `template`, `brand` and the defaults.

#![allow(clippy::unwrap_used)] // a test that cannot unwrap has failed

mod common;
use common::*;

fn code_for(emu: &Emulator, destination: &str, extra: Value) -> (String, String) {
    let mut body = json!({ "destination": destination });
    for (k, v) in extra.as_object().unwrap() {
        body[k] = v.clone();
    }
    let r = emu.start_session(&body);
    assert_eq!(r.status, 200, "{}", r.body_text());
    let id = r.json()["sessionId"].as_str().unwrap().to_string();
    let code = emu.code_of(&id);
    (id, code)
}

#[test]
fn each_code_type_has_its_alphabet_and_length() {
    let emu = Emulator::start();
    let mut n = 0;
    for length in 3..=10u32 {
        for (kind, allowed) in [
            ("NUMERIC", "0123456789"),
            ("NUMERIC_WITH_DASH", "0123456789"),
            (
                "ALPHANUMERIC",
                "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789",
            ),
            (
                "ALPHANUMERIC_CAPITALS",
                "ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789",
            ),
            ("ALPHANUMERIC_EASY", "ABCDEFGHJKLMNPRTUVWXY0123456789"),
        ] {
            n += 1;
            let destination = format!("+65812{n:05}");
            let (_, code) = code_for(
                &emu,
                &destination,
                json!({ "codeType": kind, "codeLength": length }),
            );
            let symbols: String = code.chars().filter(|c| *c != '-').collect();
            assert_eq!(symbols.len() as u32, length, "{kind} {code}");
            assert!(
                symbols.chars().all(|c| allowed.contains(c)),
                "{kind} {code}"
            );
            if kind == "NUMERIC_WITH_DASH" && length > 3 {
                assert_eq!(code.find('-'), Some((length / 2) as usize), "{code}");
                assert_eq!(code.matches('-').count(), 1, "{code}");
            } else {
                assert!(!code.contains('-'), "{kind} {code}");
            }
        }
    }
}

#[test]
fn default_code_is_four_digits() {
    let emu = Emulator::start();
    let (_, code) = code_for(&emu, "+6581239001", json!({}));
    assert_eq!(code.len(), 4);
    assert!(code.chars().all(|c| c.is_ascii_digit()));
}

#[test]
fn easy_codes_never_use_confusable_letters() {
    let emu = Emulator::start();
    for i in 0..40 {
        let (_, code) = code_for(
            &emu,
            &format!("+658124{i:04}"),
            json!({ "codeType": "ALPHANUMERIC_EASY", "codeLength": 10 }),
        );
        assert!(!code.contains(['I', 'O', 'Q', 'S', 'Z']), "{code}");
    }
}

#[test]
fn dashed_codes_verify_with_or_without_the_dash() {
    let emu = Emulator::start();
    for (destination, with_dash) in [("+6581239002", true), ("+6581239003", false)] {
        let (id, code) = code_for(
            &emu,
            destination,
            json!({ "codeType": "NUMERIC_WITH_DASH", "codeLength": 7 }),
        );
        assert_eq!(code.len(), 8);
        let typed = if with_dash {
            code.clone()
        } else {
            code.replace('-', "")
        };
        assert_eq!(emu.check(&id, Some(&typed)).json()["status"], "VERIFIED");
    }
}

#[test]
fn capitals_and_easy_compare_case_insensitively_alphanumeric_exactly() {
    let emu = Emulator::start();
    for (i, kind) in ["ALPHANUMERIC_CAPITALS", "ALPHANUMERIC_EASY"]
        .iter()
        .enumerate()
    {
        let (id, code) = code_for(
            &emu,
            &format!("+658123910{i}"),
            json!({ "codeType": kind, "codeLength": 8 }),
        );
        let lower = code.to_ascii_lowercase();
        assert_eq!(
            emu.check(&id, Some(&lower)).json()["status"],
            "VERIFIED",
            "{kind}"
        );
    }
    // ALPHANUMERIC: a code with letters, typed in the other case, is wrong.
    let mut tried = 0;
    loop {
        tried += 1;
        let (id, code) = code_for(
            &emu,
            &format!("+65812392{tried:02}"),
            json!({ "codeType": "ALPHANUMERIC", "codeLength": 10 }),
        );
        if !code.chars().any(|c| c.is_ascii_alphabetic()) {
            assert!(
                tried < 20,
                "ten random symbols without a letter, twenty times"
            );
            continue;
        }
        let swapped: String = code
            .chars()
            .map(|c| {
                if c.is_ascii_uppercase() {
                    c.to_ascii_lowercase()
                } else {
                    c.to_ascii_uppercase()
                }
            })
            .collect();
        let body = emu.check(&id, Some(&swapped)).json();
        assert_eq!(
            (body["status"].as_str(), body["attempt"].as_u64()),
            (Some("WAITING"), Some(1))
        );
        assert_eq!(emu.check(&id, Some(&code)).json()["status"], "VERIFIED");
        break;
    }
}

#[test]
fn templates_render_code_and_brand() {
    let emu = Emulator::start();
    let cases = [
        (json!({}), "Your verification code is {code}"),
        (
            json!({ "brand": "ACME" }),
            "ACME: Your verification code is {code}",
        ),
        (
            json!({ "template": "{code} is your {brand} code", "brand": "Shop" }),
            "{code} is your Shop code",
        ),
        (
            json!({ "template": "Code: {code}", "channel": "call", "language": "en-GB" }),
            "Code: {code}",
        ),
        (
            json!({ "brand": "ACME", "channel": "call" }),
            "ACME: Your verification code is {code}",
        ),
    ];
    for (i, (extra, expected)) in cases.into_iter().enumerate() {
        let (id, code) = code_for(&emu, &format!("+658125{i:04}"), extra);
        let entry = &emu.outbox(&format!("?sessionId={id}"))[0];
        assert_eq!(entry["text"], expected.replace("{code}", &code));
    }
}

#[test]
fn other_channels_describe_what_was_sent() {
    let emu = Emulator::start();
    let (id, code) = code_for(
        &emu,
        "+6581259001",
        json!({ "channel": "whatsapp", "whatsapp": { "templateName": "otp_auth" }, "language": "en-US" }),
    );
    let entry = &emu.outbox(&format!("?sessionId={id}"))[0];
    assert_eq!(entry["channel"], "whatsapp");
    let text = entry["text"].as_str().unwrap();
    assert!(text.contains("otp_auth") && text.contains(&code), "{text}");
    let (id, code) = code_for(&emu, "+6581259002", json!({ "channel": "viber" }));
    let entry = &emu.outbox(&format!("?sessionId={id}"))[0];
    assert_eq!(entry["text"], format!("Your verification code is {code}"));
    let (id, _) = code_for(&emu, "+6581259003", json!({ "sms": { "source": "ACME" } }));
    assert_eq!(emu.outbox(&format!("?sessionId={id}"))[0]["source"], "ACME");
}
