//! Validation of "initiate verification" (`POST .../sessions`).

use crate::contract::limits::{CODE_LENGTH, CODE_VALIDITY, RESENDING_INTERVAL};
use crate::json::Value;

use super::country;
use super::destination;
use super::enums::{Channel, CodeType};
use super::fields::{
    self, boolean, check_length, check_names, get, integer, non_empty, one_of, string,
};
use super::language::{DEFAULT_CALL_LANGUAGE, LANGUAGES};
use super::model::{CallOptions, VerificationRequest, WhatsAppOptions};
use super::options::{self, DEFAULT_CALL_REPETITION, DEFAULT_CALL_SPEED};
use super::report::Report;
use super::rules::{callback_url, client_ip, template};
use super::verification_rules::{self as cross, Given};
use super::violation::{Verdict, Violation, ViolationCode as Code};

/// Every field of the request body.
pub const VERIFICATION_FIELDS: [&str; 17] = [
    "destination",
    "country",
    "channel",
    "brand",
    "codeLength",
    "codeValidity",
    "codeType",
    "template",
    "language",
    "resetSession",
    "resendingInterval",
    "callbackUrl",
    "clientIp",
    "sms",
    "call",
    "whatsapp",
    "templateKey",
];

/// Longest `brand`.
pub const BRAND_MAX_LEN: u32 = 30;

