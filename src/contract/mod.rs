//! 8x8's wire contract, in both directions: what a client reads and what a
//! server (the edge worker, the emulator) writes. Every 8x8 number and text
//! lives here once:
//!
//! - [`Reason`]: each error answer's HTTP status, 8x8 `code` and wording;
//! - [`limits`]: the attempt limit and the named ranges of `codeLength`,
//!   `codeValidity`, `resendingInterval` and a typed code, each with its
//!   default;
//! - [`template`]: the default message texts, the `{code}` and `{brand}`
//!   placeholders, and how a template renders.
//!
//! This floor imports nothing from the crate: `params` and `api` read it, and
//! so do `worker/` and `emulator/` (see `ARCHITECTURE.md`).
//!
//! Sources: <https://developer.8x8.com/connect/reference/verification-api>
//! and <https://developer.8x8.com/connect/docs/api-error-codes>.
//!
//! ```
//! use verify8x8::contract::{limits, Reason};
//! assert_eq!(Reason::SessionNotFound.status(), 404);
//! assert_eq!(Reason::SessionNotFound.code(), 1404);
//! assert_eq!(limits::MAX_ATTEMPTS, 5);
//! assert_eq!(limits::CODE_LENGTH.default, 4);
//! ```

pub mod limits;
mod reason;
pub mod template;

pub use limits::Range;
pub use reason::Reason;
