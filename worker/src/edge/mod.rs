//! The operations at the edge: each refuses what it must, counts what it
//! must, then calls 8x8 through the client core. No rule of 8x8's lives
//! here: validation is `verify8x8::params`, requests and answers
//! `verify8x8::api`.
//!
//! Ownership (see `crate::ledger`): a start claims the number in its prefix's
//! object and seals the claim's grant into the handle; a code check or a
//! resend acts only with the grant of the live claim; the check that moves
//! the session to `VERIFIED` releases the claim and alone carries the proof.

mod coverage;
mod read;
mod session;
mod start;

pub(crate) use coverage::coverage;
pub(crate) use session::{check, resend, status};
pub(crate) use start::start;

use std::cell::RefCell;

use verify8x8::api::{self, Error};
use verify8x8::json::{self, Value};
use verify8x8::params::{Session, SessionStatus};
use verify8x8::phone;
use worker::wasm_bindgen::JsValue;
use worker::{console_log, js_sys, Env};

use crate::config::Config;
use crate::handle::{HandleError, Handles, Ticket};
use crate::keys;
use crate::ledger::{Counter, Op, Outcome};
use crate::limiter;
use crate::local::LocalLimiter;
use crate::policy;
use crate::proof_keys::ProofKeys;
use crate::reply::Refusal;
use crate::rules::Rule;

thread_local! {
    /// Status reads per network, counted in this isolate's memory.
    static READS: RefCell<LocalLimiter> = RefCell::new(LocalLimiter::new());
}

/// A successful answer: status and JSON body.
pub(crate) type Success = (u16, String);

/// How an operation ended: a success, the edge's refusal, or 8x8's error.
pub(crate) enum Failure {
    /// Refused at the edge.
    Refused(Refusal),
    /// 8x8 (or the way to it) failed.
    Upstream(Error),
}

impl From<Refusal> for Failure {
    fn from(refusal: Refusal) -> Self {
        Failure::Refused(refusal)
    }
}

/// What a request carries that the handlers need.
pub(crate) struct Context<'a> {
    /// The checked configuration.
    pub(crate) config: &'a Config,
    /// Session handles under `HANDLE_SECRET`.
    pub(crate) handles: &'a Handles,
    /// The proofs' signing key and published keys.
    pub(crate) proof_keys: &'a ProofKeys,
    /// The bindings (Durable Objects).
    pub(crate) env: &'a Env,
    /// The worker's own origin: the proofs' `iss`, and `aud` by default.
    pub(crate) origin: String,
    /// `CF-Connecting-IP`, set by Cloudflare (never `X-Forwarded-For`).
    pub(crate) client_ip: Option<String>,
    /// The masked destination, for the log line.
    pub(crate) masked: Option<String>,
}

