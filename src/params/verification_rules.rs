//! The cross-field rules of "initiate verification": what each channel
//! reads, requires and ignores.

use crate::contract::limits::CODE_VALIDITY;
use crate::json::Value;

use super::enums::Channel;
use super::fields::get;
use super::report::Report;
use super::violation::{Violation, ViolationCode as Code};

/// Which fields the request gives (not null), whatever their values.
pub(crate) struct Given {
    sms: bool,
    call: bool,
    whatsapp: bool,
    whatsapp_template_name: bool,
    template: bool,
    template_key: bool,
    language: bool,
}

impl Given {
    pub(crate) fn of(members: &[(String, Value)]) -> Given {
        let whatsapp = get(members, "whatsapp");
        Given {
            sms: get(members, "sms").is_some(),
            call: get(members, "call").is_some(),
            whatsapp: whatsapp.is_some(),
            whatsapp_template_name: whatsapp
                .and_then(|w| w.get("templateName"))
                .is_some_and(|v| !v.is_null()),
            template: get(members, "template").is_some(),
            template_key: get(members, "templateKey").is_some(),
            language: get(members, "language").is_some(),
        }
    }
}

fn ignored(r: &mut Report, field: &str, channel: Channel, reads: &str) {
    r.warn(Violation::new(
        field,
        Code::NotForChannel,
        format!(
            "{field} is ignored with channel \"{}\": 8x8 reads it only for {reads}",
            channel.as_str()
        ),
    ));
}

/// The channel rules: option objects and `template` the channel ignores
/// (warnings), `whatsapp.templateName` for WhatsApp and `language` with a
/// custom template on `call` (errors), `template` with `templateKey`
/// (warning).
pub(crate) fn check(r: &mut Report, channel: Channel, given: &Given) {
    if given.sms && channel != Channel::Sms {
        ignored(r, "sms", channel, "channel \"sms\"");
    }
    if given.call && channel != Channel::Call {
        ignored(r, "call", channel, "channel \"call\"");
    }
    if given.whatsapp && channel != Channel::Whatsapp {
        ignored(r, "whatsapp", channel, "channel \"whatsapp\"");
    }
    let template_applies = matches!(channel, Channel::Sms | Channel::Call);
    if given.template && !template_applies {
        ignored(r, "template", channel, "channels \"sms\" and \"call\"");
    }
    if channel == Channel::Whatsapp && !given.whatsapp_template_name {
        r.error(Violation::new(
            "whatsapp.templateName",
            Code::Required,
            "whatsapp.templateName is required with channel \"whatsapp\" (the name of your WhatsApp authentication template)",
        ));
    }
    if channel == Channel::Call && given.template && !given.language {
        r.error(Violation::new(
            "language",
            Code::Required,
            "language is required with a custom template on channel \"call\" (the voice must know the text's language)",
        ));
    }
    if given.template && given.template_key && template_applies {
        r.warn(Violation::new(
            "templateKey",
            Code::Conflict,
            "template and templateKey are both given: templateKey selects a saved template instead of the inline text; give one",
        ));
    }
}

/// `resendingInterval` longer than `codeValidity` leaves no resend before
/// the code expires (warning).
pub(crate) fn check_timing(
    r: &mut Report,
    code_validity: Option<u32>,
    resending_interval: Option<u32>,
) {
    let validity = code_validity.unwrap_or(CODE_VALIDITY.default);
    if let Some(interval) = resending_interval.filter(|&i| i > validity) {
        r.warn(Violation::new(
            "resendingInterval",
            Code::Conflict,
            format!("resendingInterval ({interval} s) is longer than codeValidity ({validity} s): no resend is possible before the code expires"),
        ));
    }
}
