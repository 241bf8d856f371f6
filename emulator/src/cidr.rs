//! IP ranges in CIDR notation (`100.64.0.0/10`, `2001:db8::/32`, or a single
//! address): the mobile-network gateways that SMA recognises.

use std::fmt;
use std::net::IpAddr;

/// An address range.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Cidr {
    base: IpAddr,
    prefix: u8,
}

impl Cidr {
    /// Parses `addr/prefix` or a bare address.
    pub(crate) fn parse(text: &str) -> Result<Self, String> {
        let text = text.trim();
        let (addr, prefix) = match text.split_once('/') {
            Some((a, p)) => (a, Some(p)),
            None => (text, None),
        };
        let base: IpAddr = addr
            .parse()
            .map_err(|_| format!("`{text}` is not an IP range (like 100.64.0.0/10)"))?;
        let max = if base.is_ipv4() { 32 } else { 128 };
        let prefix = match prefix {
            None => max,
            Some(p) => p
                .parse::<u8>()
                .ok()
                .filter(|p| *p <= max)
                .ok_or_else(|| format!("`{text}` has a bad prefix length (0 to {max})"))?,
        };
        Ok(Self { base, prefix })
    }

    /// Whether `ip` lies in the range.
    pub(crate) fn contains(&self, ip: IpAddr) -> bool {
        match (self.base, ip) {
            (IpAddr::V4(b), IpAddr::V4(a)) => same_prefix(
                u128::from(u32::from(b)),
                u128::from(u32::from(a)),
                32,
                self.prefix,
            ),
            (IpAddr::V6(b), IpAddr::V6(a)) => {
                same_prefix(u128::from(b), u128::from(a), 128, self.prefix)
            }
            (IpAddr::V4(_), IpAddr::V6(a)) => a
                .to_ipv4_mapped()
                .is_some_and(|v4| self.contains(IpAddr::V4(v4))),
            (IpAddr::V6(_), IpAddr::V4(_)) => false,
        }
    }
}

fn same_prefix(a: u128, b: u128, bits: u8, prefix: u8) -> bool {
    let shift = u32::from(bits - prefix.min(bits));
    if shift >= 128 {
        return true;
    }
    (a >> shift) == (b >> shift)
}

impl fmt::Display for Cidr {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}/{}", self.base, self.prefix)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ip(s: &str) -> IpAddr {
        s.parse().unwrap_or(IpAddr::from([0, 0, 0, 0]))
    }

    #[test]
    fn ranges_contain_their_addresses() -> Result<(), String> {
        let cgnat = Cidr::parse("100.64.0.0/10")?;
        assert!(cgnat.contains(ip("100.64.0.1")));
        assert!(cgnat.contains(ip("100.127.255.255")));
        assert!(!cgnat.contains(ip("100.128.0.0")));
        assert!(cgnat.contains(ip("::ffff:100.64.1.1")));
        let one = Cidr::parse("123.123.123.123")?;
        assert!(one.contains(ip("123.123.123.123")));
        assert!(!one.contains(ip("123.123.123.124")));
        assert!(Cidr::parse("0.0.0.0/0")?.contains(ip("8.8.8.8")));
        assert!(Cidr::parse("2001:db8::/32")?.contains(ip("2001:db8::1")));
        assert!(Cidr::parse("10.0.0.0/33").is_err());
        assert!(Cidr::parse("nope").is_err());
        Ok(())
    }
}
