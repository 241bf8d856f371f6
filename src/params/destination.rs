//! `destination` (with `country`) to E.164, through the phone module. The
//! only place `params` touches `phone`.

use crate::phone::{self, Invalid, PhoneNumber};

use super::enums::Channel;
use super::report::Report;
use super::violation::{Violation, ViolationCode as Code};

/// `destination` normalized to E.164, or the violations recorded in
/// `report`. `path` is where the destination was read, `country` the
/// validated (upper-case) `country` if one was given, `country_given`
/// whether one was given at all (valid or not), and `channel` the resolved
/// channel when known (for the "can this number get an SMS" warning).
///
/// - A number with `+` is international; `country` is then ignored.
/// - Without `+`: with `country` it is national; without, 8x8 reads it as
///   international (a leading `+` implied): if that gives no possible
///   number, `country` is required (error), else a warning says how it is
///   read, in case it was meant national.
/// - A number that cannot be made E.164 (not a number, unknown country
///   code, wrong length) is an `invalid_phone` error with the phone reason;
///   a possible number that is not valid for its region only a warning
///   (8x8 still sends to it); a number known not to take SMS a `not_mobile`
///   warning for the `sms`, `whatsapp` and `sma` channels.
pub(crate) fn resolve(
    report: &mut Report,
    path: &str,
    raw: &str,
    country: Option<&str>,
    country_given: bool,
    channel: Option<Channel>,
) -> Option<String> {
    let text = raw.trim();
    if text.is_empty() {
        report.error(Violation::new(
            path,
            Code::Required,
            format!("{path} must not be empty"),
        ));
        return None;
    }
    let international = text.starts_with('+');
    let parsed = match (international, country) {
        (false, Some(region)) => phone::parse(text, Some(region)),
        (false, None) if country_given => return None, // the bad country is reported
        _ => phone::parse(text, None),
    };
    if !international && country.is_none() {
        let usable = matches!(&parsed, Ok(n) if n.possible);
        let not_a_number = matches!(&parsed, Err(e) if e.reason == Invalid::NotANumber);
        if !usable && !not_a_number {
            report.error(Violation::new(
                "country",
                Code::Required,
                format!(
                    "country is required: {path} {raw:?} is not in international format \
                     (start it with + and the country code, or give country for a national number)"
                ),
            ));
            return None;
        }
        if let Ok(n) = &parsed {
            report.warn(Violation::new(
                "country",
                Code::Required,
                format!(
                    "{path} {raw:?} has no + and there is no country: 8x8 reads it as the international \
                     number {}; give country if it is a national number",
                    n.e164
                ),
            ));
        }
    }
    match parsed {
        Ok(number) => accept(report, path, raw, number, channel),
        Err(e) => {
            report.error(
                Violation::new(
                    path,
                    Code::InvalidPhone,
                    format!("{path} {raw:?} is not a valid phone number: {e}"),
                )
                .with_reason(e.reason.as_str()),
            );
            None
        }
    }
}

fn accept(
    report: &mut Report,
    path: &str,
    raw: &str,
    number: PhoneNumber,
    channel: Option<Channel>,
) -> Option<String> {
    let reason = number.reason.map(Invalid::as_str);
    if !number.possible {
        let mut v = Violation::new(
            path,
            Code::InvalidPhone,
            format!("{path} {raw:?} cannot be a phone number (wrong length for its country)"),
        );
        v.reason = reason.or(Some("INVALID_LENGTH")).map(str::to_owned);
        report.error(v);
        return None;
    }
    if !number.valid {
        let mut v = Violation::new(
            path,
            Code::InvalidPhone,
            format!("{path} {raw:?} is not a number in use in its country; 8x8 will still try it"),
        );
        v.reason = reason.or(Some("NOT_VALID_FOR_REGION")).map(str::to_owned);
        report.warn(v);
    } else if let (Some(kind), Some(Channel::Sms | Channel::Whatsapp | Channel::Sma)) =
        (number.number_type, channel)
    {
        if !kind.can_receive_sms() {
            report.warn(Violation::new(
                path,
                Code::NotMobile,
                format!("{path} {raw:?} is not a mobile number: it cannot receive this channel; try channel \"call\""),
            ));
        }
    }
    Some(number.e164)
}
