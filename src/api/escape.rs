//! Percent-escaping of URL path segments and query values (RFC 3986): every
//! byte but the unreserved `A-Z a-z 0-9 - . _ ~` is written `%XX`, so an id
//! or a code can never change the URL's structure.

/// `text` escaped for use as one path segment or one query value.
///
/// ```
/// use verify8x8::api::escape;
/// assert_eq!(escape("a/b?c=d&e"), "a%2Fb%3Fc%3Dd%26e");
/// assert_eq!(escape("123-456"), "123-456");
/// ```
pub fn escape(text: &str) -> String {
    const HEX: &[u8; 16] = b"0123456789ABCDEF";
    let mut out = String::with_capacity(text.len());
    for &b in text.as_bytes() {
        if b.is_ascii_alphanumeric() || matches!(b, b'-' | b'.' | b'_' | b'~') {
            out.push(char::from(b));
        } else {
            out.push('%');
            out.push(char::from(HEX[usize::from(b >> 4)]));
            out.push(char::from(HEX[usize::from(b & 15)]));
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::escape;

    #[test]
    fn reserved_and_non_ascii_bytes_are_escaped() {
        assert_eq!(escape("acme&co_hq.1"), "acme%26co_hq.1");
        assert_eq!(escape("../x"), "..%2Fx");
        assert_eq!(escape("a b+c#%"), "a%20b%2Bc%23%25");
        assert_eq!(escape("é"), "%C3%A9");
        assert_eq!(escape(""), "");
    }
}
