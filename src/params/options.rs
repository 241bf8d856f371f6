//! The channel option objects `sms`, `call` and `whatsapp`: their fields,
//! read and checked, before the channel decides whether they apply.

use crate::json::Value;

use super::enums::Encoding;
use super::fields::{
    self, check_length, check_names, get, integer, non_empty, number, one_of, string,
};
use super::model::{CallOptions, SmsOptions};
use super::report::{join, Report};
use super::rules::sender;

/// Default `call.speed`.
pub const DEFAULT_CALL_SPEED: f64 = 0.8;
/// `call.speed` range.
pub const CALL_SPEED_RANGE: (f64, f64) = (0.5, 2.0);
/// Default `call.repetition`.
pub const DEFAULT_CALL_REPETITION: u8 = 2;
/// `call.repetition` range.
pub const CALL_REPETITION_RANGE: (u32, u32) = (1, 3);
/// Longest `call.voiceProfile`.
pub const VOICE_PROFILE_MAX_LEN: u32 = 50;

/// Reads `sms` (given, not null): its options with defaults, `None` when
/// something in it is wrong (reported).
pub(crate) fn sms(report: &mut Report, value: &Value) -> Option<SmsOptions> {
    let members = fields::object(report, "sms", value)?;
    check_names(report, "sms", members, &["source", "encoding"], &[]);
    let mut ok = true;
    let source = get(members, "source").and_then(|v| {
        let path = join("sms", "source");
        let s = string(report, &path, v)?;
        if let Some(violation) = sender::check(&path, s) {
            report.error(violation);
            return None;
        }
        Some(s.to_owned())
    });
    ok &= source.is_some() || get(members, "source").is_none();
    let names = Encoding::ALL.map(Encoding::as_str);
    let encoding = match get(members, "encoding") {
        None => Some(Encoding::Auto),
        Some(v) => string(report, "sms.encoding", v)
            .and_then(|s| one_of(report, "sms.encoding", s, &names, Encoding::from_name)),
    };
    ok &= encoding.is_some();
    Some(SmsOptions {
        source,
        encoding: encoding?,
    })
    .filter(|_| ok)
}

/// Reads `call` (given, not null) like [`sms`].
pub(crate) fn call(report: &mut Report, value: &Value) -> Option<CallOptions> {
    let members = fields::object(report, "call", value)?;
    let known = ["source", "speed", "repetition", "voiceProfile"];
    check_names(report, "call", members, &known, &[]);
    let mut ok = true;
    let source = match get(members, "source") {
        None => None,
        Some(v) => {
            let s =
                string(report, "call.source", v).filter(|s| non_empty(report, "call.source", s));
            ok &= s.is_some();
            s.map(str::to_owned)
        }
    };
    let speed = match get(members, "speed") {
        None => Some(DEFAULT_CALL_SPEED),
        Some(v) => number(
            report,
            "call.speed",
            v,
            CALL_SPEED_RANGE.0,
            CALL_SPEED_RANGE.1,
        ),
    };
    let repetition = match get(members, "repetition") {
        None => Some(u32::from(DEFAULT_CALL_REPETITION)),
        Some(v) => integer(
            report,
            "call.repetition",
            v,
            CALL_REPETITION_RANGE.0,
            CALL_REPETITION_RANGE.1,
        ),
    };
    let voice_profile = match get(members, "voiceProfile") {
        None => None,
        Some(v) => {
            let s = string(report, "call.voiceProfile", v)
                .filter(|s| check_length(report, "call.voiceProfile", s, 1, VOICE_PROFILE_MAX_LEN));
            ok &= s.is_some();
            s.map(str::to_owned)
        }
    };
    let options = CallOptions {
        source,
        speed: speed?,
        // At most 3 (checked), so it fits.
        repetition: u8::try_from(repetition?).ok()?,
        voice_profile,
    };
    ok.then_some(options)
}

/// Reads `whatsapp` (given, not null): `Some(templateName)` if present and
/// well-formed, `Some(None)` if absent, `None` if wrong (reported). Whether
/// the name is required depends on the channel (the caller checks).
pub(crate) fn whatsapp(report: &mut Report, value: &Value) -> Option<Option<String>> {
    let members = fields::object(report, "whatsapp", value)?;
    check_names(report, "whatsapp", members, &["templateName"], &[]);
    match get(members, "templateName") {
        None => Some(None),
        Some(v) => {
            let path = "whatsapp.templateName";
            let s = string(report, path, v).filter(|s| non_empty(report, path, s))?;
            Some(Some(s.to_owned()))
        }
    }
}
