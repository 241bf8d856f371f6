//! Rate-limit rules (`3/10m,5/1h`) and the sliding-window log that enforces
//! them. Pure: the Durable Object keeps the log and calls [`admit`].

/// At most `max` requests in any `window` seconds.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Rule {
    /// Requests allowed in the window.
    pub max: u32,
    /// The window, seconds.
    pub window: u64,
}

impl Rule {
    /// `max` requests per `window` seconds.
    pub const fn new(max: u32, window: u64) -> Self {
        Self { max, window }
    }
}

/// Parses `N/<duration>[,N/<duration>...]` where a duration is a whole number
/// with a unit `s`, `m`, `h` or `d` (`3/10m,5/1h`); `off` or nothing means no
/// rule. The error says what is wrong, for the configuration message.
pub fn parse_rules(text: &str) -> Result<Vec<Rule>, String> {
    let text = text.trim();
    if text.is_empty() || text == "off" {
        return Ok(Vec::new());
    }
    text.split(',')
        .map(|part| parse_rule(part.trim()))
        .collect()
}

fn parse_rule(part: &str) -> Result<Rule, String> {
    let bad = || {
        format!("has {part:?}: write limits like `3/10m,5/1h` (count/duration, units s m h d), or `off`")
    };
    let (max, window) = part.split_once('/').ok_or_else(bad)?;
    let max: u32 = max.trim().parse().ok().filter(|&n| n > 0).ok_or_else(bad)?;
    let window = parse_duration(window).ok_or_else(bad)?;
    Ok(Rule::new(max, window))
}

/// Parses a duration: a whole number with a unit `s`, `m`, `h` or `d`
/// (`30m`), at most 30 days; seconds.
pub fn parse_duration(text: &str) -> Option<u64> {
    let text = text.trim();
    let unit = match text.as_bytes().last()? {
        b's' => 1,
        b'm' => 60,
        b'h' => 3600,
        b'd' => 86_400,
        _ => return None,
    };
    text[..text.len() - 1]
        .parse::<u64>()
        .ok()
        .filter(|&n| n > 0)?
        .checked_mul(unit)
        .filter(|&w| w <= 30 * 86_400)
}

/// The longest window of `rules`, seconds: how long a log must remember.
pub fn horizon(rules: &[Rule]) -> u64 {
    rules.iter().map(|r| r.window).max().unwrap_or(0)
}

/// Whether a log can be forgotten at `now` (milliseconds): its newest hit is
/// older than `horizon` seconds (the longest window of any rule counting
/// into it), so no rule would count any of it. An empty log is forgotten.
pub fn forgettable(log: &[u64], horizon: u64, now: u64) -> bool {
    log.last().is_none_or(|&t| t + horizon * 1000 <= now)
}

/// Admits a request at `now` (milliseconds) if every rule allows it, and
/// records it in `log` (admission times, oldest first). Otherwise records
/// nothing and returns the seconds until a request would be admitted.
///
/// Entries older than the longest window are dropped, so the log never holds
/// more than the largest `max`.
pub fn admit(log: &mut Vec<u64>, rules: &[Rule], now: u64) -> Result<(), u64> {
    admit_all(&mut [(log, rules)], now).map_err(|(_, wait)| wait)
}

/// Admits a request against several counters at once, atomically: every
/// counter's rules must allow it, and only then is it recorded in each. A
/// refusal names the first counter that refused (its index) and the seconds
/// until it would admit; nothing is recorded anywhere.
pub fn admit_all(counters: &mut [(&mut Vec<u64>, &[Rule])], now: u64) -> Result<(), (usize, u64)> {
    for (index, (log, rules)) in counters.iter_mut().enumerate() {
        let horizon_ms = horizon(rules) * 1000;
        log.retain(|&t| t + horizon_ms > now);
        let wait = wait_ms(log, rules, now);
        if wait > 0 {
            return Err((index, wait.div_ceil(1000)));
        }
    }
    for (log, rules) in counters.iter_mut() {
        if !rules.is_empty() {
            log.push(now);
        }
    }
    Ok(())
}

