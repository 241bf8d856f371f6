//! One verification session and its lifecycle
//! (<https://developer.8x8.com/connect/reference/code-validation-v-2>):
//! WAITING → VERIFIED, FAILED after `contract::limits::MAX_ATTEMPTS` wrong
//! codes (irreversible), or EXPIRED once the clock passes `expiresAt`. The
//! answer is the core's `params::Session`.

use verify8x8::contract::limits::MAX_ATTEMPTS;
use verify8x8::params::{CodeType, SessionStatus, SmaInfo};

/// The answer of every session route (and the webhook payload): the core's
/// session model, so the emulator writes exactly what the client reads.
pub(crate) use verify8x8::params::Session as SessionView;

use crate::clock::{rfc3339, Millis};
use crate::request::Channel;

/// A session as the emulator keeps it (the code never leaves it but
/// through the outbox).
#[derive(Debug, Clone)]
pub(crate) struct Session {
    pub(crate) id: String,
    pub(crate) sub_account: String,
    pub(crate) destination: String,
    pub(crate) channel: Channel,
    /// `None` for SMA, which sends no code.
    pub(crate) code: Option<String>,
    pub(crate) kind: CodeType,
    pub(crate) status: SessionStatus,
    pub(crate) attempt: u8,
    pub(crate) expires_at: Millis,
    pub(crate) last_send: Millis,
    pub(crate) resending_interval_ms: Millis,
    pub(crate) callback_url: Option<String>,
}

impl Session {
    /// When a resend may be requested: last send + `resendingInterval`.
    pub(crate) fn retry_after(&self) -> Millis {
        self.last_send + self.resending_interval_ms
    }

    /// Turns a WAITING session EXPIRED once `now` reaches `expiresAt`;
    /// true when the status changed.
    pub(crate) fn expire_if_due(&mut self, now: Millis) -> bool {
        if self.status == SessionStatus::Waiting && now >= self.expires_at {
            self.status = SessionStatus::Expired;
            return true;
        }
        false
    }

    /// Applies a submitted code; true when the status changed. A final
    /// session does not move (attempt included).
    pub(crate) fn submit(&mut self, submitted: &str, now: Millis) -> bool {
        if self.expire_if_due(now) {
            return true;
        }
        if self.status != SessionStatus::Waiting {
            return false;
        }
        let right = self
            .code
            .as_deref()
            .is_some_and(|c| self.kind.accepts(c, submitted));
        if right {
            self.status = SessionStatus::Verified;
            return true;
        }
        self.attempt = self.attempt.saturating_add(1);
        if self.attempt >= MAX_ATTEMPTS {
            self.status = SessionStatus::Failed;
            return true;
        }
        false
    }

    /// The response body, with `base_url` for SMA's `verificationUrl`.
    pub(crate) fn view(&self, base_url: &str) -> SessionView {
        SessionView {
            session_id: self.id.clone(),
            verify_uri: format!(
                "/api/v2/subaccounts/{}/sessions/{}",
                self.sub_account, self.id
            ),
            destination: self.destination.clone(),
            status: self.status,
            attempt: self.attempt,
            expires_at: rfc3339(self.expires_at),
            retry_after: rfc3339(self.retry_after()),
            sma: (self.channel == Channel::Sma).then(|| SmaInfo {
                verification_url: format!("{base_url}/sma/{}", self.id),
            }),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn session() -> Session {
        Session {
            id: "s".into(),
            sub_account: "acct".into(),
            destination: "+6587654321".into(),
            channel: Channel::Sms,
            code: Some("1234".into()),
            kind: CodeType::Numeric,
            status: SessionStatus::Waiting,
            attempt: 0,
            expires_at: 300_000,
            last_send: 0,
            resending_interval_ms: 10_000,
            callback_url: None,
        }
    }

    #[test]
    fn five_wrong_codes_fail_for_good() {
        let mut s = session();
        for i in 1..=4 {
            assert!(!s.submit("0000", 1));
            assert_eq!((s.status, s.attempt), (SessionStatus::Waiting, i));
        }
        assert!(s.submit("0000", 1));
        assert_eq!((s.status, s.attempt), (SessionStatus::Failed, 5));
        assert!(!s.submit("1234", 1));
        assert_eq!((s.status, s.attempt), (SessionStatus::Failed, 5));
    }

    #[test]
    fn expiry_wins_over_a_right_code() {
        let mut s = session();
        assert!(s.submit("1234", 300_000));
        assert_eq!(s.status, SessionStatus::Expired);
        let mut s = session();
        assert!(s.submit("1234", 299_999));
        assert_eq!(s.status, SessionStatus::Verified);
        assert!(!s.expire_if_due(400_000));
        assert_eq!(s.status, SessionStatus::Verified);
    }

    #[test]
    fn view_has_the_arithmetic() {
        let v = session().view("http://x");
        assert_eq!(v.expires_at, "1970-01-01T00:05:00.000Z");
        assert_eq!(v.retry_after, "1970-01-01T00:00:10.000Z");
        assert_eq!(v.verify_uri, "/api/v2/subaccounts/acct/sessions/s");
        assert!(v.sma.is_none());
    }
}
