//! What the rate limits count by: the client's network, the destination,
//! its number prefix, its country.

use std::net::IpAddr;

/// The rate-limit key of a client address: an IPv4 address as it is, an IPv6
/// address by its /64 (one subscriber's allocation: counting single IPv6
/// addresses would let one client rotate through billions). `None` when
/// `ip` is not an address.
pub fn client_network(ip: &str) -> Option<String> {
    match ip.trim().parse::<IpAddr>().ok()? {
        IpAddr::V4(v4) => Some(v4.to_string()),
        IpAddr::V6(v6) => match v6.to_ipv4_mapped() {
            Some(v4) => Some(v4.to_string()),
            None => {
                let s = v6.segments();
                Some(format!("{:x}:{:x}:{:x}:{:x}::/64", s[0], s[1], s[2], s[3]))
            }
        },
    }
}

/// The address tiers of a client counted on a start, all in one object (so
/// they are counted together, atomically): the object's key, and each
/// tier's limit name and counter name. IPv4: the address and its /24 (a
/// botnet's addresses cluster in rented ranges); IPv6: the /64, its /56 and
/// its /48 (a tunnel broker hands out a whole /48 for free: 65,536 /64s).
/// `None` when `ip` is not an address.
pub fn client_tiers(ip: &str) -> Option<(String, Vec<(&'static str, String)>)> {
    let network = client_network(ip)?;
    match ip.trim().parse::<IpAddr>().ok()? {
        IpAddr::V6(v6) if v6.to_ipv4_mapped().is_none() => {
            let s = v6.segments();
            let net48 = format!("{:x}:{:x}:{:x}::/48", s[0], s[1], s[2]);
            let net56 = format!("{:x}:{:x}:{:x}:{:x}::/56", s[0], s[1], s[2], s[3] & 0xff00);
            Some((
                format!("net:{net48}"),
                vec![
                    ("ip", format!("ip:{network}")),
                    ("ip_56", format!("ip56:{net56}")),
                    ("ip_48", "ip48".to_owned()),
                ],
            ))
        }
        _ => {
            let v4: std::net::Ipv4Addr = network.parse().ok()?;
            let o = v4.octets();
            Some((
                format!("net:{}.{}.{}.0/24", o[0], o[1], o[2]),
                vec![
                    ("ip", format!("ip:{network}")),
                    ("ip_24", "ip24".to_owned()),
                ],
            ))
        }
    }
}

/// The number range of an E.164 number: the number without its last six
/// digits (`+14155550171` → `+14155`), a million numbers. A range walker
/// that moves to the next 10,000-number block ([`number_prefix`]) stays in
/// the same range for a hundred blocks.
pub fn number_range(e164: &str) -> &str {
    let cut = e164.len().saturating_sub(6).max(1.min(e164.len()));
    e164.get(..cut).unwrap_or(e164)
}

/// The number prefix of an E.164 number: the number without its last four
/// digits (`+14155550171` → `+1415555`). SMS pumping walks a premium range
/// number by number; this counts the range.
pub fn number_prefix(e164: &str) -> &str {
    let cut = e164.len().saturating_sub(4).max(1.min(e164.len()));
    e164.get(..cut).unwrap_or(e164)
}

/// How many objects count code checks per session.
pub const SESSION_BUCKETS: u32 = 256;

/// The object that counts a session's code checks: one of
/// [`SESSION_BUCKETS`], by a hash of the session id (FNV-1a). A session per
/// object would leave an object behind for every verification ever started;
/// a bucket holds many sessions' counters and forgets each once its window
/// has passed. Sessions sharing a bucket share an object, never a counter.
pub fn session_bucket(session_id: &str) -> String {
    let hash = session_id.bytes().fold(0x811c_9dc5_u32, |h, b| {
        (h ^ u32::from(b)).wrapping_mul(0x0100_0193)
    });
    format!("{:02x}", hash % SESSION_BUCKETS)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sessions_spread_over_a_bounded_set_of_buckets() {
        let buckets: std::collections::HashSet<String> = (0..10_000)
            .map(|i| session_bucket(&format!("{i:032x}")))
            .collect();
        // Every bucket used, none beyond the bound; a session always lands in the same one.
        assert_eq!(buckets.len(), SESSION_BUCKETS as usize);
        assert!(buckets
            .iter()
            .all(|b| b.len() == 2 && u32::from_str_radix(b, 16).is_ok()));
        assert_eq!(
            session_bucket("a44a91be5ea5ea118169020897df5459"),
            session_bucket("a44a91be5ea5ea118169020897df5459")
        );
    }

    #[test]
    fn ipv4_counts_by_address() {
        assert_eq!(
            client_network("203.0.113.7").as_deref(),
            Some("203.0.113.7")
        );
        assert_eq!(
            client_network(" 203.0.113.7 ").as_deref(),
            Some("203.0.113.7")
        );
    }

    #[test]
    fn ipv6_counts_by_its_64() {
        let a = client_network("2001:db8:1:2:aaaa:bbbb:cccc:dddd");
        let b = client_network("2001:0db8:0001:0002::1");
        assert_eq!(a.as_deref(), Some("2001:db8:1:2::/64"));
        assert_eq!(a, b);
        assert_ne!(a, client_network("2001:db8:1:3::1"));
    }

    #[test]
    fn mapped_ipv4_is_ipv4() {
        assert_eq!(
            client_network("::ffff:203.0.113.7").as_deref(),
            Some("203.0.113.7")
        );
    }

    #[test]
    fn garbage_is_not_an_address() {
        for bad in ["", "unknown", "203.0.113.7, 10.0.0.1", "1.2.3.4.5", "::g"] {
            assert_eq!(client_network(bad), None, "{bad}");
        }
    }

    #[test]
    fn ipv4_tiers_are_the_address_and_its_24() {
        let (object, tiers) = client_tiers("203.0.113.7").unwrap();
        assert_eq!(object, "net:203.0.113.0/24");
        assert_eq!(
            tiers,
            vec![
                ("ip", "ip:203.0.113.7".to_owned()),
                ("ip_24", "ip24".to_owned())
            ]
        );
        // A neighbour shares the /24's object and counter, not the address's.
        let (other, tiers) = client_tiers("::ffff:203.0.113.200").unwrap();
        assert_eq!(other, object);
        assert_eq!(tiers[0].1, "ip:203.0.113.200");
        assert_ne!(client_tiers("203.0.114.7").unwrap().0, object);
    }

    #[test]
    fn ipv6_tiers_are_the_64_56_and_48() {
        let (object, tiers) = client_tiers("2001:db8:1:2ab:aaaa::1").unwrap();
        assert_eq!(object, "net:2001:db8:1::/48");
        assert_eq!(
            tiers,
            vec![
                ("ip", "ip:2001:db8:1:2ab::/64".to_owned()),
                ("ip_56", "ip56:2001:db8:1:200::/56".to_owned()),
                ("ip_48", "ip48".to_owned()),
            ]
        );
        // Rotating /64s inside the /48: new /64 counters, the same /56 and /48 ones.
        let (same, rotated) = client_tiers("2001:db8:1:2ff::9").unwrap();
        assert_eq!(same, object);
        assert_ne!(rotated[0], tiers[0]);
        assert_eq!(rotated[1..], tiers[1..]);
        assert!(client_tiers("garbage").is_none());
    }

    #[test]
    fn range_drops_the_last_six_digits() {
        assert_eq!(number_range("+14155550171"), "+14155");
        assert_eq!(number_range("+447700900123"), "+447700");
        assert_eq!(number_range("+12345"), "+");
        assert_eq!(number_range(""), "");
        // A hundred 10,000-number blocks share one range.
        assert_eq!(number_range("+447700900123"), number_range("+447700000000"));
        assert_ne!(
            number_prefix("+447700900123"),
            number_prefix("+447700000000")
        );
    }

    #[test]
    fn prefix_drops_the_last_four_digits() {
        assert_eq!(number_prefix("+14155550171"), "+1415555");
        assert_eq!(number_prefix("+6587654321"), "+658765");
        assert_eq!(number_prefix("+123"), "+");
        assert_eq!(number_prefix(""), "");
    }
}
