//! Masking of phone numbers for logs, shared by the emulator and the edge
//! worker: `+14155550171` becomes `+1415*****71`.

use alloc::{string::String, vec::Vec};

/// A phone number fit for a log line: the first four and the last two digits
/// kept, the rest starred (only the last two of a number shorter than 8
/// digits). Whatever else `number` holds is dropped.
///
/// ```
/// assert_eq!(verify8x8_phone::mask("+14155550171"), "+1415*****71");
/// ```
pub fn mask(number: &str) -> String {
    let digits: Vec<char> = number.chars().filter(char::is_ascii_digit).collect();
    let n = digits.len();
    let (head, tail) = if n >= 8 { (4, 2) } else { (0, n.min(2)) };
    let mut out = String::from("+");
    for (i, d) in digits.iter().enumerate() {
        out.push(if i < head || i >= n - tail { *d } else { '*' });
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn masks_the_middle() {
        assert_eq!(mask("+14155550171"), "+1415*****71");
        assert_eq!(mask("+6587654321"), "+6587****21");
        assert_eq!(mask("12345"), "+***45");
    }
}