/// Validates an "initiate verification" request body and resolves it.
///
/// Every violation is reported at once, each with its path, code, limit and
/// message. Without errors, `request` is the body to send: defaults filled
/// in as 8x8 applies them (channel `sms`, `codeLength` 4, `codeValidity`
/// 300, `resendingInterval` 10, the default template for `sms` and `call`,
/// `sms.encoding` `AUTO`, `call.speed` 0.8, `call.repetition` 2, `language`
/// `en-US` for `call`), `destination` in E.164 and `country` dropped;
/// option objects and a `template` the channel ignores (warned about) are
/// dropped too.
///
/// ```
/// use verify8x8::{json, params::validate_verification};
/// let input = json::parse(r#"{"destination":"+65 8765 4321","brand":"ACME"}"#).unwrap();
/// let verdict = validate_verification(&input);
/// assert!(verdict.is_ok());
/// let request = verdict.request.unwrap();
/// assert_eq!(request.destination, "+6587654321");
/// assert_eq!(request.template.as_deref(), Some("{brand}: Your verification code is {code}"));
///
/// let bad = json::parse(r#"{"destination":"+6587654321","codelength":6,"call":{"speed":3}}"#).unwrap();
/// let codes: Vec<_> = validate_verification(&bad).errors.iter().map(|v| v.code.as_str()).collect();
/// assert_eq!(codes, ["unknown_field", "out_of_range"]);
/// ```
pub fn validate_verification(input: &Value) -> Verdict<VerificationRequest> {
    let mut report = Report::default();
    let Some(members) = fields::object(&mut report, "", input) else {
        return report.finish(|| None);
    };
    let r = &mut report;
    let legacy = [("productName", "it is the v1 name of brand")];
    check_names(r, "", members, &VERIFICATION_FIELDS, &legacy);

    let country_given = get(members, "country").is_some();
    let country = get(members, "country").and_then(|v| country::field(r, v));
    let channel = match get(members, "channel") {
        None => Some(Channel::Sms),
        Some(v) => string(r, "channel", v).and_then(|s| {
            one_of(
                r,
                "channel",
                s,
                &Channel::ALL.map(Channel::as_str),
                Channel::from_name,
            )
        }),
    };
    let brand = text(r, members, "brand", 0, BRAND_MAX_LEN);
    let code_length = get(members, "codeLength")
        .and_then(|v| integer(r, "codeLength", v, CODE_LENGTH.min, CODE_LENGTH.max));
    let code_validity = get(members, "codeValidity")
        .and_then(|v| integer(r, "codeValidity", v, CODE_VALIDITY.min, CODE_VALIDITY.max));
    let code_type = get(members, "codeType").and_then(|v| {
        let names = CodeType::ALL.map(CodeType::as_str);
        let s = string(r, "codeType", v)?;
        one_of(r, "codeType", s, &names, CodeType::from_name)
    });
    let template_text = get(members, "template").and_then(|v| string(r, "template", v));
    let language = get(members, "language").and_then(|v| {
        let s = string(r, "language", v)?;
        one_of(r, "language", s, &LANGUAGES, |s| {
            LANGUAGES.contains(&s).then(|| s.to_owned())
        })
    });
    let reset_session = get(members, "resetSession").and_then(|v| boolean(r, "resetSession", v));
    let resending_interval = get(members, "resendingInterval").and_then(|v| {
        integer(
            r,
            "resendingInterval",
            v,
            RESENDING_INTERVAL.min,
            RESENDING_INTERVAL.max,
        )
    });
    let callback = checked(r, members, "callbackUrl", callback_url::check);
    let ip = checked(r, members, "clientIp", client_ip::check);
    let sms = get(members, "sms").and_then(|v| options::sms(r, v));
    let call = get(members, "call").and_then(|v| options::call(r, v));
    let whatsapp_name = get(members, "whatsapp")
        .and_then(|v| options::whatsapp(r, v))
        .flatten();
    let template_key = get(members, "templateKey")
        .and_then(|v| string(r, "templateKey", v))
        .filter(|s| non_empty(r, "templateKey", s))
        .map(str::to_owned);

    let destination = match get(members, "destination") {
        None => {
            r.error(Violation::new(
                "destination",
                Code::Required,
                "destination is required",
            ));
            None
        }
        Some(v) => string(r, "destination", v).and_then(|raw| {
            destination::resolve(
                r,
                "destination",
                raw,
                country.as_deref(),
                country_given,
                channel,
            )
        }),
    };

    if let Some(channel) = channel {
        let given = Given::of(members);
        cross::check(r, channel, &given);
        if let (Some(t), true) = (
            template_text,
            matches!(channel, Channel::Sms | Channel::Call),
        ) {
            template::check(r, "template", t, brand.is_some());
        }
    }
    cross::check_timing(r, code_validity, resending_interval);

    report.finish(|| {
        let channel = channel?;
        let template = match channel {
            Channel::Sms | Channel::Call => template_text.map(str::to_owned).or_else(|| {
                template_key
                    .is_none()
                    .then(|| template::default_template(brand.is_some()).to_owned())
            }),
            _ => None,
        };
        let language = match channel {
            Channel::Call => language.or_else(|| Some(DEFAULT_CALL_LANGUAGE.to_owned())),
            _ => language,
        };
        Some(VerificationRequest {
            destination: destination?,
            channel,
            brand: brand.map(str::to_owned),
            code_length: code_length.unwrap_or(CODE_LENGTH.default) as u8,
            code_validity: code_validity.unwrap_or(CODE_VALIDITY.default),
            code_type,
            template,
            language,
            reset_session,
            resending_interval: resending_interval.unwrap_or(RESENDING_INTERVAL.default),
            callback_url: callback.map(str::to_owned),
            client_ip: ip.map(str::to_owned),
            sms: (channel == Channel::Sms).then(|| sms.unwrap_or_default()),
            call: (channel == Channel::Call).then(|| {
                call.unwrap_or(CallOptions {
                    source: None,
                    speed: DEFAULT_CALL_SPEED,
                    repetition: DEFAULT_CALL_REPETITION,
                    voice_profile: None,
                })
            }),
            whatsapp: match channel {
                Channel::Whatsapp => Some(WhatsAppOptions {
                    template_name: whatsapp_name?,
                }),
                _ => None,
            },
            template_key,
        })
    })
}

/// An optional string field of `min..=max` characters.
fn text<'a>(
    r: &mut Report,
    members: &'a [(String, Value)],
    name: &str,
    min: u32,
    max: u32,
) -> Option<&'a str> {
    let s = string(r, name, get(members, name)?)?;
    check_length(r, name, s, min, max).then_some(s)
}

/// An optional string field checked by `rule`.
fn checked<'a>(
    r: &mut Report,
    members: &'a [(String, Value)],
    name: &str,
    rule: fn(&str, &str) -> Option<Violation>,
) -> Option<&'a str> {
    let s = string(r, name, get(members, name)?)?;
    match rule(name, s) {
        Some(violation) => {
            r.error(violation);
            None
        }
        None => Some(s),
    }
}
