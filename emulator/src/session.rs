//! One verification session and its lifecycle (API.md §5 and §12):
//! WAITING → VERIFIED, FAILED after 5 wrong codes (irreversible), or EXPIRED
//! once the clock passes `expiresAt`.

use serde::Serialize;

use crate::clock::{rfc3339, Millis};
use crate::code::{self, CodeKind};
use crate::request::Channel;

/// Wrong codes a session takes before it fails for good.
pub(crate) const MAX_ATTEMPTS: u8 = 5;

/// 8x8's session status.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "UPPERCASE")]
pub(crate) enum Status {
    Waiting,
    Verified,
    Failed,
    Expired,
}

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
    pub(crate) kind: CodeKind,
    pub(crate) status: Status,
    pub(crate) attempt: u8,
    pub(crate) expires_at: Millis,
    pub(crate) last_send: Millis,
    pub(crate) resending_interval_ms: Millis,
    pub(crate) callback_url: Option<String>,
}

/// The JSON body of `VerifyResponseV2` (also the webhook payload).
#[derive(Debug, Clone, Serialize, PartialEq)]
#[serde(rename_all = "camelCase")]
pub(crate) struct SessionView {
    pub(crate) session_id: String,
    pub(crate) verify_uri: String,
    pub(crate) destination: String,
    pub(crate) status: Status,
    pub(crate) attempt: u8,
    pub(crate) expires_at: String,
    pub(crate) retry_after: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub(crate) sma: Option<SmaView>,
}

/// `sma` of the response.
#[derive(Debug, Clone, Serialize, PartialEq)]
#[serde(rename_all = "camelCase")]
pub(crate) struct SmaView {
    pub(crate) verification_url: String,
}

impl Session {
    /// When a resend may be requested: last send + `resendingInterval`.
    pub(crate) fn retry_after(&self) -> Millis {
        self.last_send + self.resending_interval_ms
    }

    /// Turns a WAITING session EXPIRED once `now` reaches `expiresAt`;
    /// true when the status changed.
    pub(crate) fn expire_if_due(&mut self, now: Millis) -> bool {
        if self.status == Status::Waiting && now >= self.expires_at {
            self.status = Status::Expired;
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
        if self.status != Status::Waiting {
            return false;
        }
        let right = self
            .code
            .as_deref()
            .is_some_and(|c| code::matches(self.kind, c, submitted));
        if right {
            self.status = Status::Verified;
            return true;
        }
        self.attempt = self.attempt.saturating_add(1);
        if self.attempt >= MAX_ATTEMPTS {
            self.status = Status::Failed;
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
            sma: (self.channel == Channel::Sma).then(|| SmaView {
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
            kind: CodeKind::Numeric,
            status: Status::Waiting,
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
            assert_eq!((s.status, s.attempt), (Status::Waiting, i));
        }
        assert!(s.submit("0000", 1));
        assert_eq!((s.status, s.attempt), (Status::Failed, 5));
        assert!(!s.submit("1234", 1));
        assert_eq!((s.status, s.attempt), (Status::Failed, 5));
    }

    #[test]
    fn expiry_wins_over_a_right_code() {
        let mut s = session();
        assert!(s.submit("1234", 300_000));
        assert_eq!(s.status, Status::Expired);
        let mut s = session();
        assert!(s.submit("1234", 299_999));
        assert_eq!(s.status, Status::Verified);
        assert!(!s.expire_if_due(400_000));
        assert_eq!(s.status, Status::Verified);
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
