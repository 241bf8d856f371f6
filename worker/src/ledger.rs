//! What one Durable Object of the limiter keeps, and the operations on it,
//! pure: counters (sliding-window logs, `crate::rules`) and *claims*, the
//! record of who owns a number's pending 8x8 session.
//!
//! 8x8 answers a second start of a number whose session is still `WAITING`
//! with the same session (it re-sends the code), so whoever starts second
//! would act on the first starter's session. The worker therefore lets one
//! party at a time own a number: a start records a claim (a random *grant*,
//! sealed into the starter's handle) until the code expires, and a second
//! start while it lives is refused (`409`). Code checks and resends must
//! present the grant of the live claim. The number's object is the number
//! prefix's object, which already counts the number's starts, so the claim
//! and the counts change together, atomically, and agree across isolates.
//!
//! The object loads what an operation names ([`Op::names`]) before
//! [`Book::apply`] runs, and stores what it changed ([`Changes`]).

use std::collections::HashMap;

use crate::breaker::{self, Breaker};
use crate::rules::{self, Rule};

/// A number's owner: the grant sealed in the owner's handle, and when the
/// claim lapses (ms since the epoch).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Claim {
    /// The owner's grant.
    pub grant: String,
    /// When the claim lapses, ms since the epoch.
    pub until_ms: u64,
}

/// A counter of an operation: its name in the object and its rules.
pub type Counter = (String, Vec<Rule>);

/// An operation on one object.
#[derive(Debug, Clone, PartialEq)]
pub enum Op {
    /// Counters alone (a client network's, a country's): every counter must
    /// admit, or none counts.
    Count {
        /// The counters.
        counters: Vec<Counter>,
    },
    /// A start: refused while another grant holds the number; otherwise
    /// every counter must admit, and then the claim is recorded.
    Claim {
        /// The destination, E.164.
        number: String,
        /// The new owner's grant.
        grant: String,
        /// When the claim lapses (ms): the code's expiry.
        until_ms: u64,
        /// Counted together with the claim.
        counters: Vec<Counter>,
    },
    /// A code check or a resend: `grant` must hold the number; then every
    /// counter must admit.
    Act {
        /// The destination, E.164.
        number: String,
        /// The acting handle's grant.
        grant: String,
        /// Counted if the grant holds.
        counters: Vec<Counter>,
    },
    /// Moves the claim's end (a resend extends 8x8's session).
    Extend {
        /// The destination, E.164.
        number: String,
        /// The owner's grant.
        grant: String,
        /// The new end, ms.
        until_ms: u64,
    },
    /// Ends the claim: the session is over (verified, failed), or 8x8 never
    /// opened it. `refund` takes the newest hit back from a counter (a code
    /// check counted as failed in advance that turned out right).
    Release {
        /// The destination, E.164.
        number: String,
        /// The owner's grant; another grant releases nothing.
        grant: String,
        /// The counter to take one hit back from.
        refund: Option<String>,
    },
    /// A start in a counted key's object (a range, a country): the key's
    /// conversion breaker must let it through, then every counter must
    /// admit; then the start is recorded in the breaker.
    Guard {
        /// The breaker's name in the object and its settings (`None`: no breaker).
        breaker: Option<(String, Breaker)>,
        /// Counted if the breaker lets it through.
        counters: Vec<Counter>,
    },
    /// A verification seen (a check answered `VERIFIED`): recorded in the
    /// breaker `name`, counted for `horizon` seconds.
    Verified {
        /// The breaker's name.
        name: String,
        /// Its window, seconds.
        horizon: u64,
    },
    /// Takes back a start that 8x8 refused without sending anything: the
    /// newest hit of each counter, and the breaker's newest start.
    Refund {
        /// The counters.
        counters: Vec<String>,
        /// The breaker.
        breaker: Option<String>,
    },
}

