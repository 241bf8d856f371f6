//! `clientIp`: an IPv4 or IPv6 address.

use std::net::IpAddr;

use crate::params::violation::{Violation, ViolationCode as Code};

/// The violation of `ip` at `path`, if it is not an IP address. IPv4 is
/// dotted decimal without leading zeros (`192.168.0.1`), IPv6 any RFC 4291
/// text form (`2001:db8::1`, `::ffff:192.0.2.1`); no zone, port or brackets.
pub(crate) fn check(path: &str, ip: &str) -> Option<Violation> {
    ip.parse::<IpAddr>().is_err().then(|| {
        Violation::new(
            path,
            Code::InvalidIp,
            format!("{path} must be an IPv4 or IPv6 address (got {ip:?})"),
        )
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn accepts_addresses() {
        for ip in [
            "123.123.123.123",
            "0.0.0.0",
            "2001:db8::1",
            "::1",
            "::ffff:192.0.2.1",
        ] {
            assert!(check("clientIp", ip).is_none(), "{ip}");
        }
    }

    #[test]
    fn rejects_others() {
        for ip in [
            "",
            "256.1.1.1",
            "1.2.3",
            "01.2.3.4",
            "1.2.3.4:80",
            "[::1]",
            "fe80::1%eth0",
            "localhost",
            " 1.2.3.4",
        ] {
            assert!(check("clientIp", ip).is_some(), "{ip}");
        }
    }
}