/// Milliseconds until `rules` would admit one more request into `log`.
fn wait_ms(log: &[u64], rules: &[Rule], now: u64) -> u64 {
    let mut wait = 0;
    for rule in rules {
        let window_ms = rule.window * 1000;
        // The log is in admission order: the hits inside the window are its tail.
        let in_window = &log[log.partition_point(|&t| t + window_ms <= now)..];
        let max = rule.max as usize;
        if let Some(&oldest) = in_window
            .len()
            .checked_sub(max)
            .and_then(|i| in_window.get(i))
        {
            // The oldest hit that must leave the window before one more fits.
            wait = wait.max(oldest + window_ms - now);
        }
    }
    wait
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_the_documented_forms() {
        assert_eq!(
            parse_rules("3/10m,5/1h"),
            Ok(vec![Rule::new(3, 600), Rule::new(5, 3600)])
        );
        assert_eq!(parse_rules(" 10 / 30s "), Ok(vec![Rule::new(10, 30)]));
        assert_eq!(parse_rules("100/1d"), Ok(vec![Rule::new(100, 86_400)]));
        assert_eq!(parse_rules("off"), Ok(vec![]));
        assert_eq!(parse_rules(""), Ok(vec![]));
    }

    #[test]
    fn refuses_anything_else() {
        for bad in [
            "3", "3/", "/10m", "0/10m", "3/0m", "3/10", "3/10x", "-1/1h", "3/10m,", "3/99d", "a/b",
        ] {
            assert!(parse_rules(bad).is_err(), "{bad}");
        }
    }

    #[test]
    fn admits_up_to_max_then_says_when() {
        let rules = [Rule::new(3, 600)];
        let mut log = Vec::new();
        for t in [0, 1_000, 2_000] {
            assert_eq!(admit(&mut log, &rules, t), Ok(()));
        }
        assert_eq!(admit(&mut log, &rules, 3_000), Err(597));
        // Refusals are not recorded: the first hit leaving frees one place.
        assert_eq!(admit(&mut log, &rules, 600_000), Ok(()));
        assert_eq!(admit(&mut log, &rules, 600_500), Err(1));
        assert_eq!(admit(&mut log, &rules, 601_000), Ok(()));
    }

    #[test]
    fn every_rule_must_allow_and_the_longest_wait_wins() {
        let rules = [Rule::new(3, 600), Rule::new(5, 3600)];
        let mut log = Vec::new();
        let mut admitted = 0;
        for minute in 0..60 {
            if admit(&mut log, &rules, minute * 60_000).is_ok() {
                admitted += 1;
            }
        }
        assert_eq!(
            admitted, 5,
            "5 per hour, whatever the 10-minute rule allows"
        );
        // At 59 min the 10-minute rule would allow; the hour rule waits a
        // minute for the hit at minute 0 to leave.
        assert_eq!(admit(&mut log, &rules, 59 * 60_000 + 1), Err(60));
    }

    #[test]
    fn the_log_is_bounded_by_the_horizon() {
        let rules = [Rule::new(2, 10)];
        let mut log = Vec::new();
        for t in 0..1000u64 {
            let _ = admit(&mut log, &rules, t * 7_000);
            assert!(log.len() <= 2);
        }
    }

    #[test]
    fn several_counters_admit_together_or_not_at_all() {
        let (number, prefix) = ([Rule::new(3, 600)], [Rule::new(10, 3600)]);
        let (mut one, mut other, mut range) = (Vec::new(), Vec::new(), Vec::new());
        for t in 0..3 {
            assert_eq!(
                admit_all(&mut [(&mut one, &number[..]), (&mut range, &prefix[..])], t),
                Ok(())
            );
        }
        // The number is refused, and its refusal costs the range nothing.
        for t in 3..50 {
            assert_eq!(
                admit_all(&mut [(&mut one, &number[..]), (&mut range, &prefix[..])], t),
                Err((0, 600))
            );
        }
        assert_eq!(range.len(), 3);
        for t in 50..57 {
            assert_eq!(
                admit_all(
                    &mut [(&mut other, &number[..]), (&mut range, &prefix[..])],
                    t * 1000
                ),
                Ok(())
            );
            other.clear();
        }
        assert_eq!(range.len(), 10);
        assert_eq!(
            admit_all(
                &mut [(&mut other, &number[..]), (&mut range, &prefix[..])],
                60_000
            ),
            Err((1, 3540))
        );
        assert!(
            other.is_empty(),
            "nothing recorded when the second counter refuses"
        );
    }

    #[test]
    fn a_log_is_forgotten_once_its_newest_hit_leaves_the_horizon() {
        let log = vec![1_000, 5_000];
        assert!(!forgettable(&log, 60, 5_000));
        assert!(!forgettable(&log, 60, 64_999));
        assert!(forgettable(&log, 60, 65_000));
        assert!(forgettable(&[], 60, 0));
        // Forgetting is safe: a forgotten log admits what the full log would.
        let rules = [Rule::new(2, 60)];
        let mut full = log.clone();
        assert_eq!(
            admit(&mut full, &rules, 65_000),
            admit(&mut Vec::new(), &rules, 65_000)
        );
    }

    #[test]
    fn no_rules_admits_everything_and_remembers_nothing() {
        let mut log = Vec::new();
        assert_eq!(admit(&mut log, &[], 5), Ok(()));
        assert!(log.is_empty());
    }
}