/// How an operation ended.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Outcome {
    /// Done.
    Done,
    /// Counter `index` refused; it admits again in `retry_after` seconds.
    Limited {
        /// Index of the refusing counter in the operation.
        index: usize,
        /// Seconds until it would admit.
        retry_after: u64,
    },
    /// Another grant holds the number until `until_ms`.
    Busy {
        /// When that claim lapses, ms.
        until_ms: u64,
    },
    /// The grant does not hold the number (any more).
    NotOwner,
    /// Done, and the key's breaker has seen no verification in its window
    /// (a country nobody has verified in lately: its starts also count
    /// under the shared limit of such countries).
    Cold,
    /// The conversion breaker pauses new starts for `retry_after` seconds;
    /// `tripped`: this start tripped it (the worker logs it, once).
    Paused {
        /// Seconds until the cool-down ends.
        retry_after: u64,
        /// This start tripped it.
        tripped: bool,
    },
}

/// The storage key of a number's claim.
pub fn claim_key(number: &str) -> String {
    format!("claim:{number}")
}

/// The storage key of a counter.
pub fn counter_key(name: &str) -> String {
    format!("hits:{name}")
}

/// The storage key of a conversion breaker.
pub fn breaker_key(name: &str) -> String {
    format!("breaker:{name}")
}

impl Op {
    /// The destination the operation is about (none for [`Op::Count`]).
    pub fn number(&self) -> &str {
        match self {
            Op::Count { .. } | Op::Guard { .. } | Op::Verified { .. } | Op::Refund { .. } => "",
            Op::Claim { number, .. }
            | Op::Act { number, .. }
            | Op::Extend { number, .. }
            | Op::Release { number, .. } => number,
        }
    }

    /// The counters it counts.
    pub fn counters(&self) -> &[Counter] {
        match self {
            Op::Count { counters }
            | Op::Claim { counters, .. }
            | Op::Act { counters, .. }
            | Op::Guard { counters, .. } => counters,
            Op::Extend { .. } | Op::Release { .. } | Op::Verified { .. } | Op::Refund { .. } => &[],
        }
    }

    /// The storage keys it reads: the number's claim and its counters.
    pub fn names(&self) -> Vec<String> {
        let mut names = Vec::new();
        if !self.number().is_empty() {
            names.push(claim_key(self.number()));
        }
        names.extend(self.counters().iter().map(|(name, _)| counter_key(name)));
        match self {
            Op::Release {
                refund: Some(name), ..
            } => names.push(counter_key(name)),
            Op::Guard {
                breaker: Some((name, _)),
                ..
            }
            | Op::Verified { name, .. } => names.push(breaker_key(name)),
            Op::Refund { counters, breaker } => {
                names.extend(counters.iter().map(|name| counter_key(name)));
                names.extend(breaker.iter().map(|name| breaker_key(name)));
            }
            _ => {}
        }
        names
    }
}

/// A counter's log as stored: the longest window it is counted under
/// (seconds, so the alarm knows when to forget it) and its hits (ms).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Log {
    /// The longest window of the rules counting into it, seconds.
    pub horizon: u64,
    /// Admission times, oldest first, ms.
    pub hits: Vec<u64>,
}

impl Log {
    /// The stored form: `[horizon, hit, hit, ...]`.
    pub fn to_stored(&self) -> Vec<u64> {
        let mut stored = Vec::with_capacity(self.hits.len() + 1);
        stored.push(self.horizon);
        stored.extend_from_slice(&self.hits);
        stored
    }

    /// Reads the stored form.
    pub fn from_stored(stored: &[u64]) -> Self {
        match stored.split_first() {
            Some((&horizon, hits)) => Log {
                horizon,
                hits: hits.to_vec(),
            },
            None => Log::default(),
        }
    }

    /// When the log can be forgotten, ms: its newest hit leaves the horizon.
    pub fn forget_at(&self) -> u64 {
        self.hits
            .last()
            .map_or(0, |&t| t.saturating_add(self.horizon * 1000))
    }
}

/// What an operation changed: storage keys to write (with their new value)
/// and to delete.
#[derive(Debug, Default, PartialEq)]
pub struct Changes {
    /// Counters to store.
    pub logs: Vec<(String, Log)>,
    /// Claims to store.
    pub claims: Vec<(String, Claim)>,
    /// Breakers to store.
    pub breakers: Vec<(String, breaker::State)>,
    /// Keys to delete.
    pub deleted: Vec<String>,
}

