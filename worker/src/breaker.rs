//! The conversion breaker, pure: starts against verifications in a sliding
//! window, per country and per number range. SMS pumping has one signal it
//! cannot hide: the codes it has sent are never entered. When too few of the
//! starts that had time to be entered were (under a threshold, with enough of
//! them to judge), new starts to that country or range pause for a cool-down;
//! sessions already under way are untouched (only starts consult it).
//!
//! A start is *settled* once it is older than the grace period (people need
//! a minute to type the code): younger starts are neither for nor against.
//! The Durable Object of the key keeps the [`State`] (`crate::ledger`).

/// When the breaker trips and for how long (the `BREAKER_*` settings).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Breaker {
    /// The sliding window, seconds (`BREAKER_WINDOW`, default 1 h).
    pub window: u64,
    /// Settled starts needed before it judges (`BREAKER_MIN_STARTS`, default 3).
    pub min_starts: u32,
    /// The lowest acceptable share of settled starts verified, percent
    /// (`BREAKER_MIN_CONVERSION`, default 20).
    pub min_conversion: u32,
    /// How long new starts pause once it trips, seconds (`BREAKER_COOLDOWN`, default 30 min).
    pub cooldown: u64,
    /// How old a start must be to count as settled, seconds (`BREAKER_GRACE`, default 2 min).
    pub grace: u64,
}

/// What one key's breaker remembers.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct State {
    /// The longest window it is judged over, seconds (so an alarm knows when to forget it).
    pub horizon: u64,
    /// Paused until, ms since the epoch (0: never tripped).
    pub tripped_until: u64,
    /// Starts admitted, oldest first, ms.
    pub starts: Vec<u64>,
    /// Verifications seen, oldest first, ms.
    pub verified: Vec<u64>,
}

/// What a start finds.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Verdict {
    /// It may go on.
    Pass,
    /// Paused: new starts refused for `retry_after` seconds. `tripped` is
    /// true for the start that tripped it (logged once), false while paused.
    Paused {
        /// Seconds until the cool-down ends.
        retry_after: u64,
        /// This start tripped it.
        tripped: bool,
        /// Settled starts in the window when it tripped.
        settled: u32,
        /// Verifications in the window when it tripped.
        verified: u32,
    },
}

impl Breaker {
    /// Judges a start at `now` (ms) without recording it: trips when
    /// settled starts ≥ `min_starts` and verified < `min_conversion` % of them.
    pub fn judge(&self, state: &mut State, now: u64) -> Verdict {
        state.horizon = state.horizon.max(self.window);
        let horizon_ms = self.window * 1000;
        state.starts.retain(|&t| t + horizon_ms > now);
        state.verified.retain(|&t| t + horizon_ms > now);
        if state.tripped_until > now {
            return Verdict::Paused {
                retry_after: (state.tripped_until - now).div_ceil(1000).max(1),
                tripped: false,
                settled: 0,
                verified: 0,
            };
        }
        let grace_ms = self.grace * 1000;
        let settled = state
            .starts
            .iter()
            .filter(|&&t| t + grace_ms <= now)
            .count() as u64;
        let verified = state.verified.len() as u64;
        if settled >= u64::from(self.min_starts)
            && verified * 100 < settled * u64::from(self.min_conversion)
        {
            state.tripped_until = now + self.cooldown * 1000;
            return Verdict::Paused {
                retry_after: self.cooldown.max(1),
                tripped: true,
                settled: settled as u32,
                verified: verified as u32,
            };
        }
        Verdict::Pass
    }

    /// Records an admitted start at `now` (ms).
    pub fn record_start(&self, state: &mut State, now: u64) {
        state.horizon = state.horizon.max(self.window);
        state.starts.push(now);
    }
}

impl State {
    /// Records a verification at `now` (ms); it counts while the window holds it.
    pub fn record_verified(&mut self, horizon: u64, now: u64) {
        self.horizon = self.horizon.max(horizon);
        self.verified.push(now);
    }

    /// Takes back the newest start (8x8 sent nothing for it).
    pub fn refund_start(&mut self) {
        self.starts.pop();
    }

    /// When it can be forgotten, ms: its newest record has left the window
    /// and no cool-down runs.
    pub fn forget_at(&self) -> u64 {
        let newest = self.starts.last().max(self.verified.last()).copied();
        let records = newest.map_or(0, |t| t.saturating_add(self.horizon * 1000));
        records.max(self.tripped_until)
    }

