//! The retry policy, pure: given the operation, the error of an attempt, the
//! attempt number and a random number, retry (after how long) or give up.
//! Transports run the loop; this decides.
//!
//! What is retried, and why:
//! - **Reading a session** (`GetStatus`: GET without a code) and **the SMA
//!   coverage check** change nothing on the server: retried after a timeout,
//!   a network failure or a 5xx.
//! - **Any call answered 429** was not processed: retried, waiting at least
//!   the server's `Retry-After`.
//! - **A code check** (GET with a code) is retried only on 429: the server
//!   may have counted a timed-out check as an attempt (five wrong ones fail
//!   the session), so it is not repeated blindly. After a timeout, read the
//!   status to learn the outcome.
//! - **Starting a verification** is retried only on 429. After a timeout or a
//!   lost connection the code may already be on its way, so it is never
//!   repeated: [`settle`] turns that error into `outcome_unknown`.
//!
//! Delays follow "full jitter" exponential backoff: a uniformly random delay
//! between 0 and `min(maxDelayMs, baseDelayMs * 2^(attempt-1))`.

use super::config::Mode;
use super::error::{Error, TransportErrorKind};

/// The four operations of the client.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Operation {
    /// `POST …/sessions`: sends a code. Never repeated after an unknown outcome.
    StartVerification,
    /// `GET …/sessions/{id}?code=`: may count as an attempt.
    CheckCode,
    /// `GET …/sessions/{id}`: reads only.
    GetStatus,
    /// `POST …/sma/coverage`: reads only.
    CheckCoverage,
}

impl Operation {
    /// Whether repeating the call after an unknown outcome is harmless.
    pub fn is_safe_to_repeat(self) -> bool {
        matches!(self, Operation::GetStatus | Operation::CheckCoverage)
    }
}

/// How often and how long to retry.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Policy {
    /// Retries after the first attempt (0 = never retry). Default 4.
    pub max_retries: u32,
    /// The first backoff ceiling, in milliseconds. Default 100.
    pub base_delay_ms: u64,
    /// The largest backoff ceiling, in milliseconds. Default 2000.
    pub max_delay_ms: u64,
    /// A server-requested wait (`Retry-After`) longer than this is not
    /// waited for: the error goes to the caller. Default 10 000.
    pub max_retry_after_ms: u64,
    /// Whether a start answered 429 is sent again. True against 8x8 (a 429
    /// was not processed); false through the edge worker, which already
    /// retried it and counts every start it receives against the
    /// destination's rate limit: a browser re-sending would use the
    /// person's quota up in one click.
    pub retry_rate_limited_starts: bool,
}

impl Default for Policy {
    fn default() -> Policy {
        Policy {
            max_retries: 4,
            base_delay_ms: 100,
            max_delay_ms: 2_000,
            max_retry_after_ms: 10_000,
            retry_rate_limited_starts: true,
        }
    }
}

impl Policy {
    /// The default policy for a client in `mode`: in [`Mode::Proxy`] the
    /// edge worker is the one that retries starts.
    ///
    /// ```
    /// use verify8x8::api::{Mode, Policy};
    /// assert!(Policy::for_mode(Mode::Direct).retry_rate_limited_starts);
    /// assert!(!Policy::for_mode(Mode::Proxy).retry_rate_limited_starts);
    /// ```
    pub fn for_mode(mode: Mode) -> Policy {
        Policy {
            retry_rate_limited_starts: mode == Mode::Direct,
            ..Policy::default()
        }
    }
}

/// What to do after a failed attempt.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Decision {
    /// Try again after this many milliseconds.
    Retry {
        /// The wait before the next attempt.
        after_ms: u64,
    },
    /// Stop; report the error (through [`settle`]).
    GiveUp,
}

impl Policy {
    /// The decision after attempt number `attempt` (1 for the first) of `op`
    /// failed with `error`. `random` is uniform in `[0, 1)` (`Math.random()`).
    ///
    /// ```
    /// use verify8x8::api::{parse_session, Decision, Operation, Policy};
    /// let busy = parse_session(503, &[], "").unwrap_err();
    /// let policy = Policy::default();
    /// assert_eq!(policy.decide(Operation::GetStatus, &busy, 1, 0.5), Decision::Retry { after_ms: 50 });
    /// assert_eq!(policy.decide(Operation::StartVerification, &busy, 1, 0.5), Decision::GiveUp);
    /// ```
    pub fn decide(&self, op: Operation, error: &Error, attempt: u32, random: f64) -> Decision {
        if attempt > self.max_retries {
            return Decision::GiveUp;
        }
        let ceiling = self
            .base_delay_ms
            .saturating_mul(1u64 << attempt.saturating_sub(1).min(32))
            .min(self.max_delay_ms);
        let jitter = (random.clamp(0.0, 1.0) * ceiling as f64) as u64;
        match error {
            Error::Api(e)
                if e.status == 429
                    && op == Operation::StartVerification
                    && !self.retry_rate_limited_starts =>
            {
                Decision::GiveUp
            }
            Error::Api(e) if e.status == 429 => {
                let asked = e.retry_after.unwrap_or(0).saturating_mul(1000);
                if asked > self.max_retry_after_ms {
                    Decision::GiveUp
                } else {
                    Decision::Retry {
                        after_ms: asked.max(jitter),
                    }
                }
            }
            Error::Api(e) if e.status >= 500 && op.is_safe_to_repeat() => {
                Decision::Retry { after_ms: jitter }
            }
            Error::Transport(e)
                if matches!(
                    e.kind,
                    TransportErrorKind::Timeout | TransportErrorKind::Network
                ) && op.is_safe_to_repeat() =>
            {
                Decision::Retry { after_ms: jitter }
            }
            _ => Decision::GiveUp,
        }
    }
}

/// The error to report once the loop gives up. A verification start that
/// timed out or lost its connection becomes `outcome_unknown`: the code may
/// have been sent, and starting again reuses the same session and code while
/// it is valid (or is refused as `resend_too_soon` within
/// `resendingInterval`).
///
/// ```
/// use verify8x8::api::{settle, Error, Operation, TransportErrorKind};
/// let lost = Error::transport(TransportErrorKind::Network, "connection reset");
/// assert_eq!(settle(Operation::StartVerification, lost.clone()).code(), "outcome_unknown");
/// assert_eq!(settle(Operation::GetStatus, lost).code(), "network");
/// ```
pub fn settle(op: Operation, error: Error) -> Error {
    match error {
        Error::Transport(e)
            if op == Operation::StartVerification
                && matches!(e.kind, TransportErrorKind::Timeout | TransportErrorKind::Network) =>
        {
            Error::transport(
                TransportErrorKind::OutcomeUnknown,
                format!(
                    "the verification may or may not have started ({}). It was not retried so the person gets no second message; \
                     starting it again for the same destination re-sends the same code while it is valid \
                     (or answers resend_too_soon within resendingInterval)",
                    e.message
                ),
            )
        }
        other => other,
    }
}
