//! The claims of a proof token.

use super::{ProofError, ISSUER};
use crate::json::{self, Value};

/// What a proof says: this number was verified at `iat` and the proof is good
/// until `exp`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Claims {
    /// The verified phone number, E.164 (`sub` claim).
    pub sub: String,
    /// When the number was verified, seconds since the Unix epoch (`iat`).
    pub iat: u64,
    /// When the proof stops being accepted, seconds since the Unix epoch (`exp`).
    pub exp: u64,
}

impl Claims {
    /// Claims for `number` verified at `now`, good for `ttl_seconds`.
    pub fn new(number: &str, now: u64, ttl_seconds: u64) -> Self {
        Self {
            sub: number.to_owned(),
            iat: now,
            exp: now.saturating_add(ttl_seconds),
        }
    }

    pub(super) fn to_json(&self) -> String {
        let object = Value::Object(vec![
            ("iss".into(), Value::String(ISSUER.into())),
            ("sub".into(), Value::String(self.sub.clone())),
            ("iat".into(), Value::Number(self.iat as f64)),
            ("exp".into(), Value::Number(self.exp as f64)),
        ]);
        json::to_string(&object)
    }

    pub(super) fn from_json(text: &str) -> Result<Self, ProofError> {
        let value = json::parse(text).map_err(|_| ProofError::InvalidClaims("not JSON"))?;
        if value.get("iss").and_then(Value::as_str) != Some(ISSUER) {
            return Err(ProofError::InvalidClaims("iss is not verify8x8"));
        }
        let sub = value
            .get("sub")
            .and_then(Value::as_str)
            .filter(|s| s.starts_with('+'));
        let sub = sub.ok_or(ProofError::InvalidClaims("sub is not an E.164 number"))?;
        let seconds = |name| value.get(name).and_then(as_seconds);
        let iat = seconds("iat").ok_or(ProofError::InvalidClaims("iat is not a time"))?;
        let exp = seconds("exp").ok_or(ProofError::InvalidClaims("exp is not a time"))?;
        if exp < iat {
            return Err(ProofError::InvalidClaims("exp is before iat"));
        }
        Ok(Self {
            sub: sub.to_owned(),
            iat,
            exp,
        })
    }
}

/// A whole, non-negative number of seconds that f64 holds exactly.
fn as_seconds(value: &Value) -> Option<u64> {
    match value {
        Value::Number(n) if *n >= 0.0 && n.fract() == 0.0 && *n <= 9_007_199_254_740_991.0 => {
            Some(*n as u64)
        }
        _ => None,
    }
}
