//! The wasm-bindgen boundary: thin, one file per exported area. Every rule
//! lives in the pure core; these files only translate.

mod client;
mod contract;
mod error;
mod fetch;
mod json;
mod options;
mod params;
mod phone;
mod proof;

pub use client::*;
pub use contract::*;
pub use error::{ApiError, ProofError, TransportError, ValidationError, VerifyError};
pub use options::ClientOptions;
pub use params::*;
pub use phone::*;
pub use proof::*;
