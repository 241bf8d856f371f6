//! Decimal text to and from `f64`, exact, in a few hundred bytes of wasm.
//!
//! `str::parse::<f64>` and `{}`/`{:?}` on floats are exact too, but they bring
//! about 20 KB of lookup tables and 25 KB of code (Eisel-Lemire, Grisu and
//! Dragon4) into the npm package for the few numbers it reads and writes.
//! These versions use one small big-integer routine instead: slower, but the
//! numbers here are a handful of request fields. The results are the same
//! as the standard library's, bit for bit and character for character (the
//! tests compare them on random doubles).

use std::cmp::Ordering;

/// Most significant decimal digits kept when reading: more can never change
/// the rounding (the midpoint between two doubles has at most 767), as long
/// as the dropped ones are remembered as a non-zero tail.
const MAX_DIGITS: usize = 800;

/// Reads the text of a JSON number (the caller has checked its grammar:
/// `-? int frac? exp?`). Correctly rounded, like `str::parse::<f64>`;
/// a number too large for a double is infinite.
pub(crate) fn parse(text: &str) -> f64 {
    let (negative, rest) = match text.strip_prefix('-') {
        Some(rest) => (true, rest),
        None => (false, text),
    };
    let (mantissa, exponent) = match rest.find(['e', 'E']) {
        Some(i) => (&rest[..i], &rest[i + 1..]),
        None => (rest, ""),
    };
    let mut exp10: i64 = 0;
    let (exp_negative, exp_digits) = match exponent.strip_prefix('-') {
        Some(digits) => (true, digits),
        None => (false, exponent.strip_prefix('+').unwrap_or(exponent)),
    };
    for b in exp_digits.bytes() {
        // Saturate: beyond this the result is 0 or infinite anyway.
        exp10 = (exp10 * 10 + i64::from(b - b'0')).min(1 << 40);
    }
    if exp_negative {
        exp10 = -exp10;
    }
    let mut digits = Vec::new();
    let mut tail = false;
    for b in mantissa.bytes() {
        match b {
            b'.' => {}
            b'0' if digits.is_empty() => {}
            _ if digits.len() < MAX_DIGITS => digits.push(b - b'0'),
            _ => tail |= b != b'0',
        }
    }
    // The value is 0.d1d2... x 10^point.
    let int_len = mantissa.find('.').unwrap_or(mantissa.len());
    let leading_zeros = mantissa
        .bytes()
        .take_while(|&b| b == b'0' || b == b'.')
        .filter(|&b| b == b'0')
        .count();
    let point = exp10 + int_len as i64 - leading_zeros as i64;
    if tail {
        digits.push(1);
    }
    let value = from_decimal(&digits, point);
    if negative {
        -value
    } else {
        value
    }
}

/// `0.d1d2...dn x 10^point`, correctly rounded (digits are 0..=9 values).
fn from_decimal(digits: &[u8], point: i64) -> f64 {
    let digits = match digits.iter().rposition(|&d| d != 0) {
        Some(last) => &digits[..=last],
        None => return 0.0,
    };
    if point > 310 {
        return f64::INFINITY;
    }
    if point < -324 {
        return 0.0;
    }
    let n = digits.len() as i64;
    // digits as an integer, times 10^exp10.
    let exp10 = point - n;
    if n <= 15 && (-22..=22).contains(&exp10) {
        // Both the integer (< 10^15 < 2^53) and the power of ten are exact
        // doubles, so one multiplication or division rounds correctly.
        let w = digits.iter().fold(0u64, |w, &d| w * 10 + u64::from(d)) as f64;
        let scale = (0..exp10.abs()).fold(1.0, |p, _| p * 10.0);
        return if exp10 < 0 { w / scale } else { w * scale };
    }
    let mut num = Big::from_digits(digits);
    if exp10 >= 0 {
        num.mul_pow(10, exp10 as u32);
        let bits = num.bits();
        let shift = bits.saturating_sub(64);
        let sticky = num.low_bits_nonzero(shift);
        assemble(num.top_u64(shift), shift as i32, sticky)
    } else {
        let mut den = Big::from_digits(&[1]);
        den.mul_pow(10, (-exp10) as u32);
        // Scale so the quotient has 65 to 67 bits.
        let shift = (den.bits() + 66).saturating_sub(num.bits());
        num.shl(shift);
        let mut quotient: u128 = 0;
        den.shl(67);
        for i in (0..=67).rev() {
            if num.cmp(&den) != Ordering::Less {
                num.sub(&den);
                quotient |= 1 << i;
            }
            den.shr1();
        }
        assemble(quotient, -(shift as i32), !num.is_zero())
    }
}

