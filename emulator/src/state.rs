//! The state shared by every request.

use std::sync::{Arc, Mutex, MutexGuard};

use crate::config::Config;
use crate::faults::Faults;
use crate::store::{Change, Store};
use crate::webhook::Webhooks;

/// Configuration, sessions, faults and webhooks.
#[derive(Debug)]
pub(crate) struct AppState {
    pub(crate) config: Config,
    store: Mutex<Store>,
    faults: Mutex<Faults>,
    pub(crate) webhooks: Arc<Webhooks>,
}

/// The handle handlers receive.
pub(crate) type Shared = Arc<AppState>;

impl AppState {
    /// Fresh state; `base_url` is where the emulator answers.
    pub(crate) fn new(config: Config, base_url: String) -> Shared {
        Arc::new(Self {
            config,
            store: Mutex::new(Store::new(base_url)),
            faults: Mutex::new(Faults::default()),
            webhooks: Arc::default(),
        })
    }

    /// The sessions and outbox. A poisoned lock (a panic elsewhere) is
    /// recovered: the data is still consistent, each change being atomic.
    pub(crate) fn store(&self) -> MutexGuard<'_, Store> {
        self.store.lock().unwrap_or_else(|e| e.into_inner())
    }

    /// The fault settings.
    pub(crate) fn faults(&self) -> MutexGuard<'_, Faults> {
        self.faults.lock().unwrap_or_else(|e| e.into_inner())
    }

    /// Sends the webhooks of status changes.
    pub(crate) fn notify(&self, changes: impl IntoIterator<Item = Change>) {
        for change in changes {
            self.webhooks.send(change);
        }
    }
}
