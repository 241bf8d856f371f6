//! Sessions, the destination index and the outbox, changed together under
//! one lock so that concurrent starts and checks lose or duplicate nothing.

use std::collections::HashMap;

use verify8x8::contract::template;

use crate::clock::{rfc3339, seconds_until, Millis};
use crate::code;
use crate::outbox::{Entry, Outbox};
use crate::random;
use crate::request::{Channel, StartRequest};
use crate::session::{Session, SessionView};
use verify8x8::params::SessionStatus;

/// A status change to report to the session's `callbackUrl`.
#[derive(Debug, Clone)]
pub(crate) struct Change {
    pub(crate) session_id: String,
    pub(crate) callback_url: String,
    /// The session object as JSON, as the GET would answer it now.
    pub(crate) body: String,
}

/// Why a start was refused.
#[derive(Debug, PartialEq, Eq)]
pub(crate) enum StartRefused {
    /// A WAITING session for this destination was sent to less than
    /// `resendingInterval` ago; retry after this many seconds.
    TooEarly { retry_after_secs: i64 },
}

/// Everything the API changes.
#[derive(Debug, Default)]
pub(crate) struct Store {
    /// `http://host:port` of the emulator, for SMA's `verificationUrl`.
    pub(crate) base_url: String,
    sessions: HashMap<String, Session>,
    /// (sub-account, E.164) → the latest session for it.
    by_destination: HashMap<(String, String), String>,
    pub(crate) outbox: Outbox,
}

/// A session as answered, and the webhook its status change calls for.
pub(crate) type Answer = (SessionView, Option<Change>);

impl Store {
    /// An empty store for an emulator answering at `base_url`.
    pub(crate) fn new(base_url: String) -> Self {
        Self {
            base_url,
            ..Self::default()
        }
    }

    /// `POST /sessions`: a new session, or a resend to the WAITING session
    /// of the same destination (<https://developer.8x8.com/connect/reference/verify-request-v-2>). `verified_at_once` is SMA from
    /// a mobile-gateway address, which 8x8 may validate immediately.
    pub(crate) fn start(
        &mut self,
        sub_account: &str,
        req: &StartRequest,
        now: Millis,
        verified_at_once: bool,
    ) -> Result<Answer, StartRefused> {
        let key = (sub_account.to_string(), req.destination.clone());
        let existing = self
            .by_destination
            .get(&key)
            .cloned()
            .filter(|id| self.is_waiting(id, now));
        let (id, resend, mut changed) = match existing {
            Some(id) => {
                let session = self.sessions.get_mut(&id).ok_or(StartRefused::TooEarly {
                    retry_after_secs: 1,
                })?;
                if now < session.retry_after() {
                    return Err(StartRefused::TooEarly {
                        retry_after_secs: seconds_until(now, session.retry_after()),
                    });
                }
                if req.reset_session {
                    session.code = new_code(req);
                    session.kind = req.code_kind;
                    session.attempt = 0;
                } else if session.code.is_none() {
                    // An SMA session re-sent over an OTP channel needs a code.
                    session.code = new_code(req);
                    session.kind = req.code_kind;
                }
                session.channel = req.channel;
                session.expires_at = now + i64::from(req.code_validity) * 1000;
                session.last_send = now;
                session.resending_interval_ms = i64::from(req.resending_interval) * 1000;
                if req.callback_url.is_some() {
                    session.callback_url.clone_from(&req.callback_url);
                }
                (id, true, false)
            }
            None => {
                let id = random::session_id();
                let session = Session {
                    id: id.clone(),
                    sub_account: sub_account.to_string(),
                    destination: req.destination.clone(),
                    channel: req.channel,
                    code: new_code(req),
                    kind: req.code_kind,
                    status: SessionStatus::Waiting,
                    attempt: 0,
                    expires_at: now + i64::from(req.code_validity) * 1000,
                    last_send: now,
                    resending_interval_ms: i64::from(req.resending_interval) * 1000,
                    callback_url: req.callback_url.clone(),
                };
                self.sessions.insert(id.clone(), session);
                self.by_destination.insert(key, id.clone());
                (id, false, true)
            }
        };
        let Some(session) = self.sessions.get_mut(&id) else {
            return Err(StartRefused::TooEarly {
                retry_after_secs: 1,
            });
        };
        if verified_at_once {
            session.status = SessionStatus::Verified;
            changed = true;
        }
        let entry = message(session, req, now, resend);
        self.outbox.push(entry);
        let change = changed
            .then(|| change_of(session, &self.base_url))
            .flatten();
        Ok((session.view(&self.base_url), change))
    }

