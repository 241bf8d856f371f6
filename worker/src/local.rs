//! Rate limits counted in the isolate's own memory, for requests that cost
//! 8x8 nothing (status reads): no Durable Object round trip, so a poll adds
//! no latency, at the price of being per isolate (a client spread over many
//! isolates gets the limit in each). Requests that spend money or attempts
//! (starts, code checks) are never counted here: they go to
//! [`crate::limiter`], exact and global.
//!
//! Memory is bounded: keys whose log has emptied are swept out every
//! [`SWEEP_EVERY`] admissions, and past [`MAX_KEYS`] keys the oldest half is
//! dropped (forgetting counts, which only ever admits more).

use std::collections::HashMap;

use crate::rules::{self, Rule};

/// Admissions between two sweeps of emptied keys.
pub const SWEEP_EVERY: u32 = 1024;

/// Keys held at most; beyond it the least recently counted half is dropped.
pub const MAX_KEYS: usize = 50_000;

/// Sliding-window logs per key, in memory.
#[derive(Debug, Default)]
pub struct LocalLimiter {
    logs: HashMap<String, Vec<u64>>,
    since_sweep: u32,
}

impl LocalLimiter {
    /// An empty limiter.
    pub fn new() -> Self {
        Self::default()
    }

    /// Admits one request of `key` at `now` (milliseconds) under `rules`, or
    /// returns the seconds until one would be admitted. No rules: admitted,
    /// nothing kept.
    pub fn admit(&mut self, key: &str, rules: &[Rule], now: u64) -> Result<(), u64> {
        if rules.is_empty() {
            return Ok(());
        }
        self.since_sweep += 1;
        if self.since_sweep >= SWEEP_EVERY || self.logs.len() >= MAX_KEYS {
            self.sweep(rules, now);
        }
        if let Some(log) = self.logs.get_mut(key) {
            return rules::admit(log, rules, now);
        }
        let mut log = Vec::new();
        let verdict = rules::admit(&mut log, rules, now);
        self.logs.insert(key.to_owned(), log);
        verdict
    }

    /// Keys currently held.
    pub fn len(&self) -> usize {
        self.logs.len()
    }

    /// Whether no key is held.
    pub fn is_empty(&self) -> bool {
        self.logs.is_empty()
    }

    fn sweep(&mut self, rules: &[Rule], now: u64) {
        self.since_sweep = 0;
        let horizon_ms = rules::horizon(rules) * 1000;
        self.logs
            .retain(|_, log| log.last().is_some_and(|&t| t + horizon_ms > now));
        if self.logs.len() >= MAX_KEYS {
            let mut last: Vec<u64> = self
                .logs
                .values()
                .filter_map(|l| l.last().copied())
                .collect();
            let middle = last.len() / 2;
            let (_, &mut median, _) = last.select_nth_unstable(middle);
            self.logs
                .retain(|_, log| log.last().is_some_and(|&t| t > median));
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const MINUTE: u64 = 60_000;

    #[test]
    fn counts_each_key_on_its_own() {
        let rules = [Rule::new(2, 60)];
        let mut limiter = LocalLimiter::new();
        assert_eq!(limiter.admit("a", &rules, 0), Ok(()));
        assert_eq!(limiter.admit("a", &rules, 1000), Ok(()));
        assert_eq!(limiter.admit("a", &rules, 2000), Err(58));
        assert_eq!(limiter.admit("b", &rules, 2000), Ok(()));
        // The first hit leaves the window at 60 s.
        assert_eq!(limiter.admit("a", &rules, MINUTE), Ok(()));
    }

    #[test]
    fn no_rules_admits_and_keeps_nothing() {
        let mut limiter = LocalLimiter::new();
        for i in 0..10 {
            assert_eq!(limiter.admit(&i.to_string(), &[], 0), Ok(()));
        }
        assert!(limiter.is_empty());
    }

    #[test]
    fn emptied_keys_are_swept() {
        let rules = [Rule::new(5, 60)];
        let mut limiter = LocalLimiter::new();
        for i in 0..SWEEP_EVERY - 1 {
            limiter.admit(&format!("old{i}"), &rules, 0).unwrap();
        }
        assert_eq!(limiter.len(), (SWEEP_EVERY - 1) as usize);
        // One window later the next admission sweeps every expired key.
        limiter.admit("new", &rules, 2 * MINUTE).unwrap();
        assert_eq!(limiter.len(), 1);
    }

    #[test]
    fn memory_stays_bounded_under_a_flood_of_keys() {
        let rules = [Rule::new(5, 3600)];
        let mut limiter = LocalLimiter::new();
        for i in 0..(MAX_KEYS as u64 * 3) {
            limiter.admit(&format!("k{i}"), &rules, i).unwrap();
            assert!(limiter.len() <= MAX_KEYS);
        }
        // The most recent keys are still counted.
        let recent = format!("k{}", MAX_KEYS as u64 * 3 - 1);
        for _ in 0..4 {
            limiter.admit(&recent, &rules, MAX_KEYS as u64 * 3).unwrap();
        }
        assert!(limiter.admit(&recent, &rules, MAX_KEYS as u64 * 3).is_err());
    }
}