/// `q x 2^e` (plus a bit more when `sticky`), rounded to the nearest double,
/// ties to even; subnormal and infinite results included.
fn assemble(q: u128, e: i32, sticky: bool) -> f64 {
    if q == 0 {
        return 0.0;
    }
    let top = 127 - q.leading_zeros() as i32; // position of the highest bit
    let msb = e + top; // its binary exponent in the value
    if msb > 1023 {
        return f64::INFINITY;
    }
    // Bits below the double's last mantissa bit.
    let drop = top - 52 + (-1022 - msb).max(0);
    if drop <= 0 {
        return q as f64 * pow2(e);
    }
    if drop > top + 1 {
        return 0.0;
    }
    let drop = drop as u32;
    let mut mantissa = if drop >= 128 { 0 } else { q >> drop };
    let rest = q & ((1u128 << drop) - 1);
    let half = 1u128 << (drop - 1);
    if rest > half || (rest == half && (sticky || mantissa & 1 == 1)) {
        mantissa += 1;
    }
    mantissa as f64 * pow2(e + drop as i32)
}

/// 2^k as a double (k from -1074 to 1023).
fn pow2(k: i32) -> f64 {
    if k >= -1022 {
        f64::from_bits(((k + 1023) as u64) << 52)
    } else {
        f64::from_bits(1 << (k + 1074))
    }
}

/// How to write a number.
#[derive(Clone, Copy, PartialEq)]
pub(crate) enum Style {
    /// As `{}` writes an `f64`: plain decimal, never an exponent (`2`, `0.5`).
    Display,
    /// As `{:?}` writes an `f64`: `2.0`, `0.5`, `1e16`, `1.5e-5`.
    Debug,
}

/// `n` as the standard library writes it with `{}` or `{:?}`: the fewest
/// digits that read back to the same double.
pub(crate) fn write(out: &mut String, n: f64, style: Style) {
    if n.is_nan() {
        out.push_str("NaN");
        return;
    }
    if n.is_sign_negative() {
        out.push('-');
    }
    let n = n.abs();
    if n.is_infinite() {
        out.push_str("inf");
        return;
    }
    let (digits, point) = shortest(n);
    let exponential = style == Style::Debug && n != 0.0 && !(1e-4..1e16).contains(&n);
    let push_digits = |out: &mut String, digits: &[u8]| {
        out.extend(digits.iter().map(|&d| char::from(b'0' + d)));
    };
    if exponential {
        push_digits(out, &digits[..1]);
        if digits.len() > 1 {
            out.push('.');
            push_digits(out, &digits[1..]);
        }
        out.push('e');
        push_integer(out, point - 1);
    } else if point <= 0 {
        out.push_str("0.");
        out.extend(std::iter::repeat_n('0', (-point) as usize));
        push_digits(out, &digits);
    } else if (point as usize) < digits.len() {
        let (int, frac) = digits.split_at(point as usize);
        push_digits(out, int);
        out.push('.');
        push_digits(out, frac);
    } else {
        push_digits(out, &digits);
        out.extend(std::iter::repeat_n('0', point as usize - digits.len()));
        if style == Style::Debug {
            out.push_str(".0");
        }
    }
}

/// `n` as `{}` writes it (see [`write`]).
pub(crate) fn display(n: f64) -> String {
    let mut out = String::new();
    write(&mut out, n, Style::Display);
    out
}

fn push_integer(out: &mut String, n: i64) {
    if n < 0 {
        out.push('-');
    }
    let text = n.unsigned_abs();
    let mut digits = Vec::new();
    let mut rest = text;
    loop {
        digits.push(b'0' + (rest % 10) as u8);
        rest /= 10;
        if rest == 0 {
            break;
        }
    }
    out.extend(digits.iter().rev().map(|&d| char::from(d)));
}

