//! The wasm-bindgen boundary: thin, one file per exported area. Every rule
//! lives in the pure core; these files only translate.

mod error;
mod params;
mod phone;

pub use params::*;
pub use phone::*;
