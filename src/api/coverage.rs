//! Coverage parameters per mode: in Proxy mode the edge worker fills
//! `clientIp` from the connection, so it may be left out.

use super::config::{Config, Mode};
use crate::json::Value;
use crate::params::{self, CoverageRequest, Verdict};

/// A documentation address (RFC 5737) standing in for the `clientIp` the
/// worker fills; never sent (see [`check_coverage`](super::check_coverage)).
const PLACEHOLDER_IP: &str = "192.0.2.1";

/// [`params::validate_coverage`], except that in Proxy mode `clientIp` is
/// optional.
///
/// ```
/// use verify8x8::{api::{validate_coverage, Config}, json};
/// let input = json::parse(r#"{"destination":"+6587654321"}"#).unwrap();
/// assert!(validate_coverage(&Config::proxy(""), &input).is_ok());
/// assert!(!validate_coverage(&Config::direct("https://verify.8x8.com", "acme", "k"), &input).is_ok());
/// ```
pub fn validate_coverage(cfg: &Config, input: &Value) -> Verdict<CoverageRequest> {
    match (cfg.mode(), input) {
        (Mode::Proxy, Value::Object(members)) if input.get("clientIp").is_none() => {
            let mut members = members.clone();
            members.push((
                "clientIp".to_owned(),
                Value::String(PLACEHOLDER_IP.to_owned()),
            ));
            params::validate_coverage(&Value::Object(members))
        }
        _ => params::validate_coverage(input),
    }
}
