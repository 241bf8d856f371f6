//! The wasm-bindgen boundary: thin, one file per exported area. Every rule
//! lives in the pure core; these files only translate.
//!
//! Feature `js` compiles every area; feature `phone-js` alone compiles only
//! `phone` (the `verify8x8/phone` entry of the npm package).

#[cfg(feature = "js")]
mod client;
#[cfg(feature = "js")]
mod contract;
#[cfg(feature = "js")]
mod error;
#[cfg(feature = "js")]
mod fetch;
#[cfg(feature = "js")]
mod json;
#[cfg(feature = "js")]
mod options;
#[cfg(feature = "js")]
mod otp;
#[cfg(feature = "js")]
mod params;
mod phone;
#[cfg(feature = "js")]
mod plain_object;
#[cfg(feature = "js")]
mod proof;
#[cfg(feature = "js")]
mod proof_options;

#[cfg(feature = "js")]
pub use client::*;
#[cfg(feature = "js")]
pub use contract::*;
#[cfg(feature = "js")]
pub use error::{ApiError, ProofError, TransportError, ValidationError, VerifyError};
#[cfg(feature = "js")]
pub use options::ClientOptions;
#[cfg(feature = "js")]
pub use otp::receive_code;
#[cfg(feature = "js")]
pub use params::*;
pub use phone::*;
#[cfg(feature = "js")]
pub use proof::*;
#[cfg(feature = "js")]
pub use proof_options::VerifyProofOptions;
