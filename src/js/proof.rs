//! Proof of verification, exported to JavaScript: `verifyProof`.

use serde::Serialize;
use tsify::{Ts, Tsify};
use wasm_bindgen::prelude::*;

use crate::proof as native;

use super::error::coded_error;

/// What a good proof says.
#[derive(Serialize, Tsify)]
#[serde(rename_all = "camelCase")]
pub struct VerifiedNumber {
    /// The verified number, E.164 (`"+6587654321"`).
    pub number: String,
    /// When it was verified, seconds since the Unix epoch.
    pub verified_at: u64,
    /// When the proof stops being accepted, seconds since the Unix epoch.
    pub expires_at: u64,
}

/// Checks a proof of verification issued by the verify8x8 edge worker, on
/// your backend (Node, a Cloudflare Worker), before trusting the number.
///
/// `secret` is the worker's `PROOF_SECRET` (at least 32 bytes). Throws an
/// `Error` named `ProofError` whose `code` is one of `malformed`,
/// `unsupported_algorithm`, `bad_signature`, `invalid_claims`, `expired`,
/// `weak_secret`.
///
/// ```ts
/// const { number } = verifyProof(req.body.proof, process.env.PROOF_SECRET);
/// ```
#[wasm_bindgen(js_name = verifyProof)]
pub fn verify_proof(token: &str, secret: &str) -> Result<Ts<VerifiedNumber>, JsValue> {
    let now = (js_sys::Date::now() / 1000.0) as u64;
    let claims = native::verify(token, secret.as_bytes(), now)
        .map_err(|error| coded_error("ProofError", error.code(), &error.to_string()))?;
    let verified = VerifiedNumber {
        number: claims.sub,
        verified_at: claims.iat,
        expires_at: claims.exp,
    };
    verified
        .into_ts()
        .map_err(|error| JsError::from(error).into())
}
