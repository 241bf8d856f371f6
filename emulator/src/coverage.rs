//! SMA coverage: whether Silent Mobile Authentication can serve a device,
//! decided from the configured countries and mobile-gateway ranges.

use std::net::IpAddr;

use verify8x8::phone::{self, NumberType};

use crate::config::Config;

/// True when `client_ip` lies in a mobile-gateway range and `destination`
/// (E.164, if given) is a mobile number of a configured SMA country.
pub(crate) fn is_available(config: &Config, client_ip: IpAddr, destination: Option<&str>) -> bool {
    let gateway = config.mobile_gateways.iter().any(|r| r.contains(client_ip));
    gateway && destination.is_none_or(|d| number_covered(config, d))
}

fn number_covered(config: &Config, e164: &str) -> bool {
    let Ok(number) = phone::parse(e164, None) else {
        return false;
    };
    let mobile = number
        .number_type
        .is_some_and(|t| matches!(t, NumberType::Mobile | NumberType::FixedLineOrMobile));
    let region = number.region.map(|r| r.as_str().to_string());
    mobile && region.is_some_and(|r| config.sma_countries.contains(&r))
}
