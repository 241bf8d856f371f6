//! Minimal JSON for the npm crate, which may not depend on `serde_json`:
//! a [`Value`] tree that keeps object keys in order, a strict parser and a
//! compact writer.
//!
//! ```
//! use verify8x8::json;
//! let value = json::parse(r#"{"destination":"+6587654321","codeLength":6}"#).unwrap();
//! assert_eq!(value.get("codeLength").and_then(json::Value::as_f64), Some(6.0));
//! assert_eq!(json::to_string(&value), r#"{"destination":"+6587654321","codeLength":6}"#);
//! ```

pub(crate) mod number;
mod parse;
mod serde_impl;
mod value;
mod write;

pub use parse::{parse, JsonError, MAX_DEPTH};
pub use value::Value;
pub use write::to_string;