/// The shortest digits `d1d2...` (and `point`: the value is 0.d1d2... x
/// 10^point) that read back to `n`, the closest to `n` among them. `n` is
/// finite and not negative; 0 is `[0]`, 1.
fn shortest(n: f64) -> (Vec<u8>, i64) {
    if n == 0.0 {
        return (vec![0], 1);
    }
    // n = m x 2^e exactly; as a decimal, m x 5^-e / 10^-e when e < 0.
    let bits = n.to_bits();
    let biased = (bits >> 52) as i32;
    let fraction = bits & ((1 << 52) - 1);
    let (m, e) = if biased == 0 {
        (fraction, -1074)
    } else {
        (fraction | 1 << 52, biased - 1075)
    };
    let mut big = Big::from_u64(m);
    let mut exp10 = 0i64;
    if e >= 0 {
        big.shl(e as u32);
    } else {
        big.mul_pow(5, (-e) as u32);
        exp10 = i64::from(e);
    }
    let exact = big.into_digits();
    let point = exact.len() as i64 + exp10;
    for len in 1..=17.min(exact.len()) {
        let mut candidate = exact[..len].to_vec();
        let round_up = match exact[len..].split_first() {
            None => false,
            Some((&d, rest)) => d > 5 || (d == 5 && rest.iter().any(|&r| r != 0)),
        };
        let tie = exact.get(len) == Some(&5) && exact[len + 1..].iter().all(|&r| r == 0);
        let down = (candidate.clone(), point);
        let up = if round_up || tie {
            Some(increment(&mut candidate, point))
        } else {
            None
        };
        // Nearest first; on an exact tie, up first (as the standard
        // library's Grisu does), then down.
        let tries = match (up, tie) {
            (Some(up), true) => [Some(up), Some(down)],
            (Some(up), false) => [Some(up), None],
            (None, _) => [Some(down), None],
        };
        for (digits, point) in tries.into_iter().flatten() {
            if from_decimal(&digits, point) == n {
                let end = digits.iter().rposition(|&d| d != 0).map_or(1, |i| i + 1);
                return (digits[..end].to_vec(), point);
            }
        }
    }
    let end = exact.iter().rposition(|&d| d != 0).map_or(1, |i| i + 1);
    (exact[..end.min(17)].to_vec(), point)
}

/// Adds one unit in the last place of `digits`; returns the digits and the
/// point (one more when 99..9 becomes 100..0).
fn increment(digits: &mut Vec<u8>, point: i64) -> (Vec<u8>, i64) {
    for d in digits.iter_mut().rev() {
        if *d == 9 {
            *d = 0;
        } else {
            *d += 1;
            return (digits.clone(), point);
        }
    }
    digits.insert(0, 1);
    digits.pop();
    (digits.clone(), point + 1)
}

/// A non-negative big integer: 32-bit limbs, least significant first.
struct Big(Vec<u32>);

impl Big {
    fn from_u64(n: u64) -> Big {
        Big(vec![n as u32, (n >> 32) as u32])
    }

    fn from_digits(digits: &[u8]) -> Big {
        let mut big = Big(vec![0]);
        for &d in digits {
            big.mul_add(10, u32::from(d));
        }
        big
    }

    fn mul_add(&mut self, m: u32, mut carry: u32) {
        for limb in &mut self.0 {
            let v = u64::from(*limb) * u64::from(m) + u64::from(carry);
            *limb = v as u32;
            carry = (v >> 32) as u32;
        }
        if carry != 0 {
            self.0.push(carry);
        }
    }

    /// Multiplies by `base^exp` (`base` 5 or 10).
    fn mul_pow(&mut self, base: u32, mut exp: u32) {
        // 10^9 < 2^32.
        while exp > 0 {
            let step = exp.min(9);
            self.mul_add(base.pow(step), 0);
            exp -= step;
        }
    }

    fn shl(&mut self, bits: u32) {
        let (limbs, bits) = ((bits / 32) as usize, bits % 32);
        if bits > 0 {
            let mut carry = 0;
            for limb in &mut self.0 {
                let next = *limb >> (32 - bits);
                *limb = (*limb << bits) | carry;
                carry = next;
            }
            if carry != 0 {
                self.0.push(carry);
            }
        }
        self.0.splice(0..0, std::iter::repeat_n(0, limbs));
    }

    fn shr1(&mut self) {
        let mut carry = 0;
        for limb in self.0.iter_mut().rev() {
            let next = *limb & 1;
            *limb = (*limb >> 1) | (carry << 31);
            carry = next;
        }
    }

    fn trim(&mut self) {
        while self.0.len() > 1 && self.0.last() == Some(&0) {
            self.0.pop();
        }
    }

    fn is_zero(&self) -> bool {
        self.0.iter().all(|&l| l == 0)
    }

    fn bits(&self) -> u32 {
        let mut bits = self.0.len() as u32 * 32;
        for &limb in self.0.iter().rev() {
            if limb != 0 {
                return bits - limb.leading_zeros();
            }
            bits -= 32;
        }
        0
    }

    fn bit(&self, i: u32) -> bool {
        self.0
            .get((i / 32) as usize)
            .is_some_and(|l| l >> (i % 32) & 1 == 1)
    }

    /// Bits `shift..shift + 64` as an integer.
    fn top_u64(&self, shift: u32) -> u128 {
        (0..64).fold(0, |q, i| q | (u128::from(self.bit(shift + i)) << i))
    }