    /// `GET /sessions/{id}` with or without a code; `None` when the session
    /// is unknown to this sub-account.
    pub(crate) fn check(
        &mut self,
        sub_account: &str,
        id: &str,
        submitted: Option<&str>,
        now: Millis,
    ) -> Option<Answer> {
        let session = self
            .sessions
            .get_mut(id)
            .filter(|s| s.sub_account == sub_account)?;
        let changed = match submitted {
            Some(code) => session.submit(code, now),
            None => session.expire_if_due(now),
        };
        let change = changed
            .then(|| change_of(session, &self.base_url))
            .flatten();
        Some((session.view(&self.base_url), change))
    }

    /// `GET /sma/{id}`: the device reached the verification URL over mobile
    /// data; a WAITING SMA session becomes VERIFIED.
    pub(crate) fn sma_visit(&mut self, id: &str, now: Millis) -> Option<Answer> {
        let session = self.sessions.get_mut(id)?;
        let mut changed = session.expire_if_due(now);
        if session.status == SessionStatus::Waiting && session.channel == Channel::Sma {
            session.status = SessionStatus::Verified;
            changed = true;
        }
        let change = changed
            .then(|| change_of(session, &self.base_url))
            .flatten();
        Some((session.view(&self.base_url), change))
    }

    /// Expires every WAITING session past its `expiresAt`.
    pub(crate) fn sweep(&mut self, now: Millis) -> Vec<Change> {
        self.sessions
            .values_mut()
            .filter_map(|s| {
                s.expire_if_due(now)
                    .then(|| change_of(s, &self.base_url))
                    .flatten()
            })
            .collect()
    }

    /// Forgets every session and message.
    pub(crate) fn clear(&mut self) {
        let base_url = std::mem::take(&mut self.base_url);
        *self = Self {
            base_url,
            ..Self::default()
        };
    }

    fn is_waiting(&mut self, id: &str, now: Millis) -> bool {
        self.sessions.get_mut(id).is_some_and(|s| {
            s.expire_if_due(now);
            s.status == SessionStatus::Waiting
        })
    }
}

fn new_code(req: &StartRequest) -> Option<String> {
    (req.channel != Channel::Sma).then(|| code::generate(req.code_kind, req.code_length))
}

fn change_of(session: &Session, base_url: &str) -> Option<Change> {
    session.callback_url.as_ref().map(|url| Change {
        session_id: session.id.clone(),
        callback_url: url.clone(),
        body: serde_json::to_string(&session.view(base_url)).unwrap_or_default(),
    })
}

/// The outbox entry of one send.
fn message(session: &Session, req: &StartRequest, now: Millis, resend: bool) -> Entry {
    let code = session.code.clone().filter(|_| req.channel != Channel::Sma);
    let shown = code.as_deref().unwrap_or("");
    let text = match req.channel {
        Channel::Sms | Channel::Call => {
            template::render(req.template.as_deref(), req.brand.as_deref(), shown)
        }
        Channel::Viber => template::render(None, req.brand.as_deref(), shown),
        Channel::Whatsapp => format!(
            "WhatsApp authentication template \"{}\" ({}): {shown}",
            req.whatsapp_template.as_deref().unwrap_or(""),
            req.language
                .as_deref()
                .unwrap_or("first available language"),
        ),
        Channel::Sma => {
            "Silent mobile authentication: the device opens sma.verificationUrl over mobile data"
                .to_string()
        }
    };
    Entry {
        id: 0,
        time: rfc3339(now),
        session_id: session.id.clone(),
        sub_account_id: session.sub_account.clone(),
        channel: req.channel.as_str(),
        destination: session.destination.clone(),
        source: req.source.clone(),
        language: req.language.clone(),
        text,
        code,
        client_ip: req.client_ip.map(|ip| ip.to_string()),
        resend,
    }
}
