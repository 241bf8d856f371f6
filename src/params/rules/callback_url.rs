//! `callbackUrl`: an absolute `http` or `https` URL with a host.

use std::net::Ipv6Addr;

use crate::params::violation::{Violation, ViolationCode as Code};

/// The violation of `url` at `path`, if it is not an absolute http(s) URL:
/// scheme `http` or `https` (any case), `://`, a host (a name of letters,
/// digits, `-`, `_` and dots, an IPv4 address, or an `[IPv6]` literal), an
/// optional port up to 65535, then any path, query and fragment without
/// spaces or control characters.
pub(crate) fn check(path: &str, url: &str) -> Option<Violation> {
    problem(url).map(|why| {
        Violation::new(
            path,
            Code::InvalidUrl,
            format!("{path} must be an absolute http(s) URL: {why} (got {url:?})"),
        )
    })
}

fn problem(url: &str) -> Option<&'static str> {
    let Some((scheme, rest)) = url.split_once("://") else {
        return Some("no scheme");
    };
    if !scheme.eq_ignore_ascii_case("http") && !scheme.eq_ignore_ascii_case("https") {
        return Some("the scheme must be http or https");
    }
    if url.chars().any(|c| c.is_whitespace() || c.is_control()) {
        return Some("spaces and control characters must be percent-encoded");
    }
    let end = rest.find(['/', '?', '#']).unwrap_or(rest.len());
    let authority = &rest[..end];
    let host_port = authority.rsplit_once('@').map_or(authority, |(_, h)| h);
    let Some((host, port)) = split_port(host_port) else {
        return Some("bad IPv6 literal");
    };
    if let Some(port) = port {
        if port.is_empty() || port.len() > 5 || !port.bytes().all(|b| b.is_ascii_digit()) {
            return Some("the port must be a number");
        }
        if port.parse::<u32>().map_or(true, |p| p > 65535) {
            return Some("the port must be at most 65535");
        }
    }
    host_problem(host)
}

/// Splits `host[:port]`, minding `[v6]` literals. `None` on a broken literal.
fn split_port(host_port: &str) -> Option<(&str, Option<&str>)> {
    if host_port.starts_with('[') {
        let close = host_port.find(']')?;
        let after = &host_port[close + 1..];
        let port = match after.strip_prefix(':') {
            Some(port) => Some(port),
            None if after.is_empty() => None,
            None => return Some(("", None)),
        };
        Some((&host_port[..=close], port))
    } else {
        match host_port.split_once(':') {
            Some((host, port)) => Some((host, Some(port))),
            None => Some((host_port, None)),
        }
    }
}

fn host_problem(host: &str) -> Option<&'static str> {
    if host.is_empty() {
        return Some("no host");
    }
    if let Some(literal) = host.strip_prefix('[').and_then(|h| h.strip_suffix(']')) {
        return literal
            .parse::<Ipv6Addr>()
            .is_err()
            .then_some("bad IPv6 literal");
    }
    let name = host.strip_suffix('.').unwrap_or(host);
    let label_ok = |label: &str| {
        !label.is_empty()
            && label
                .chars()
                .all(|c| c.is_alphanumeric() || c == '-' || c == '_' || c == '%')
    };
    (!name.split('.').all(label_ok)).then_some("bad host name")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn accepts_http_and_https_urls() {
        for url in [
            "http://example.com",
            "https://example.com/hooks/verify?x=1#f",
            "HTTPS://Example.COM:8443/a",
            "http://127.0.0.1:8080/cb",
            "http://[::1]:8080/cb",
            "https://user:pw@example.com/",
            "https://bücher.example/",
            "http://localhost",
        ] {
            assert_eq!(problem(url), None, "{url}");
        }
    }

    #[test]
    fn rejects_others() {
        for url in [
            "",
            "example.com",
            "/relative/path",
            "ftp://example.com",
            "javascript://alert(1)",
            "http://",
            "http:///path",
            "http://exa mple.com",
            "http://example.com/a b",
            "http://example..com",
            "http://example.com:99999",
            "http://example.com:",
            "http://example.com:80x",
            "http://[::1",
            "http://[zz::1]/",
            "http://[::1]x/",
        ] {
            assert!(problem(url).is_some(), "{url}");
        }
    }
}
