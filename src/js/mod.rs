//! The wasm-bindgen boundary: thin, one file per exported area. Every rule
//! lives in the pure core; these files only translate.

mod client;
mod error;
mod fetch;
mod json;
mod options;
mod otp;
mod params;
mod phone;
mod proof;
mod proof_options;

pub use client::*;
pub use error::{ApiError, ProofError, TransportError, ValidationError, VerifyError};
pub use options::ClientOptions;
pub use otp::receive_code;
pub use params::*;
pub use phone::*;
pub use proof::*;
pub use proof_options::VerifyProofOptions;