    fn low_bits_nonzero(&self, bits: u32) -> bool {
        (0..bits).any(|i| self.bit(i))
    }

    fn cmp(&self, other: &Big) -> Ordering {
        let len = self.0.len().max(other.0.len());
        for i in (0..len).rev() {
            let (a, b) = (
                self.0.get(i).copied().unwrap_or(0),
                other.0.get(i).copied().unwrap_or(0),
            );
            if a != b {
                return a.cmp(&b);
            }
        }
        Ordering::Equal
    }

    /// `self -= other` (`other` not larger).
    fn sub(&mut self, other: &Big) {
        let mut borrow = 0i64;
        for (i, limb) in self.0.iter_mut().enumerate() {
            let v = i64::from(*limb) - i64::from(other.0.get(i).copied().unwrap_or(0)) - borrow;
            *limb = v as u32;
            borrow = i64::from(v < 0);
        }
    }

    /// Decimal digits, most significant first, no leading zero.
    fn into_digits(mut self) -> Vec<u8> {
        let mut digits = Vec::new();
        self.trim();
        while !self.is_zero() {
            let mut rest = 0u64;
            for limb in self.0.iter_mut().rev() {
                let v = (rest << 32) | u64::from(*limb);
                *limb = (v / 10) as u32;
                rest = v % 10;
            }
            digits.push(rest as u8);
            self.trim();
        }
        digits.reverse();
        digits
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn check(n: f64) {
        assert_eq!(display(n), format!("{n}"), "display of {n:e}");
        let mut debug = String::new();
        write(&mut debug, n, Style::Debug);
        assert_eq!(debug, format!("{n:?}"), "debug of {n:e}");
        let text = format!("{n:e}");
        assert_eq!(parse(&text).to_bits(), n.to_bits(), "parse of {text}");
    }

    #[test]
    fn same_as_the_standard_library_on_chosen_numbers() {
        for n in [
            0.0,
            -0.0,
            0.5,
            0.8,
            2.0,
            3.0,
            7200.0,
            1e16,
            1e15,
            9007199254740994.0,
            1.5e-5,
            1e-4,
            0.0001234,
            1e-7,
            1e300,
            1.7976931348623157e308,
            5e-324,
            2.2250738585072014e-308,
            2.225073858507201e-308,
            0.1,
            0.2,
            0.3,
            1.0 / 3.0,
            123456.789,
            6587654321.0,
            -1.25,
        ] {
            check(n);
        }
        assert_eq!(display(f64::NAN), "NaN");
        assert_eq!(display(f64::INFINITY), "inf");
        assert_eq!(display(f64::NEG_INFINITY), "-inf");
    }

    #[test]
    fn same_as_the_standard_library_on_random_doubles() {
        // A fixed-seed xorshift: every bit pattern class, subnormals included.
        let mut state = 0x9e37_79b9_7f4a_7c15_u64;
        for _ in 0..4_000 {
            state ^= state << 13;
            state ^= state >> 7;
            state ^= state << 17;
            let n = f64::from_bits(state);
            if n.is_finite() {
                check(n);
            }
        }
    }

    #[test]
    fn parses_like_the_standard_library() {
        for text in [
            "0", "-0", "1", "0.5", "12.5e3", "1E2", "1e-2", "1e+2", "0.000001", "123456789012345678901234567890",
            "1e400", "1e-400", "2.4703282292062327e-324", "2.4703282292062328e-324", "9007199254740993",
            "9007199254740993.000000000000000000000000000000000000000000000000000000000000000000001",
            "0.1000000000000000055511151231257827021181583404541015625",
            "0.10000000000000000555111512312578270211815834045410156250000000000000001",
            "1797693134862315708145274237317043567980705675258449965989174768031572607800285387605895586327668781715404589535143824642343213268894641827684675467035375169860499105765512820762454900903893289440758685541",
            "1e99999999999999999999", "1e-99999999999999999999", "00.00012",
        ] {
            let want: f64 = text.parse().unwrap_or(f64::NAN);
            assert_eq!(parse(text).to_bits(), want.to_bits(), "{text}");
        }
        let long = format!("0.{}1", "0".repeat(2000));
        assert_eq!(parse(&long), 0.0);
        let long = format!("1{}", "0".repeat(1000));
        assert_eq!(parse(&long), f64::INFINITY);
        let long = format!("4.9406564584124654{}1e-324", "0".repeat(1000));
        assert_eq!(
            parse(&long).to_bits(),
            long.parse::<f64>().unwrap_or(0.0).to_bits()
        );
    }
}
