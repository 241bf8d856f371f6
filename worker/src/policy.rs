//! The edge's abuse policy on a validated request: which destinations may be
//! sent to at all. Limits on how often live in `rules` and the limiter.

use verify8x8::params::{Channel, Verdict, VerificationRequest, Violation, ViolationCode};
use verify8x8::phone;

use crate::config::Config;

/// Refusals of a validated verification request by the edge's policy, each a
/// violation on `destination`: a country outside `ALLOWED_COUNTRIES`, a number
/// not valid for its country, a number that cannot receive an SMS on the
/// `sms` and `sma` channels (`REQUIRE_MOBILE`). Returns the destination's
/// region when the request may go on.
pub fn check(
    verdict: &Verdict<VerificationRequest>,
    config: &Config,
) -> Result<Option<String>, Vec<Violation>> {
    let Some(request) = &verdict.request else {
        return Ok(None);
    };
    let mut refusals = Vec::new();
    let number = phone::parse(&request.destination, None).ok();
    let region = number
        .as_ref()
        .and_then(|n| n.region)
        .map(|r| r.as_str().to_owned());

    if let Some(allowed) = &config.allowed_countries {
        if !region.as_ref().is_some_and(|r| allowed.contains(r)) {
            let message = format!(
                "destination: numbers of {} are not accepted here (allowed: {})",
                region.as_deref().unwrap_or("this country"),
                allowed.join(", ")
            );
            refusals.push(Violation::new(
                "destination",
                ViolationCode::CountryNotAllowed,
                message,
            ));
        }
    }
    // The validator judged the number; a warning there is a refusal here,
    // where sending costs money.
    for warning in &verdict.warnings {
        let refuse = match warning.code {
            ViolationCode::InvalidPhone => warning.path == "destination",
            ViolationCode::NotMobile => {
                config.require_mobile && matches!(request.channel, Channel::Sms | Channel::Sma)
            }
            _ => false,
        };
        if refuse {
            refusals.push(warning.clone());
        }
    }
    if refusals.is_empty() {
        Ok(region)
    } else {
        Err(refusals)
    }
}
