//! `Retry-After` header values: delay-seconds (`"120"`) or an HTTP-date
//! (`"Wed, 21 Oct 2015 07:28:00 GMT"`, IMF-fixdate). A date is turned into
//! seconds against the answer's own `Date` header, so no clock is needed.

/// Seconds to wait, from a `Retry-After` value and the answer's `Date`
/// header (needed only for the date form). Dates in the past give 0.
///
/// ```
/// use verify8x8::api::retry_after_seconds;
/// assert_eq!(retry_after_seconds("7", None), Some(7));
/// let date = Some("Wed, 21 Oct 2015 07:28:00 GMT");
/// assert_eq!(retry_after_seconds("Wed, 21 Oct 2015 07:29:30 GMT", date), Some(90));
/// assert_eq!(retry_after_seconds("soon", date), None);
/// ```
pub fn retry_after_seconds(value: &str, date: Option<&str>) -> Option<u64> {
    let value = value.trim();
    if !value.is_empty() && value.bytes().all(|b| b.is_ascii_digit()) {
        return Some(value.parse::<u64>().unwrap_or(u64::MAX));
    }
    let until = http_date(value)?;
    let now = http_date(date?)?;
    Some(until.saturating_sub(now))
}

/// Seconds since 1970 of an IMF-fixdate (`Sun, 06 Nov 1994 08:49:37 GMT`).
fn http_date(text: &str) -> Option<u64> {
    let parts: Vec<&str> = text.trim().split([' ', ':']).collect();
    let [_weekday, day, month, year, hour, minute, second, "GMT"] = parts.as_slice() else {
        return None;
    };
    const MONTHS: [&str; 12] = [
        "Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec",
    ];
    let month = MONTHS.iter().position(|m| m == month)? as u64 + 1;
    let num = |s: &str, max: u64| s.parse::<u64>().ok().filter(|n| *n <= max);
    let (day, year) = (num(day, 31)?, num(year, 9999)?);
    let (hour, minute, second) = (num(hour, 23)?, num(minute, 59)?, num(second, 60)?);
    if day == 0 || year < 1970 {
        return None;
    }
    Some(days_from_civil(year, month, day) * 86_400 + hour * 3600 + minute * 60 + second)
}

/// Days from 1970-01-01 to a date of the proleptic Gregorian calendar
/// (Howard Hinnant's algorithm), for years from 1970.
fn days_from_civil(year: u64, month: u64, day: u64) -> u64 {
    let y = if month <= 2 { year - 1 } else { year };
    let era = y / 400;
    let yoe = y - era * 400;
    let mp = (month + 9) % 12;
    let doy = (153 * mp + 2) / 5 + day - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    era * 146_097 + doe - 719_468
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dates_become_unix_seconds() {
        assert_eq!(http_date("Thu, 01 Jan 1970 00:00:00 GMT"), Some(0));
        assert_eq!(
            http_date("Sun, 06 Nov 1994 08:49:37 GMT"),
            Some(784_111_777)
        );
        assert_eq!(
            http_date("Tue, 29 Feb 2000 12:00:00 GMT"),
            Some(951_825_600)
        );
        assert_eq!(http_date("Sun, 06 Nov 1994 08:49:37 UTC"), None);
        assert_eq!(http_date("Sunday, 06-Nov-94 08:49:37 GMT"), None);
        assert_eq!(http_date("Sun, 06 Foo 1994 08:49:37 GMT"), None);
        assert_eq!(http_date(""), None);
    }

    #[test]
    fn seconds_and_dates() {
        assert_eq!(retry_after_seconds(" 10 ", None), Some(10));
        assert_eq!(retry_after_seconds("0", None), Some(0));
        assert_eq!(
            retry_after_seconds("99999999999999999999999", None),
            Some(u64::MAX)
        );
        assert_eq!(retry_after_seconds("-1", None), None);
        assert_eq!(retry_after_seconds("1.5", None), None);
        let now = Some("Sun, 06 Nov 1994 08:49:37 GMT");
        assert_eq!(
            retry_after_seconds("Sun, 06 Nov 1994 08:49:30 GMT", now),
            Some(0)
        );
        assert_eq!(
            retry_after_seconds("Mon, 07 Nov 1994 08:49:37 GMT", now),
            Some(86_400)
        );
        assert_eq!(
            retry_after_seconds("Mon, 07 Nov 1994 08:49:37 GMT", None),
            None
        );
    }
}
