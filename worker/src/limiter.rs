//! Rate limits held in Durable Objects: one object per counted key (a
//! network, a number prefix, a country, a bucket of sessions), so every count is exact
//! and consistent across the world, unlike the approximate Rate Limiting
//! binding. An object may hold several named counters that admit together:
//! a number always lies inside its prefix, so the prefix's object also counts
//! each of its numbers, and a request refused for its number costs the range
//! nothing. Each counter is a sliding-window log (`rules::admit_all`), and is
//! forgotten (memory and storage) once its window has passed, so an object
//! that counts many keys (a number range, a bucket of sessions) stays small.
//! Counters are read from storage one by one when first needed (never
//! listed): a counter of an object evicted before its sweep stays stored
//! until it is needed again (a few bytes; not reclaimed by an alarm yet).
#![allow(missing_docs)] // the #[durable_object] expansion has undocumented items

use std::cell::{Cell, RefCell};
use std::collections::HashMap;

use worker::{
    durable_object, js_sys, DurableObject, Env, Method, Request, RequestInit, Response, Result,
    State,
};

use crate::protocol::{decode_counters, decode_verdict, encode_counters, encode_verdict, Counter};
use crate::rules::{self, Rule};

/// The binding name of the namespace (wrangler.toml).
pub(crate) const BINDING: &str = "RATE_LIMITER";

/// Storage keys of counters: this prefix and the counter's name.
const STORAGE_PREFIX: &str = "hits:";

/// How often an object forgets the counters whose window has passed (ms).
const SWEEP_EVERY_MS: u64 = 60_000;

/// Keys one storage delete may name (Durable Object storage's limit).
const DELETE_BATCH: usize = 128;

/// One counted key's counters.
#[durable_object]
pub struct RateLimiter {
    state: State,
    /// The counters in use, each read from storage when first needed.
    logs: RefCell<Option<HashMap<String, Vec<u64>>>>,
    /// When stale counters were last forgotten (ms since the epoch).
    swept: Cell<u64>,
}

impl DurableObject for RateLimiter {
    fn new(state: State, _env: Env) -> Self {
        Self {
            state,
            logs: RefCell::new(None),
            swept: Cell::new(0),
        }
    }

    async fn fetch(&self, mut req: Request) -> Result<Response> {
        let counters = decode_counters(&req.text().await?)
            .ok_or_else(|| worker::Error::RustError("bad limiter request".into()))?;
        for (name, _) in &counters {
            let known = self
                .logs
                .borrow()
                .as_ref()
                .is_some_and(|logs| logs.contains_key(name));
            if !known {
                // Storage reads close the input gate: no other request interleaves here.
                let stored: Option<Vec<u64>> = self.state.storage().get(&storage_key(name)).await?;
                self.logs
                    .borrow_mut()
                    .get_or_insert_with(HashMap::new)
                    .entry(name.clone())
                    .or_insert(stored.unwrap_or_default());
            }
        }
        let now = js_sys::Date::now() as u64;
        let (verdict, changed, forgotten) = {
            let mut guard = self.logs.borrow_mut();
            let logs = guard.get_or_insert_with(HashMap::new);
            let mut taken: Vec<(String, Vec<u64>)> = counters
                .iter()
                .map(|(name, _)| (name.clone(), logs.remove(name).unwrap_or_default()))
                .collect();
            let mut view: Vec<(&mut Vec<u64>, &[Rule])> = taken
                .iter_mut()
                .zip(&counters)
                .map(|((_, log), (_, rules))| (log, rules.as_slice()))
                .collect();
            let verdict = rules::admit_all(&mut view, now);
            let changed = if verdict.is_ok() {
                taken.clone()
            } else {
                Vec::new()
            };
            logs.extend(taken);
            let forgotten = if now.saturating_sub(self.swept.get()) >= SWEEP_EVERY_MS {
                self.swept.set(now);
                // Every request to an object carries the same kinds of
                // counters: the longest of their windows bounds them all.
                let horizon = counters
                    .iter()
                    .map(|(_, rules)| rules::horizon(rules))
                    .max()
                    .unwrap_or(0);
                forget(logs, horizon, now)
            } else {
                Vec::new()
            };
            (verdict, changed, forgotten)
        };
        for (name, log) in changed {
            // The output gate holds the answer until these writes are durable.
            self.state.storage().put(&storage_key(&name), log).await?;
        }
        for batch in forgotten.chunks(DELETE_BATCH) {
            let keys: Vec<String> = batch.iter().map(|name| storage_key(name)).collect();
            self.state.storage().delete_multiple(keys).await?;
        }
        Response::ok(encode_verdict(verdict))
    }
}

/// Removes the counters no rule counts any more; returns their names.
fn forget(logs: &mut HashMap<String, Vec<u64>>, horizon: u64, now: u64) -> Vec<String> {
    let stale: Vec<String> = logs
        .iter()
        .filter(|(_, log)| rules::forgettable(log, horizon, now))
        .map(|(name, _)| name.clone())
        .collect();
    for name in &stale {
        logs.remove(name);
    }
    stale
}

fn storage_key(name: &str) -> String {
    format!("{STORAGE_PREFIX}{name}")
}

/// Asks the object of `key` to admit one request under every counter at once:
/// `Ok(Ok(()))` admitted, `Ok(Err((index, seconds)))` refused by counter
/// `index` until then.
pub(crate) async fn admit(
    env: &Env,
    key: &str,
    counters: &[Counter<'_>],
) -> Result<std::result::Result<(), (usize, u64)>> {
    if counters.iter().all(|(_, rules)| rules.is_empty()) {
        return Ok(Ok(()));
    }
    let stub = env.durable_object(BINDING)?.id_from_name(key)?.get_stub()?;
    let mut init = RequestInit::new();
    init.with_method(Method::Post)
        .with_body(Some(encode_counters(counters).into()));
    let request = Request::new_with_init("https://rate-limiter/admit", &init)?;
    let text = stub.fetch_with_request(request).await?.text().await?;
    decode_verdict(&text).ok_or_else(|| worker::Error::RustError("bad limiter answer".into()))
}
