//! The outbox: every message the emulator "sent", newest first, readable at
//! `GET /_emulator/outbox` (filters `destination`, `sessionId`, `limit`).

use std::collections::VecDeque;

use serde::Serialize;

/// Entries kept; the oldest fall off beyond this.
pub(crate) const CAPACITY: usize = 50_000;

/// One sent message.
#[derive(Debug, Clone, Serialize)]
#[serde(rename_all = "camelCase")]
pub(crate) struct Entry {
    /// Increasing number, 1 for the first message since start or reset.
    pub(crate) id: u64,
    /// When it was sent (emulator clock), RFC 3339.
    pub(crate) time: String,
    pub(crate) session_id: String,
    pub(crate) sub_account_id: String,
    pub(crate) channel: &'static str,
    /// E.164.
    pub(crate) destination: String,
    /// Sender id (`sms.source`, `call.source`), when given.
    pub(crate) source: Option<String>,
    pub(crate) language: Option<String>,
    /// The rendered text the person receives.
    pub(crate) text: String,
    /// The code; `null` for SMA, which sends none.
    pub(crate) code: Option<String>,
    /// True when this re-sent the code of an existing session.
    pub(crate) resend: bool,
}

/// Which entries to list.
#[derive(Debug, Default)]
pub(crate) struct Filter {
    pub(crate) destination: Option<String>,
    pub(crate) session_id: Option<String>,
    pub(crate) limit: Option<usize>,
}

/// The messages, oldest at the front.
#[derive(Debug, Default)]
pub(crate) struct Outbox {
    entries: VecDeque<Entry>,
    next_id: u64,
}

impl Outbox {
    /// Stores `entry`, numbering it.
    pub(crate) fn push(&mut self, mut entry: Entry) {
        self.next_id += 1;
        entry.id = self.next_id;
        if self.entries.len() >= CAPACITY {
            self.entries.pop_front();
        }
        self.entries.push_back(entry);
    }

    /// Entries matching `filter`, newest first.
    pub(crate) fn list(&self, filter: &Filter) -> Vec<Entry> {
        let want_digits = filter.destination.as_deref().map(digits);
        self.entries
            .iter()
            .rev()
            .filter(|e| {
                want_digits
                    .as_ref()
                    .is_none_or(|d| digits(&e.destination) == *d)
            })
            .filter(|e| {
                filter
                    .session_id
                    .as_ref()
                    .is_none_or(|s| e.session_id == *s)
            })
            .take(filter.limit.unwrap_or(usize::MAX))
            .cloned()
            .collect()
    }

    /// Forgets every entry.
    pub(crate) fn clear(&mut self) {
        self.entries.clear();
    }
}

/// `+65 8765 4321` and `6587654321` name the same destination (a `+` in a
/// query string often arrives as a space).
fn digits(number: &str) -> String {
    number.chars().filter(char::is_ascii_digit).collect()
}
