//! The policy as a fraudster would probe it: costly number types on every
//! channel, landlines on text channels, channels not offered, numbers of no
//! region.

use super::*;
use verify8x8::json;
use verify8x8::params::{self, Channel};

fn config(vars: &[(&str, &str)]) -> Config {
    let mut all = vec![
        ("VERIFY_API_KEY", "key"),
        ("VERIFY_SUBACCOUNT_ID", "acme_hq"),
        ("HANDLE_SECRET", "q3Vt9XbL0cZ2mN7pR4sT6uW8yA1dF5hJ"),
        ("PROOF_SIGNING_KEY", "{\"kty\":\"OKP\",\"crv\":\"Ed25519\",\"d\":\"WHS9y9C583jf92RN8zYfmbGo3aS0ZlyqAtXnzXPD8V0\"}"),
        ("ALLOWED_COUNTRIES", "*"),
        ("CHANNELS", "sms,call,whatsapp,viber,sma"),
        ("WHATSAPP_TEMPLATES", "otp"),
    ];
    all.extend_from_slice(vars);
    Config::from_lookup(|name| {
        all.iter()
            .rev()
            .find(|(n, _)| *n == name)
            .map(|(_, v)| v.to_string())
    })
    .expect("valid")
}

fn verdict(destination: &str, channel: Channel) -> Verdict<VerificationRequest> {
    let mut body = format!(
        r#"{{"destination":"{destination}","channel":"{}""#,
        channel.as_str()
    );
    if channel == Channel::Whatsapp {
        body.push_str(r#","whatsapp":{"templateName":"otp"}"#);
    }
    body.push('}');
    params::validate_verification(&json::parse(&body).expect("json"))
}

fn codes(destination: &str, channel: Channel, config: &Config) -> Vec<ViolationCode> {
    match check(&verdict(destination, channel), config) {
        Ok(_) => Vec::new(),
        Err(violations) => violations.into_iter().map(|v| v.code).collect(),
    }
}

/// Numbers of each costly type (their types checked first, so a change of
/// the metadata cannot quietly empty this test).
const COSTLY: [(&str, NumberType); 7] = [
    ("+448001234567", NumberType::TollFree),
    ("+449012345678", NumberType::PremiumRate),
    ("+33821123456", NumberType::SharedCost),
    ("+447012345678", NumberType::PersonalNumber),
    ("+447640123456", NumberType::Pager),
    ("+445512345678", NumberType::Uan),
    ("+445612345678", NumberType::Voip),
];

#[test]
fn costly_number_types_are_refused_on_every_channel() {
    let config = config(&[]);
    for (number, kind) in COSTLY {
        let parsed = phone::parse(number, None).expect("a number");
        assert!(parsed.valid, "{number}");
        assert_eq!(parsed.number_type, Some(kind), "{number}");
        for channel in Channel::ALL {
            assert!(
                codes(number, channel, &config).contains(&ViolationCode::NumberTypeNotAllowed),
                "{number} ({kind:?}) on {channel:?}"
            );
        }
    }
}

#[test]
fn the_sendable_types() {
    for kind in [
        NumberType::Mobile,
        NumberType::FixedLine,
        NumberType::FixedLineOrMobile,
    ] {
        assert!(sends_to(Some(kind), false), "{kind:?}");
    }
    for kind in [
        NumberType::TollFree,
        NumberType::PremiumRate,
        NumberType::SharedCost,
        NumberType::PersonalNumber,
        NumberType::Pager,
        NumberType::Uan,
        NumberType::Voicemail,
    ] {
        assert!(!sends_to(Some(kind), true), "{kind:?}");
    }
    assert!(!sends_to(None, true), "unknown type");
    assert!(!sends_to(Some(NumberType::Voip), false));
    assert!(sends_to(Some(NumberType::Voip), true));
}

#[test]
fn voip_only_when_the_operator_allows_it() {
    let voip = "+445612345678";
    assert!(codes(voip, Channel::Sms, &config(&[])).contains(&ViolationCode::NumberTypeNotAllowed));
    assert_eq!(
        codes(voip, Channel::Sms, &config(&[("ALLOW_VOIP", "true")])),
        vec![]
    );
}

#[test]
fn landlines_take_calls_but_no_texts() {
    let landline = "+442071234567";
    assert_eq!(
        phone::parse(landline, None).expect("number").number_type,
        Some(NumberType::FixedLine)
    );
    let config = config(&[]);
    assert_eq!(codes(landline, Channel::Call, &config), vec![]);
    for channel in [
        Channel::Sms,
        Channel::Sma,
        Channel::Whatsapp,
        Channel::Viber,
    ] {
        assert_eq!(
            codes(landline, channel, &config),
            vec![ViolationCode::NotMobile],
            "{channel:?}"
        );
    }
}

#[test]
fn only_the_configured_channels() {
    let config = config(&[("CHANNELS", "sms")]);
    assert_eq!(codes("+447400123456", Channel::Sms, &config), vec![]);
    assert_eq!(
        codes("+447400123456", Channel::Call, &config),
        vec![ViolationCode::ChannelNotAllowed]
    );
}

#[test]
fn numbers_of_no_region_are_counted_under_their_calling_code() {
    let number = phone::parse("+882345678901", None).expect("a number");
    assert_eq!(number.region, None);
    assert_eq!(area(&number), "+882");
    let sg = phone::parse("+6581234567", None).expect("a number");
    assert_eq!(area(&sg), "SG");
    // Under an allow-list, a number of no region is refused unless its code is listed.
    let listed = config(&[("ALLOWED_COUNTRIES", "SG")]);
    assert!(
        codes("+882345678901", Channel::Call, &listed).contains(&ViolationCode::CountryNotAllowed)
    );
    let with_code = config(&[("ALLOWED_COUNTRIES", "SG,+882")]);
    assert!(!codes("+882345678901", Channel::Call, &with_code)
        .contains(&ViolationCode::CountryNotAllowed));
}
