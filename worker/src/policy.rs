//! The edge's abuse policy on a validated request: which destinations and
//! channels may be sent to at all. Limits on how often live in `rules` and
//! the limiter.

use verify8x8::params::{Channel, Verdict, VerificationRequest, Violation, ViolationCode};
use verify8x8::phone::{self, NumberType};

use crate::config::Config;

/// Where a number is counted: its region (`"SG"`), or `+<calling code>`
/// for a number no region owns (`"+882"`, international networks).
pub fn area(number: &phone::PhoneNumber) -> String {
    match number.region {
        Some(region) => region.as_str().to_owned(),
        None => {
            let mut area = String::from("+");
            area.push_str(&number.country_calling_code.to_string());
            area
        }
    }
}

/// Whether the edge sends to a number of this type on `channel`. Revenue
/// share fraud lives on premium rate, shared cost, toll free, UAN, pager,
/// voicemail and personal numbers: refused on every channel, and so is a
/// number whose type is unknown. VoIP only when the operator allows it.
/// Whether a landline is refused on a text channel is [`check`]'s concern.
pub fn sends_to(kind: Option<NumberType>, allow_voip: bool) -> bool {
    match kind {
        Some(NumberType::Mobile | NumberType::FixedLine | NumberType::FixedLineOrMobile) => true,
        Some(NumberType::Voip) => allow_voip,
        Some(
            NumberType::TollFree
            | NumberType::PremiumRate
            | NumberType::SharedCost
            | NumberType::PersonalNumber
            | NumberType::Pager
            | NumberType::Uan
            | NumberType::Voicemail,
        )
        | None => false,
    }
}

/// A number type as a message says it ("this service does not send to numbers …").
fn words(kind: NumberType) -> &'static str {
    match kind {
        NumberType::TollFree => "that are toll free",
        NumberType::PremiumRate => "that are premium rate",
        NumberType::SharedCost => "that are shared cost",
        NumberType::Voip => "that are VoIP",
        NumberType::PersonalNumber => "that are personal (forwarding) numbers",
        NumberType::Pager => "of pagers",
        NumberType::Uan => "that are universal access numbers",
        NumberType::Voicemail => "of voicemail services",
        NumberType::Mobile | NumberType::FixedLine | NumberType::FixedLineOrMobile => {
            "of this type"
        }
    }
}

/// Refusals of a validated verification request by the edge's policy: a
/// channel the operator does not offer, a country outside
/// `ALLOWED_COUNTRIES`, a number not valid for its country, a costly number
/// type, and a number that cannot receive texts on a text channel (sms and
/// sma under `REQUIRE_MOBILE`; whatsapp and viber always). Returns where the
/// number is counted ([`area`]) when the request may go on.
pub fn check(
    verdict: &Verdict<VerificationRequest>,
    config: &Config,
) -> Result<String, Vec<Violation>> {
    let Some(request) = &verdict.request else {
        return Err(Vec::new());
    };
    let mut refusals = Vec::new();
    if !config.channels.contains(&request.channel) {
        let offered: Vec<&str> = config.channels.iter().map(|c| c.as_str()).collect();
        refusals.push(Violation::new(
            "channel",
            ViolationCode::ChannelNotAllowed,
            format!(
                "channel {:?} is not offered here (offered: {})",
                request.channel.as_str(),
                offered.join(", ")
            ),
        ));
    }
    let number = phone::parse(&request.destination, None).ok();
    let area = number.as_ref().map(area);

    if let Some(allowed) = &config.allowed_countries {
        if !area.as_ref().is_some_and(|r| allowed.contains(r)) {
            let message = format!(
                "destination: numbers of {} are not accepted here (allowed: {})",
                area.as_deref().unwrap_or("this country"),
                allowed.join(", ")
            );
            refusals.push(Violation::new(
                "destination",
                ViolationCode::CountryNotAllowed,
                message,
            ));
        }
    }
    let kind = number.as_ref().and_then(|n| n.number_type);
    let valid = number.as_ref().is_some_and(|n| n.valid);
    if valid && !sends_to(kind, config.allow_voip) {
        let name = kind.map_or("of an unknown type", words);
        refusals.push(Violation::new(
            "destination",
            ViolationCode::NumberTypeNotAllowed,
            format!("destination: this service does not send to numbers {name}"),
        ));
    }
    let text_channel = match request.channel {
        Channel::Sms | Channel::Sma => config.require_mobile,
        Channel::Whatsapp | Channel::Viber => true,
        Channel::Call => false,
    };
    if valid && text_channel && kind.is_some_and(|k| !k.can_receive_sms()) {
        refusals.push(Violation::new(
            "destination",
            ViolationCode::NotMobile,
            format!(
                "destination: not a mobile number, so it cannot receive channel {:?}",
                request.channel.as_str()
            ),
        ));
    }
    // The validator judged the number: a warning there is a refusal here,
    // where sending costs money.
    for warning in &verdict.warnings {
        if warning.code == ViolationCode::InvalidPhone && warning.path == "destination" {
            refusals.push(warning.clone());
        }
    }
    match area {
        Some(area) if refusals.is_empty() => Ok(area),
        Some(_) => Err(refusals),
        None => {
            refusals.push(Violation::new(
                "destination",
                ViolationCode::InvalidPhone,
                "destination is not a phone number",
            ));
            Err(refusals)
        }
    }
}

#[cfg(test)]
mod tests;