impl Changes {
    /// The latest time anything written must be remembered until, ms.
    pub fn keep_until(&self) -> u64 {
        let logs = self.logs.iter().map(|(_, log)| log.forget_at());
        let claims = self.claims.iter().map(|(_, claim)| claim.until_ms);
        let breakers = self.breakers.iter().map(|(_, state)| state.forget_at());
        logs.chain(claims).chain(breakers).max().unwrap_or(0)
    }
}

/// The object's loaded state: the claims and counters read so far, by
/// storage key.
#[derive(Debug, Default)]
pub struct Book {
    /// Claims by storage key (`claim:+65...`); `None`: known to be absent.
    pub claims: HashMap<String, Option<Claim>>,
    /// Counters by storage key (`hits:...`).
    pub logs: HashMap<String, Log>,
    /// Conversion breakers by storage key (`breaker:...`).
    pub breakers: HashMap<String, breaker::State>,
}

impl Book {
    /// Applies `op` at `now` (ms); the state must hold every key of
    /// [`Op::names`] (absent ones as `None` / empty).
    pub fn apply(&mut self, op: &Op, now: u64) -> (Outcome, Changes) {
        let key = claim_key(op.number());
        let live = self
            .claims
            .get(&key)
            .cloned()
            .flatten()
            .filter(|claim| claim.until_ms > now);
        let mut changes = Changes::default();
        match op {
            Op::Count { counters } => match self.admit(counters, now, &mut changes) {
                Ok(()) => (Outcome::Done, changes),
                Err(outcome) => (outcome, changes),
            },
            Op::Claim {
                grant,
                until_ms,
                counters,
                ..
            } => {
                if let Some(claim) = live {
                    return (
                        Outcome::Busy {
                            until_ms: claim.until_ms,
                        },
                        changes,
                    );
                }
                if let Err(outcome) = self.admit(counters, now, &mut changes) {
                    return (outcome, changes);
                }
                let claim = Claim {
                    grant: grant.clone(),
                    until_ms: *until_ms,
                };
                self.claims.insert(key.clone(), Some(claim.clone()));
                changes.claims.push((key, claim));
                (Outcome::Done, changes)
            }
            Op::Act {
                grant, counters, ..
            } => {
                if live.is_none_or(|claim| &claim.grant != grant) {
                    return (Outcome::NotOwner, changes);
                }
                match self.admit(counters, now, &mut changes) {
                    Ok(()) => (Outcome::Done, changes),
                    Err(outcome) => (outcome, changes),
                }
            }
            Op::Extend {
                grant, until_ms, ..
            } => match live {
                Some(mut claim) if &claim.grant == grant => {
                    claim.until_ms = claim.until_ms.max(*until_ms);
                    self.claims.insert(key.clone(), Some(claim.clone()));
                    changes.claims.push((key, claim));
                    (Outcome::Done, changes)
                }
                _ => (Outcome::NotOwner, changes),
            },
            Op::Release { grant, refund, .. } => {
                let owned = self
                    .claims
                    .get(&key)
                    .cloned()
                    .flatten()
                    .is_some_and(|claim| &claim.grant == grant);
                if !owned {
                    return (Outcome::NotOwner, changes);
                }
                self.claims.insert(key.clone(), None);
                changes.deleted.push(key);
                if let Some(name) = refund {
                    let key = counter_key(name);
                    if let Some(log) = self.logs.get_mut(&key) {
                        log.hits.pop();
                        changes.logs.push((key, log.clone()));
                    }
                }
                (Outcome::Done, changes)
            }
            Op::Guard { breaker, counters } => self.guard(breaker.as_ref(), counters, now),
            Op::Verified { name, horizon } => {
                let key = breaker_key(name);
                let state = self.breakers.entry(key.clone()).or_default();
                state.record_verified(*horizon, now);
                changes.breakers.push((key, state.clone()));
                (Outcome::Done, changes)
            }
            Op::Refund { counters, breaker } => {
                for name in counters {
                    let key = counter_key(name);
                    if let Some(log) = self.logs.get_mut(&key) {
                        if log.hits.pop().is_some() {
                            changes.logs.push((key, log.clone()));
                        }
                    }
                }
                if let Some(name) = breaker {
                    let key = breaker_key(name);
                    if let Some(state) = self.breakers.get_mut(&key) {
                        state.refund_start();
                        changes.breakers.push((key, state.clone()));
                    }
                }
                (Outcome::Done, changes)
            }
        }
    }

