//! Rate limits held in Durable Objects: one object per counted key (a
//! network, a number prefix, a country, a session), so every count is exact
//! and consistent across the world, unlike the approximate Rate Limiting
//! binding. An object may hold several named counters that admit together:
//! a number always lies inside its prefix, so the prefix's object also counts
//! each of its numbers, and a request refused for its number costs the range
//! nothing. Each counter is a sliding-window log (`rules::admit_all`).
#![allow(missing_docs)] // the #[durable_object] expansion has undocumented items

use std::cell::RefCell;
use std::collections::HashMap;

use worker::{
    durable_object, js_sys, DurableObject, Env, Method, Request, RequestInit, Response, Result,
    State,
};

use crate::protocol::{decode_counters, decode_verdict, encode_counters, encode_verdict, Counter};
use crate::rules::{self, Rule};

/// The binding name of the namespace (wrangler.toml).
pub(crate) const BINDING: &str = "RATE_LIMITER";

/// One counted key's counters.
#[durable_object]
pub struct RateLimiter {
    state: State,
    logs: RefCell<HashMap<String, Vec<u64>>>,
}

impl DurableObject for RateLimiter {
    fn new(state: State, _env: Env) -> Self {
        Self {
            state,
            logs: RefCell::new(HashMap::new()),
        }
    }

    async fn fetch(&self, mut req: Request) -> Result<Response> {
        let counters = decode_counters(&req.text().await?)
            .ok_or_else(|| worker::Error::RustError("bad limiter request".into()))?;
        for (name, _) in &counters {
            if !self.logs.borrow().contains_key(name) {
                // Storage reads close the input gate: no other request interleaves here.
                let stored: Option<Vec<u64>> = self.state.storage().get(&storage_key(name)).await?;
                self.logs
                    .borrow_mut()
                    .entry(name.clone())
                    .or_insert(stored.unwrap_or_default());
            }
        }
        let now = js_sys::Date::now() as u64;
        let (verdict, changed) = {
            let mut logs = self.logs.borrow_mut();
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
            (verdict, changed)
        };
        for (name, log) in changed {
            // The output gate holds the answer until these writes are durable.
            self.state.storage().put(&storage_key(&name), log).await?;
        }
        Response::ok(encode_verdict(verdict))
    }
}

fn storage_key(name: &str) -> String {
    format!("hits:{name}")
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