    /// The stored form: `[horizon, tripped_until, starts count, starts..., verified...]`.
    pub fn to_stored(&self) -> Vec<u64> {
        let mut stored = Vec::with_capacity(3 + self.starts.len() + self.verified.len());
        stored.extend([self.horizon, self.tripped_until, self.starts.len() as u64]);
        stored.extend_from_slice(&self.starts);
        stored.extend_from_slice(&self.verified);
        stored
    }

    /// Reads the stored form (anything malformed reads as empty).
    pub fn from_stored(stored: &[u64]) -> Self {
        let [horizon, tripped_until, count, rest @ ..] = stored else {
            return State::default();
        };
        let Some((starts, verified)) = usize::try_from(*count)
            .ok()
            .filter(|&n| n <= rest.len())
            .map(|n| rest.split_at(n))
        else {
            return State::default();
        };
        State {
            horizon: *horizon,
            tripped_until: *tripped_until,
            starts: starts.to_vec(),
            verified: verified.to_vec(),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const S: u64 = 1000;
    const BREAKER: Breaker = Breaker {
        window: 3600,
        min_starts: 3,
        min_conversion: 20,
        cooldown: 1800,
        grace: 120,
    };

    fn start(state: &mut State, now: u64) -> Verdict {
        let verdict = BREAKER.judge(state, now);
        if verdict == Verdict::Pass {
            BREAKER.record_start(state, now);
        }
        verdict
    }

    #[test]
    fn codes_never_entered_trip_it_once_then_it_pauses_then_recovers() {
        let mut state = State::default();
        // Three starts pass; unsettled starts judge nothing.
        for t in 0..10 {
            assert_eq!(start(&mut state, t * S), Verdict::Pass, "{t}");
        }
        // Once settled (2 min) with none verified: it trips, once.
        let trip = start(&mut state, 130 * S);
        assert_eq!(
            trip,
            Verdict::Paused {
                retry_after: 1800,
                tripped: true,
                settled: 10,
                verified: 0
            }
        );
        match start(&mut state, 200 * S) {
            Verdict::Paused {
                tripped: false,
                retry_after,
                ..
            } => assert_eq!(retry_after, 1730),
            other => panic!("{other:?}"),
        }
        // After the cool-down the window still holds the unconverted starts: paused again.
        assert!(matches!(
            start(&mut state, 1931 * S),
            Verdict::Paused { tripped: true, .. }
        ));
        // Once they left the window, it lets starts through again.
        assert_eq!(start(&mut state, 3731 * S + 3600 * S), Verdict::Pass);
    }

    #[test]
    fn a_normal_launch_passes() {
        let mut state = State::default();
        // 200 starts over an hour, 9 in 10 verified a minute later.
        let mut t = 0;
        for i in 0..200u64 {
            assert_eq!(start(&mut state, t), Verdict::Pass, "start {i}");
            if i % 10 != 9 {
                state.record_verified(3600, t + 60 * S);
            }
            t += 18 * S;
        }
        // Even half the codes never entered is above 20 %.
        let mut state = State::default();
        for i in 0..100u64 {
            assert_eq!(start(&mut state, i * 30 * S), Verdict::Pass, "start {i}");
            if i % 2 == 0 {
                state.record_verified(3600, i * 30 * S + 30 * S);
            }
        }
    }

    #[test]
    fn too_few_settled_starts_judge_nothing() {
        let mut state = State::default();
        for t in [0, 1, 2] {
            assert_eq!(start(&mut state, t * 300 * S), Verdict::Pass);
        }
        // Two settled, one unsettled: not enough to judge.
        assert_eq!(BREAKER.judge(&mut state.clone(), 650 * S), Verdict::Pass);
        // The third settles: 0 of 3.
        assert!(matches!(
            BREAKER.judge(&mut state, 721 * S),
            Verdict::Paused { tripped: true, .. }
        ));
    }

    #[test]
    fn stored_form_round_trips_and_forgets() {
        let state = State {
            horizon: 3600,
            tripped_until: 9_000,
            starts: vec![1, 2, 3],
            verified: vec![2],
        };
        assert_eq!(State::from_stored(&state.to_stored()), state);
        assert_eq!(state.forget_at(), 3 + 3_600_000);
        assert_eq!(State::from_stored(&[1, 2, 9, 4]), State::default());
        assert_eq!(State::from_stored(&[]), State::default());
        assert_eq!(State::default().forget_at(), 0);
    }
}
