//! SMA coverage: whether Silent Mobile Authentication can serve a device,
//! decided from the configured countries and mobile-gateway ranges.

use std::net::IpAddr;

use crate::config::Config;

/// True when `client_ip` lies in a mobile-gateway range and `destination`
/// (E.164, if given) is a number of a configured SMA country.
pub(crate) fn is_available(config: &Config, client_ip: IpAddr, destination: Option<&str>) -> bool {
    let gateway = config.mobile_gateways.iter().any(|r| r.contains(client_ip));
    let number = destination.is_none_or(|d| {
        country_of(d).is_some_and(|cc| config.sma_countries.iter().any(|c| c == cc))
    });
    gateway && number
}

/// TEMPORARY until `verify8x8::phone` lands: the region of a few calling codes.
fn country_of(e164: &str) -> Option<&'static str> {
    let digits = e164.trim_start_matches('+');
    [("65", "SG"), ("62", "ID"), ("44", "GB"), ("1", "US")]
        .iter()
        .find(|(prefix, _)| digits.starts_with(prefix))
        .map(|(_, cc)| *cc)
}
