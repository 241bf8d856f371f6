//! Validation of the SMA coverage check (`POST .../sma/coverage`).

use crate::json::Value;

use super::country;
use super::destination;
use super::fields::{self, check_names, get, string};
use super::model::CoverageRequest;
use super::report::Report;
use super::rules::client_ip;
use super::violation::{Verdict, Violation, ViolationCode as Code};

/// Every field of the coverage request body.
pub const COVERAGE_FIELDS: [&str; 3] = ["clientIp", "destination", "country"];

/// Validates an SMA coverage request `{ clientIp, destination?, country? }`
/// and resolves it: `clientIp` required (IPv4 or IPv6), `destination`
/// normalized to E.164 like [`validate_verification`](super::validate_verification)
/// does, `country` dropped.
///
/// ```
/// use verify8x8::{json, params::validate_coverage};
/// let input = json::parse(r#"{"clientIp":"123.123.123.123","destination":"+6587654321"}"#).unwrap();
/// assert!(validate_coverage(&input).is_ok());
/// let bad = json::parse(r#"{"clientIp":"123.123.123"}"#).unwrap();
/// assert_eq!(validate_coverage(&bad).errors[0].code.as_str(), "invalid_ip");
/// ```
pub fn validate_coverage(input: &Value) -> Verdict<CoverageRequest> {
    let mut report = Report::default();
    let Some(members) = fields::object(&mut report, "", input) else {
        return report.finish(|| None);
    };
    let r = &mut report;
    check_names(r, "", members, &COVERAGE_FIELDS, &[]);
    let ip = match get(members, "clientIp") {
        None => {
            r.error(Violation::new(
                "clientIp",
                Code::Required,
                "clientIp is required (the public IP of the device's mobile-data session)",
            ));
            None
        }
        Some(v) => string(r, "clientIp", v).filter(|ip| match client_ip::check("clientIp", ip) {
            Some(violation) => {
                r.error(violation);
                false
            }
            None => true,
        }),
    };
    let country_given = get(members, "country").is_some();
    let country = get(members, "country").and_then(|v| country::field(r, v));
    let destination = get(members, "destination").and_then(|v| {
        let raw = string(r, "destination", v)?;
        destination::resolve(
            r,
            "destination",
            raw,
            country.as_deref(),
            country_given,
            None,
        )
    });
    if country_given && get(members, "destination").is_none() {
        r.warn(Violation::new(
            "country",
            Code::NotForChannel,
            "country is ignored without destination",
        ));
    }
    let has_destination = get(members, "destination").is_some();
    report.finish(|| {
        let destination = if has_destination {
            Some(destination?)
        } else {
            None
        };
        Some(CoverageRequest {
            client_ip: ip?.to_owned(),
            destination,
        })
    })
}
