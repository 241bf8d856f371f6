//! The Durable Objects that count and own: one object per counted key (a
//! network, a number prefix, a country), so every count is exact and
//! consistent across the world, unlike the approximate Rate Limiting
//! binding. A prefix's object also counts each of its numbers and holds
//! their claims (who owns a pending session, `crate::ledger`), so a start's
//! claim and its counts change together, atomically.
//!
//! What an operation names is read from storage when first needed (never
//! listed on a request). An alarm set at the latest moment anything stored
//! still matters deletes what no longer does, so an object that nobody comes
//! back to empties itself.
#![allow(missing_docs)] // the #[durable_object] expansion has undocumented items

use std::cell::RefCell;

use worker::{
    durable_object, js_sys, wasm_bindgen::JsValue, DurableObject, Env, Method, Request,
    RequestInit, Response, Result, State,
};

use crate::breaker;
use crate::ledger::{Book, Changes, Claim, Log, Op, Outcome};
use crate::protocol::{decode_op, decode_outcome, encode_op, encode_outcome};

/// The binding name of the namespace (wrangler.toml).
pub(crate) const BINDING: &str = "RATE_LIMITER";

/// Keys one storage delete may name (Durable Object storage's limit).
const DELETE_BATCH: usize = 128;

/// One counted key's counters and its numbers' claims.
#[durable_object]
pub struct RateLimiter {
    state: State,
    /// What was read or written so far.
    book: RefCell<Book>,
}

impl DurableObject for RateLimiter {
    fn new(state: State, _env: Env) -> Self {
        Self {
            state,
            book: RefCell::new(Book::default()),
        }
    }

    async fn fetch(&self, mut req: Request) -> Result<Response> {
        let op = decode_op(&req.text().await?)
            .ok_or_else(|| worker::Error::RustError("bad limiter request".into()))?;
        self.load(&op.names()).await?;
        let now = js_sys::Date::now() as u64;
        let (outcome, changes) = self.book.borrow_mut().apply(&op, now);
        self.store(&changes).await?;
        Response::ok(encode_outcome(outcome))
    }

    async fn alarm(&self) -> Result<Response> {
        // Everything stored, then everything that no longer matters deleted.
        let stored = self.state.storage().list().await?;
        {
            let mut book = self.book.borrow_mut();
            for entry in stored.entries() {
                let Ok(pair) = entry.map(|e| js_sys::Array::from(&e)) else {
                    continue;
                };
                let Some(key) = pair.get(0).as_string() else {
                    continue;
                };
                let value = pair.get(1);
                if key.starts_with("claim:") {
                    book.claims.entry(key).or_insert_with(|| claim(&value));
                } else if key.starts_with("breaker:") {
                    book.breakers
                        .entry(key)
                        .or_insert_with(|| breaker::State::from_stored(&numbers(&value)));
                } else {
                    book.logs
                        .entry(key)
                        .or_insert_with(|| Log::from_stored(&numbers(&value)));
                }
            }
        }
        let now = js_sys::Date::now() as u64;
        let (gone, keep_until) = {
            let mut book = self.book.borrow_mut();
            (book.sweep(now), book.keep_until())
        };
        for batch in gone.chunks(DELETE_BATCH) {
            self.state.storage().delete_multiple(batch.to_vec()).await?;
        }
        if keep_until > now {
            self.state.storage().set_alarm(keep_until as i64).await?;
        }
        Response::ok("swept")
    }
}

impl RateLimiter {
    /// Reads the keys not yet in memory. Storage reads close the input gate:
    /// no other request interleaves until the operation is applied.
    async fn load(&self, names: &[String]) -> Result<()> {
        for name in names {
            let is_claim = name.starts_with("claim:");
            if name.starts_with("breaker:") {
                if !self.book.borrow().breakers.contains_key(name) {
                    let stored: Option<Vec<u64>> = self.state.storage().get(name).await?;
                    let state = breaker::State::from_stored(&stored.unwrap_or_default());
                    self.book
                        .borrow_mut()
                        .breakers
                        .entry(name.clone())
                        .or_insert(state);
                }
                continue;
            }
            let known = {
                let book = self.book.borrow();
                if is_claim {
                    book.claims.contains_key(name)
                } else {
                    book.logs.contains_key(name)
                }
            };
            if known {
                continue;
            }
            if is_claim {
                let stored: Option<(String, u64)> = self.state.storage().get(name).await?;
                let claim = stored.map(|(grant, until_ms)| Claim { grant, until_ms });
                self.book
                    .borrow_mut()
                    .claims
                    .entry(name.clone())
                    .or_insert(claim);
            } else {
                let stored: Option<Vec<u64>> = self.state.storage().get(name).await?;
                let log = Log::from_stored(&stored.unwrap_or_default());
                self.book
                    .borrow_mut()
                    .logs
                    .entry(name.clone())
                    .or_insert(log);
            }
        }
        Ok(())
    }

    /// Writes the changes, and moves the alarm to the latest moment they
    /// matter. The output gate holds the answer until the writes are durable.
    async fn store(&self, changes: &Changes) -> Result<()> {
        let storage = self.state.storage();
        for (key, log) in &changes.logs {
            storage.put(key, log.to_stored()).await?;
        }
        for (key, state) in &changes.breakers {
            storage.put(key, state.to_stored()).await?;
        }
        for (key, claim) in &changes.claims {
            storage
                .put(key, (claim.grant.as_str(), claim.until_ms))
                .await?;
        }
        if !changes.deleted.is_empty() {
            storage.delete_multiple(changes.deleted.clone()).await?;
        }
        let keep_until = changes.keep_until();
        if keep_until > 0 {
            let alarm = storage.get_alarm().await?.unwrap_or(0);
            if (alarm as u64) < keep_until {
                storage.set_alarm(keep_until as i64).await?;
            }
        }
        Ok(())
    }
}

fn claim(value: &JsValue) -> Option<Claim> {
    let pair = js_sys::Array::from(value);
    Some(Claim {
        grant: pair.get(0).as_string()?,
        until_ms: pair.get(1).as_f64()? as u64,
    })
}

fn numbers(value: &JsValue) -> Vec<u64> {
    js_sys::Array::from(value)
        .iter()
        .filter_map(|n| n.as_f64())
        .map(|n| n as u64)
        .collect()
}

/// Runs `op` in the object of `key` (`ip:…`, `prefix:…`, `country:…`).
pub(crate) async fn run(env: &Env, key: &str, op: &Op) -> Result<Outcome> {
    let stub = env.durable_object(BINDING)?.id_from_name(key)?.get_stub()?;
    let mut init = RequestInit::new();
    init.with_method(Method::Post)
        .with_body(Some(encode_op(op).into()));
    let request = Request::new_with_init("https://rate-limiter/op", &init)?;
    let text = stub.fetch_with_request(request).await?.text().await?;
    decode_outcome(&text).ok_or_else(|| worker::Error::RustError("bad limiter answer".into()))
}
