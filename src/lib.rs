//! # verify8x8
//!
//! Phone verification with the [8x8 Verify API v2], from one Rust crate that
//! runs natively, in the browser, in Node and at the edge.
//!
//! The crate is a pure core and a thin face:
//!
//! - [`contract`]: 8x8's wire contract: error answers, limits, templates;
//! - [`phone`]: parse, normalize, classify and format phone numbers;
//! - [`params`]: request models of the three Verify v2 endpoints and their
//!   validation;
//! - [`api`]: a sans-IO client: requests described, responses interpreted;
//! - [`proof`]: signed, expiring proofs that a number was verified;
//! - `js` (Cargo feature `js`, on by default): the wasm-bindgen boundary
//!   (its phone functions are the phone crate's, feature `js`).
//!
//! The core holds no wasm type and does no I/O, so `cargo test` covers it
//! natively.
//!
//! [8x8 Verify API v2]: https://developer.8x8.com/connect/reference/verification-api

pub mod api;
pub mod contract;
pub mod json;
pub mod params;
pub mod proof;

/// Phone numbers: parse, normalize, classify and format (the
/// `verify8x8-phone` crate, in `phone/`).
pub use verify8x8_phone as phone;

#[cfg(feature = "js")]
mod js;

/// Feature `small-alloc` (on by default): lol_alloc's free list
/// instead of dlmalloc, kilobytes smaller; the lock is never contended (wasm
/// runs one thread).
#[cfg(all(feature = "small-alloc", target_arch = "wasm32"))]
#[global_allocator]
static ALLOCATOR: lol_alloc::LockedAllocator<lol_alloc::FreeListAllocator> =
    lol_alloc::LockedAllocator::new(lol_alloc::FreeListAllocator::new());

/// The JavaScript-facing functions, re-exported for the wasm test suites in
/// `tests/`. Not part of the Rust API.
#[cfg(feature = "js")]
#[doc(hidden)]
pub mod js_exports {
    pub use crate::js::*;
}
