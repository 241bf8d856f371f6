//! Fault injection for the 8x8 endpoints: latency, and shares of server
//! errors, rate limits with `Retry-After`, dropped connections, and TLS
//! refusals (`verify8x8::contract::Reason`).

use axum::http::{header, HeaderName};
use serde::Serialize;
use verify8x8::contract::Reason;

use crate::error::ApiError;
use crate::random;

/// Longest latency accepted, in milliseconds.
pub(crate) const MAX_LATENCY_MS: u64 = 60_000;

/// The fault settings (all zero = behave).
#[derive(Debug, Clone, Copy, Default, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub(crate) struct Faults {
    pub(crate) latency_ms: u64,
    pub(crate) error_rate: f64,
    pub(crate) rate_limit_rate: f64,
    pub(crate) drop_rate: f64,
    pub(crate) tls_error_rate: f64,
}

/// What to do with one request.
#[derive(Debug, PartialEq)]
pub(crate) enum Outcome {
    Proceed,
    Drop,
    Fail(ApiError),
}

impl Faults {
    /// Applies a `POST /_emulator/faults` body: the fields given replace the
    /// current ones, the others stay.
    pub(crate) fn update(&mut self, body: &serde_json::Value) -> Result<(), String> {
        let object = body
            .as_object()
            .ok_or("the body must be a JSON object like {\"errorRate\": 0.5}")?;
        let mut next = *self;
        for (key, value) in object {
            match key.as_str() {
                "latencyMs" => {
                    next.latency_ms = value
                        .as_u64()
                        .filter(|v| *v <= MAX_LATENCY_MS)
                        .ok_or(format!("latencyMs must be an integer from 0 to {MAX_LATENCY_MS}"))?;
                }
                "errorRate" => next.error_rate = rate(key, value)?,
                "rateLimitRate" => next.rate_limit_rate = rate(key, value)?,
                "dropRate" => next.drop_rate = rate(key, value)?,
                "tlsErrorRate" => next.tls_error_rate = rate(key, value)?,
                _ => {
                    return Err(format!(
                        "unknown field `{key}` (latencyMs, errorRate, rateLimitRate, dropRate, tlsErrorRate)"
                    ))
                }
            }
        }
        *self = next;
        Ok(())
    }

    /// Draws the fate of one request: dropped, TLS error, rate limited,
    /// internal error, in that order, each with its own share.
    pub(crate) fn draw(&self) -> Outcome {
        if hit(self.drop_rate) {
            return Outcome::Drop;
        }
        if hit(self.tls_error_rate) {
            return Outcome::Fail(
                ApiError::of(Reason::InsecureProtocol).with_header(header::UPGRADE, "TLS/1.3"),
            );
        }
        if hit(self.rate_limit_rate) {
            return Outcome::Fail(
                ApiError::of(Reason::RateLimited)
                    .with_header(HeaderName::from_static("retry-after"), "1"),
            );
        }
        if hit(self.error_rate) {
            return Outcome::Fail(ApiError::internal());
        }
        Outcome::Proceed
    }
}

fn rate(key: &str, value: &serde_json::Value) -> Result<f64, String> {
    value
        .as_f64()
        .filter(|r| (0.0..=1.0).contains(r))
        .ok_or(format!("{key} must be a number from 0 to 1"))
}

fn hit(rate: f64) -> bool {
    rate > 0.0 && (rate >= 1.0 || random::unit() < rate)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn update_merges_and_validates() {
        let mut f = Faults::default();
        assert!(f.update(&serde_json::json!({"errorRate": 1})).is_ok());
        assert!(f.update(&serde_json::json!({"latencyMs": 5})).is_ok());
        assert_eq!((f.error_rate, f.latency_ms), (1.0, 5));
        assert!(f.update(&serde_json::json!({"dropRate": 2})).is_err());
        assert!(f.update(&serde_json::json!({"nope": 0})).is_err());
        assert!(f.update(&serde_json::json!([1])).is_err());
        assert_eq!(f.drop_rate, 0.0);
    }

    #[test]
    fn certain_and_impossible_draws() {
        assert_eq!(Faults::default().draw(), Outcome::Proceed);
        let f = Faults {
            error_rate: 1.0,
            ..Faults::default()
        };
        assert!(matches!(f.draw(), Outcome::Fail(e) if e == ApiError::of(Reason::ServerError)));
        let f = Faults {
            drop_rate: 1.0,
            error_rate: 1.0,
            ..Faults::default()
        };
        assert_eq!(f.draw(), Outcome::Drop);
    }
}
