//! Masking of phone numbers for the request log: `+14155550171` becomes
//! `+1415*****71`. Codes and keys are never logged at all.

/// Keeps the first four and the last two digits, stars the rest.
pub(crate) fn phone(number: &str) -> String {
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
        assert_eq!(phone("+14155550171"), "+1415*****71");
        assert_eq!(phone("+6587654321"), "+6587****21");
        assert_eq!(phone("12345"), "+***45");
    }
}