impl Context<'_> {
    fn api(&self) -> api::Config {
        api::Config::direct(
            &self.config.base_url,
            &self.config.sub_account_id,
            &self.config.api_key,
        )
    }

    /// The network key of the client, or one shared key when Cloudflare gave
    /// no address (never the case in production).
    fn network(&self) -> String {
        self.client_ip
            .as_deref()
            .and_then(keys::client_network)
            .unwrap_or_else(|| "unknown".to_owned())
    }

    /// Counts one request under `rules` in the object of `limit:key`.
    async fn count(&self, limit: &'static str, key: String, rules: &[Rule]) -> Result<(), Failure> {
        if rules.is_empty() {
            return Ok(());
        }
        let op = Op::Count {
            counters: vec![(limit.to_owned(), rules.to_vec())],
        };
        self.run(&format!("{limit}:{key}"), &op, &[limit]).await
    }

    /// Runs `op` in the object of `key`; a refusal names the limit of the
    /// counter that refused (`limits[index]`).
    async fn run(&self, key: &str, op: &Op, limits: &[&'static str]) -> Result<(), Failure> {
        settle(key, limiter::run(self.env, key, op).await, limits)
    }

    /// Runs a guarded start in the object of `key`; `Ok(true)` when the
    /// key's breaker has seen no verification in its window.
    async fn guard(&self, key: &str, op: &Op, limit: &'static str) -> Result<bool, Failure> {
        match limiter::run(self.env, key, op).await {
            Ok(Outcome::Cold) => Ok(true),
            other => settle(key, other, &[limit]).map(|()| false),
        }
    }

    /// Ends the ticket's claim; `refund` takes back the failure counted in
    /// advance. `false` when this party no longer held it (another check
    /// released it first).
    async fn release(&self, ticket: &Ticket, refund: bool) -> bool {
        let op = Op::Release {
            number: ticket.destination.clone(),
            grant: ticket.grant.clone(),
            refund: refund.then(|| failures_counter(&ticket.destination)),
        };
        let key = prefix_key(&ticket.destination);
        matches!(limiter::run(self.env, &key, &op).await, Ok(Outcome::Done))
    }

    /// Ends the ticket's claim when its session is over without a
    /// verification (failed, expired), so its owner may start again at once
    /// instead of being told a code is still pending until the claim would
    /// have lapsed. A check and a status read that find it so both call this
    /// (a silent session ends unverified under status reads alone).
    async fn release_if_ended(&self, ticket: &Ticket, status: SessionStatus) {
        if status.is_final() && status != SessionStatus::Verified {
            self.release(ticket, false).await;
        }
    }

    /// Counts a start under the client's address tiers (`crate::keys::client_tiers`),
    /// together in their network's object.
    async fn count_address(&self) -> Result<(), Failure> {
        let limits = &self.config.limits;
        let tiers = self.client_ip.as_deref().and_then(keys::client_tiers);
        let (object, tiers) = tiers.unwrap_or_else(|| {
            (
                "net:unknown".to_owned(),
                vec![("ip", "ip:unknown".to_owned())],
            )
        });
        let rules = |limit: &str| match limit {
            "ip_24" => &limits.ip_24,
            "ip_56" => &limits.ip_56,
            "ip_48" => &limits.ip_48,
            _ => &limits.ip,
        };
        let names: Vec<&'static str> = tiers.iter().map(|(limit, _)| *limit).collect();
        let counters = tiers
            .into_iter()
            .map(|(limit, counter)| (counter, rules(limit).clone()))
            .collect();
        self.run(&object, &Op::Count { counters }, &names).await
    }

    /// A start that 8x8 refused without sending anything (its resend refusal):
    /// the claim ends and the start is taken back from the number's prefix,
    /// its range, its country and the spend cap (not from the client's
    /// address: it did ask). Best effort.
    async fn refund(&self, ticket: &Ticket, area: &str) {
        let op = Op::Release {
            number: ticket.destination.clone(),
            grant: ticket.grant.clone(),
            refund: Some("prefix".to_owned()),
        };
        let _ = limiter::run(self.env, &prefix_key(&ticket.destination), &op).await;
        let breaker = self.config.defences.breaker.map(|_| BREAKER.to_owned());
        let refunds = [
            (range_key(&ticket.destination), "range", breaker.clone()),
            (format!("country:{area}"), "country", breaker),
            ("global:all".to_owned(), "global", None),
        ];
        for (key, counter, breaker) in refunds {
            let op = Op::Refund {
                counters: vec![counter.to_owned()],
                breaker,
            };
            let _ = limiter::run(self.env, &key, &op).await;
        }
    }

    /// Takes back guarded starts that were then refused elsewhere.
    async fn unguard(&self, guarded: &[(String, &'static str)]) {
        let breaker = self.config.defences.breaker.map(|_| BREAKER.to_owned());
        for (key, limit) in guarded {
            let op = Op::Refund {
                counters: vec![(*limit).to_owned()],
                breaker: breaker.clone(),
            };
            let _ = limiter::run(self.env, key, &op).await;
        }
    }

    /// Tells the number's range and country breakers that a code was entered.
    async fn verified(&self, number: &str) {
        let Some(breaker) = self.config.defences.breaker else {
            return;
        };
        let op = Op::Verified {
            name: BREAKER.to_owned(),
            horizon: breaker.window,
        };
        let _ = limiter::run(self.env, &range_key(number), &op).await;
        if let Ok(parsed) = phone::parse(number, None) {
            let key = format!("country:{}", policy::area(&parsed));
            let _ = limiter::run(self.env, &key, &op).await;
        }
    }

    fn open(&self, handle: &str) -> Result<Ticket, Refusal> {
        self.handles.open(handle, now()).map_err(|e| match e {
            HandleError::Invalid => Refusal::BadHandle,
            HandleError::Expired => Refusal::ExpiredHandle,
        })
    }
}

/// The outcome of an operation in the object of `key` as the request's
/// result; a refusal names the limit of the counter that refused (`limits[index]`).
fn settle(
    key: &str,
    outcome: worker::Result<Outcome>,
    limits: &[&'static str],
) -> Result<(), Failure> {
    match outcome {
        Ok(Outcome::Done | Outcome::Cold) => Ok(()),
        Ok(Outcome::Limited { index, retry_after }) => {
            let limit = limits.get(index).copied().unwrap_or("limit");
            Err(Refusal::RateLimited { limit, retry_after }.into())
        }
        Ok(Outcome::Busy { until_ms }) => {
            let retry_after = until_ms.saturating_sub(now_ms()).div_ceil(1000).max(1);
            Err(Refusal::SessionPending {
                retry_after,
                expires_at: iso(until_ms),
            }
            .into())
        }
        Ok(Outcome::NotOwner) => Err(Refusal::NotOwner.into()),
        Ok(Outcome::Paused {
            retry_after,
            tripped,
        }) => {
            if tripped {
                // Once: only the start that trips it is told `tripped`.
                console_log!("conversion breaker tripped for {key}: too few codes entered; new starts paused {retry_after}s");
            }
            Err(Refusal::RateLimited {
                limit: "conversion",
                retry_after,
            }
            .into())
        }
        // Fail closed: an unmetered send costs money.
        Err(_) => Err(Refusal::Upstream {
            timeout: false,
            message: "the rate limiter is unavailable; try again".into(),
        }
        .into()),
    }
}

/// The counters of a message to `number`: the number's and its prefix's.
fn start_counters(config: &Config, number: &str) -> Vec<Counter> {
    let prefix = keys::number_prefix(number);
    vec![
        (
            format!("destination:{}", &number[prefix.len()..]),
            config.limits.destination.clone(),
        ),
        ("prefix".to_owned(), config.limits.prefix.clone()),
    ]
}

/// The breaker's name in a range's or a country's object.
const BREAKER: &str = "conversion";

fn range_key(number: &str) -> String {
    format!("range:{}", keys::number_range(number))
}

fn failures_counter(number: &str) -> String {
    format!("failures:{number}")
}

fn prefix_key(number: &str) -> String {
    format!("prefix:{}", keys::number_prefix(number))
}

/// The session as the browser sees it: 8x8's shape, the handle in place of
/// 8x8's session id, and the proof when this answer verified it.
fn session_json(mut session: Session, handle: &str, proof: Option<String>) -> String {
    session.session_id = handle.to_owned();
    session.verify_uri = format!("/api/verify/sessions/{handle}");
    let mut value = api::to_value(&session).unwrap_or(Value::Null);
    if let (Value::Object(members), Some(proof)) = (&mut value, proof) {
        members.push(("proof".to_owned(), Value::String(proof)));
    }
    json::to_string(&value)
}

/// A random identifier (a UUID v4 from the platform's CSPRNG).
pub(crate) fn random_id() -> String {
    let crypto = js_sys::Reflect::get(&js_sys::global(), &"crypto".into()).ok();
    let uuid = crypto.and_then(|c| {
        let f = js_sys::Reflect::get(&c, &"randomUUID".into()).ok()?;
        js_sys::Function::from(f).call0(&c).ok()?.as_string()
    });
    // workerd always has crypto.randomUUID; the time is no secret but unique.
    uuid.unwrap_or_else(|| format!("t{}", js_sys::Date::now()))
}

fn iso(ms: u64) -> String {
    String::from(js_sys::Date::new(&JsValue::from_f64(ms as f64)).to_iso_string())
}

/// Milliseconds since the Unix epoch.
fn now_ms() -> u64 {
    js_sys::Date::now() as u64
}

/// Seconds since the Unix epoch.
pub(crate) fn now() -> u64 {
    now_ms() / 1000
}
