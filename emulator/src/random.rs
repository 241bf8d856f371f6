//! Randomness from the operating system's cryptographic RNG (`getrandom`):
//! codes, session ids, error ids and fault draws.

/// Fills `buf` from the OS RNG. The OS RNG failing is not recoverable in a
/// meaningful way; fall back to a time-seeded mix rather than panic.
pub(crate) fn fill(buf: &mut [u8]) {
    if getrandom::fill(buf).is_err() {
        let mut x = std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .map(|d| d.as_nanos() as u64)
            .unwrap_or(0x9e37_79b9_7f4a_7c15);
        for b in buf.iter_mut() {
            x ^= x << 13;
            x ^= x >> 7;
            x ^= x << 17;
            *b = x as u8;
        }
    }
}

/// A uniformly random index below `n` (1 ≤ n ≤ 256), by rejection sampling
/// so that no symbol is more likely than another.
pub(crate) fn below(n: usize) -> usize {
    let n = n.clamp(1, 256);
    let zone = 256 - 256 % n;
    loop {
        let mut b = [0u8; 1];
        fill(&mut b);
        if usize::from(b[0]) < zone {
            return usize::from(b[0]) % n;
        }
    }
}

/// A uniform float in [0, 1).
pub(crate) fn unit() -> f64 {
    let mut b = [0u8; 8];
    fill(&mut b);
    (u64::from_le_bytes(b) >> 11) as f64 / (1u64 << 53) as f64
}

/// A session id: 32 lowercase hex characters, like 8x8's.
pub(crate) fn session_id() -> String {
    let mut b = [0u8; 16];
    fill(&mut b);
    b.iter().map(|x| format!("{x:02x}")).collect()
}

/// A random (version 4) UUID, for `errorId`.
pub(crate) fn uuid_v4() -> String {
    let mut b = [0u8; 16];
    fill(&mut b);
    b[6] = (b[6] & 0x0f) | 0x40;
    b[8] = (b[8] & 0x3f) | 0x80;
    let hex: String = b.iter().map(|x| format!("{x:02x}")).collect();
    format!(
        "{}-{}-{}-{}-{}",
        &hex[0..8],
        &hex[8..12],
        &hex[12..16],
        &hex[16..20],
        &hex[20..32]
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn uuid_has_version_and_variant() {
        let id = uuid_v4();
        assert_eq!(id.len(), 36);
        assert_eq!(&id[14..15], "4");
        assert!(matches!(&id[19..20], "8" | "9" | "a" | "b"));
    }

    #[test]
    fn below_stays_in_range() {
        for n in [1, 10, 31, 62, 256] {
            for _ in 0..200 {
                assert!(below(n) < n);
            }
        }
    }

    #[test]
    fn session_ids_differ() {
        assert_ne!(session_id(), session_id());
        assert_eq!(session_id().len(), 32);
    }
}