    /// [`Op::Guard`]: the breaker, then the counters, then the start recorded.
    fn guard(
        &mut self,
        breaker: Option<&(String, Breaker)>,
        counters: &[Counter],
        now: u64,
    ) -> (Outcome, Changes) {
        let mut changes = Changes::default();
        if let Some((name, settings)) = breaker {
            let key = breaker_key(name);
            let state = self.breakers.entry(key.clone()).or_default();
            if let breaker::Verdict::Paused {
                retry_after,
                tripped,
                ..
            } = settings.judge(state, now)
            {
                if tripped {
                    changes.breakers.push((key, state.clone()));
                }
                return (
                    Outcome::Paused {
                        retry_after,
                        tripped,
                    },
                    changes,
                );
            }
        }
        if let Err(outcome) = self.admit(counters, now, &mut changes) {
            return (outcome, changes);
        }
        if let Some((name, settings)) = breaker {
            let key = breaker_key(name);
            let state = self.breakers.entry(key.clone()).or_default();
            settings.record_start(state, now);
            let cold = state.verified.is_empty();
            changes.breakers.push((key, state.clone()));
            if cold {
                return (Outcome::Cold, changes);
            }
        }
        (Outcome::Done, changes)
    }

    /// Admits one hit under every counter at once, or none (the refusing
    /// counter's index and wait).
    fn admit(
        &mut self,
        counters: &[Counter],
        now: u64,
        changes: &mut Changes,
    ) -> Result<(), Outcome> {
        let keys: Vec<String> = counters.iter().map(|(name, _)| counter_key(name)).collect();
        let mut taken: Vec<Log> = keys
            .iter()
            .map(|key| self.logs.remove(key).unwrap_or_default())
            .collect();
        let verdict = {
            let mut view: Vec<(&mut Vec<u64>, &[Rule])> = taken
                .iter_mut()
                .zip(counters)
                .map(|(log, (_, rules))| (&mut log.hits, rules.as_slice()))
                .collect();
            rules::admit_all(&mut view, now)
        };
        for ((key, mut log), (_, rules)) in keys.into_iter().zip(taken).zip(counters) {
            log.horizon = log.horizon.max(rules::horizon(rules));
            if verdict.is_ok() && !rules.is_empty() {
                changes.logs.push((key.clone(), log.clone()));
            }
            self.logs.insert(key, log);
        }
        verdict.map_err(|(index, retry_after)| Outcome::Limited { index, retry_after })
    }

    /// Forgets, at `now` (ms), every claim that lapsed and every counter no
    /// rule counts any more; returns their storage keys (to delete).
    pub fn sweep(&mut self, now: u64) -> Vec<String> {
        let mut gone: Vec<String> = self
            .claims
            .iter()
            .filter(|(_, claim)| claim.as_ref().is_none_or(|c| c.until_ms <= now))
            .map(|(key, _)| key.clone())
            .collect();
        gone.extend(
            self.logs
                .iter()
                .filter(|(_, log)| log.forget_at() <= now)
                .map(|(key, _)| key.clone()),
        );
        gone.extend(
            self.breakers
                .iter()
                .filter(|(_, state)| state.forget_at() <= now)
                .map(|(key, _)| key.clone()),
        );
        for key in &gone {
            self.claims.remove(key);
            self.logs.remove(key);
            self.breakers.remove(key);
        }
        gone
    }

    /// The latest time anything held must be remembered until, ms.
    pub fn keep_until(&self) -> u64 {
        let claims = self.claims.values().flatten().map(|c| c.until_ms);
        let logs = self.logs.values().map(Log::forget_at);
        let breakers = self.breakers.values().map(breaker::State::forget_at);
        claims.chain(logs).chain(breakers).max().unwrap_or(0)
    }
}

#[cfg(test)]
mod tests;
