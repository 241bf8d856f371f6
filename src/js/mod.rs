//! The wasm-bindgen boundary: thin, one file per exported area. Every rule
//! lives in the pure core; these files only translate.
//!
//! The phone area lives in the phone crate (`phone/src/js.rs`), which the
//! `verify8x8/phone` entry's wasm also builds alone.

mod client;
mod contract;
mod error;
mod fetch;
mod json;
mod options;
mod otp;
mod params;
mod plain_object;
mod proof;
mod proof_options;

pub use client::*;
pub use contract::*;
pub use error::{ApiError, ProofError, TransportError, ValidationError, VerifyError};
pub use options::ClientOptions;
pub use otp::receive_code;
pub use params::*;
pub use proof::*;
pub use proof_options::VerifyProofOptions;
pub use verify8x8_phone::js::*;
