//! The emulator's clock: wall time plus an offset that tests move forward
//! with `POST /_emulator/clock`, so expiry and resend intervals are tested
//! without sleeping.

use std::sync::atomic::{AtomicI64, Ordering};
use std::time::{SystemTime, UNIX_EPOCH};

/// Milliseconds since the Unix epoch, as the emulator sees them.
pub(crate) type Millis = i64;

/// How far the emulator's clock runs ahead of the wall clock (one emulator
/// per process, so one offset).
static OFFSET_MS: AtomicI64 = AtomicI64::new(0);

/// The emulator's current time.
pub(crate) fn now() -> Millis {
    wall_ms() + OFFSET_MS.load(Ordering::SeqCst)
}

/// Moves the clock forward by `ms` milliseconds; returns the new offset.
pub(crate) fn advance(ms: i64) -> i64 {
    OFFSET_MS.fetch_add(ms, Ordering::SeqCst) + ms
}

/// How far the clock runs ahead of the wall clock, in milliseconds.
pub(crate) fn offset() -> i64 {
    OFFSET_MS.load(Ordering::SeqCst)
}

/// Puts the clock back on wall time.
pub(crate) fn reset() {
    OFFSET_MS.store(0, Ordering::SeqCst);
}

fn wall_ms() -> Millis {
    SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .map(|d| i64::try_from(d.as_millis()).unwrap_or(i64::MAX / 2))
        .unwrap_or(0)
}

/// Formats epoch milliseconds as RFC 3339 UTC with milliseconds,
/// e.g. `2025-12-18T05:59:54.090Z` (8x8's `expiresAt` shape).
pub(crate) fn rfc3339(ms: Millis) -> String {
    let secs = ms.div_euclid(1000);
    let millis = ms.rem_euclid(1000);
    let days = secs.div_euclid(86_400);
    let rem = secs.rem_euclid(86_400);
    let (y, m, d) = civil_from_days(days);
    format!(
        "{y:04}-{m:02}-{d:02}T{:02}:{:02}:{:02}.{millis:03}Z",
        rem / 3600,
        rem % 3600 / 60,
        rem % 60
    )
}

/// Days since 1970-01-01 to (year, month, day), proleptic Gregorian
/// (Howard Hinnant's `civil_from_days`).
fn civil_from_days(z: i64) -> (i64, i64, i64) {
    let z = z + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z.rem_euclid(146_097);
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let d = doy - (153 * mp + 2) / 5 + 1;
    let m = if mp < 10 { mp + 3 } else { mp - 9 };
    let y = yoe + era * 400 + i64::from(m <= 2);
    (y, m, d)
}

/// Whole seconds from `now` until `later`, rounded up, at least 1
/// (the `Retry-After` header).
pub(crate) fn seconds_until(now: Millis, later: Millis) -> i64 {
    ((later - now + 999) / 1000).max(1)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn formats_known_instants() {
        assert_eq!(rfc3339(0), "1970-01-01T00:00:00.000Z");
        assert_eq!(rfc3339(1_766_037_594_090), "2025-12-18T05:59:54.090Z");
        assert_eq!(rfc3339(951_782_400_000), "2000-02-29T00:00:00.000Z");
    }

    #[test]
    fn advances_forward() {
        let before = now();
        let moved = advance(300_000);
        assert!(now() >= before + 300_000);
        assert_eq!(offset(), moved);
    }

    #[test]
    fn rounds_retry_after_up() {
        assert_eq!(seconds_until(0, 9_001), 10);
        assert_eq!(seconds_until(0, 10_000), 10);
        assert_eq!(seconds_until(5, 0), 1);
    }
}
