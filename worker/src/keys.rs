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
    fn prefix_drops_the_last_four_digits() {
        assert_eq!(number_prefix("+14155550171"), "+1415555");
        assert_eq!(number_prefix("+6587654321"), "+658765");
        assert_eq!(number_prefix("+123"), "+");
        assert_eq!(number_prefix(""), "");
    }
}
