//! The verify8x8 edge worker: holds the 8x8 API key, fills `clientIp` from
//! the connection, validates with the crate, stops SMS pumping with exact
//! rate limits in Durable Objects, binds sessions to opaque handles, issues
//! proofs of verification, and serves the sample page.
//!
//! The modules split along one line: `config`, `rules`, `keys`, `handle`,
//! `cors`, `policy`, `protocol`, `route`, `body`, `reply` and `local` are pure and tested
//! natively; `edge`, `limiter`, `upstream` and this file talk to workerd.

pub mod body;
pub mod config;
pub mod cors;
pub mod handle;
pub mod keys;
pub mod local;
pub mod policy;
pub mod protocol;
pub mod reply;
pub mod route;
pub mod rules;

#[cfg(target_arch = "wasm32")]
mod edge;
#[cfg(target_arch = "wasm32")]
mod limiter;
#[cfg(target_arch = "wasm32")]
mod runtime;
#[cfg(target_arch = "wasm32")]
mod upstream;

#[cfg(target_arch = "wasm32")]
pub use limiter::RateLimiter;
