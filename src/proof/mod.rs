//! Proof of verification: a signed, expiring token that says "this phone
//! number was verified, for this audience, at this time".
//!
//! The edge worker issues one in the answer to the code check that verified
//! the number; the app's backend checks it before trusting the number. The
//! token is a standard JWT signed with Ed25519 (`alg: EdDSA`, RFC 8037), its
//! header `{"alg":"EdDSA","typ":"JWT","kid":"<kid>"}`; the worker publishes
//! its public keys at `GET /.well-known/jwks.json`. A backend needs only a
//! public key: `verifyProof` in the npm package, or any JOSE library.
//!
//! This module is the pure part: claims and their checks, the token's form,
//! keys as JWKs. The signature itself is made and checked by the platform's
//! WebCrypto (`{name: "Ed25519"}` in workerd, Node, Chrome, Firefox), so the
//! package carries no Ed25519 code.

mod base64url;
mod check;
mod claims;
mod error;
mod jwk;
mod token;

pub use check::{check_claims, Expectations, DEFAULT_CLOCK_TOLERANCE, MAX_CLOCK_TOLERANCE};
pub use claims::{is_e164, Claims};
pub use error::ProofError;
pub use jwk::{
    parse_jwks, parse_jwks_json, thumbprint, PrivateJwk, PublicJwk, KEY_LEN,
    PLACEHOLDER_THUMBPRINTS,
};
pub use token::{assemble, parse, signing_input, Parsed, MAX_TOKEN_LEN, SIGNATURE_LEN};

/// How long a proof is good for unless configured otherwise, in seconds.
pub const DEFAULT_PROOF_TTL: u64 = 300;

/// The longest a proof may be configured to last, in seconds.
pub const MAX_PROOF_TTL: u64 = 900;

/// Unpadded base64url (RFC 4648 §5), the encoding of proof tokens; the edge
/// worker encodes its session handles with it too.
pub fn base64url_encode(bytes: &[u8]) -> String {
    base64url::encode(bytes)
}

/// Decodes unpadded base64url; `None` for anything else (padding, other
/// characters, non-canonical trailing bits).
pub fn base64url_decode(text: &str) -> Option<Vec<u8>> {
    base64url::decode(text)
}

/// The keys a proof may be checked with: a key set (each key with a `kid`)
/// or one key.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Keys {
    /// A key set, such as the worker's `/.well-known/jwks.json`: the key is
    /// the one whose `kid` is the token's.
    Set(Vec<PublicJwk>),
    /// One key: used if it has the token's `kid`, or has no `kid` at all.
    One(PublicJwk),
}

impl Keys {
    /// The key to check a token whose header names `kid`.
    ///
    /// ```
    /// use verify8x8::proof::{Keys, PublicJwk, ProofError};
    /// let key = PublicJwk { kid: None, x: [1; 32] };
    /// assert!(Keys::One(key.clone()).find("any").is_ok());
    /// let named = PublicJwk { kid: Some("k1".into()), ..key };
    /// assert_eq!(Keys::Set(vec![named]).find("k2"), Err(ProofError::UnknownKey));
    /// ```
    pub fn find(&self, kid: &str) -> Result<&PublicJwk, ProofError> {
        let matches = |key: &&PublicJwk| key.kid.as_deref() == Some(kid);
        match self {
            Self::Set(keys) => keys.iter().find(matches),
            Self::One(key) if key.kid.is_none() => Some(key),
            Self::One(key) => Some(key).filter(matches),
        }
        .ok_or(ProofError::UnknownKey)
    }
}

#[cfg(test)]
mod tests;
