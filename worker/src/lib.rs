//! The verify8x8 edge worker: holds the 8x8 API key, fills `clientIp` from
//! the connection, validates with the crate, stops SMS pumping with exact
//! rate limits in Durable Objects, lets one party at a time own a number's
//! pending session, issues public-key proofs of verification, and serves the
//! sample page.
//!
//! The modules split along one line: `config`, `rules`, `keys`, `handle`,
//! `ledger`, `cors`, `policy`, `protocol`, `proof_keys`, `route`, `body`,
//! `reply`, `sms_text` and `local` are pure and tested natively; `edge`, `limiter`,
//! `signer`, `upstream` and `runtime` talk to workerd.

pub mod body;
pub mod breaker;
pub mod config;
pub mod cors;
pub mod handle;
pub mod keys;
pub mod ledger;
pub mod local;
pub mod policy;
pub mod proof_keys;
pub mod protocol;
pub mod reply;
pub mod route;
pub mod rules;
pub mod sms_text;
pub mod turnstile;

#[cfg(target_arch = "wasm32")]
mod edge;
#[cfg(target_arch = "wasm32")]
mod limiter;
#[cfg(target_arch = "wasm32")]
mod runtime;
#[cfg(target_arch = "wasm32")]
mod signer;
#[cfg(target_arch = "wasm32")]
mod upstream;

#[cfg(target_arch = "wasm32")]
pub use limiter::RateLimiter;
