//! Proof of verification: a signed, expiring token that says "this phone
//! number was verified at this time".
//!
//! The edge worker issues one when 8x8 answers `VERIFIED`; the app's backend
//! checks it before trusting the number. The token is a standard JWT signed
//! with HMAC-SHA256 (`alg: HS256`), so a backend may also check it with any
//! JWT library; [`verify`] is the strict checker this crate ships (exported to
//! JavaScript as `verifyProof`).
//!
//! Claims: `sub` (the E.164 number), `iat` and `exp` (seconds since the Unix
//! epoch), `iss` (`"verify8x8"`).

mod base64url;
mod claims;

use hmac::{Hmac, KeyInit, Mac};
use sha2::Sha256;

pub use claims::Claims;

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

/// The `iss` claim of every proof.
pub const ISSUER: &str = "verify8x8";

/// The JOSE header of every proof: `{"alg":"HS256","typ":"JWT"}`.
const HEADER: &str = r#"{"alg":"HS256","typ":"JWT"}"#;

/// Shortest secret accepted for signing or checking: 32 bytes, the size of
/// the HMAC-SHA256 output (RFC 7518 §3.2).
pub const MIN_SECRET_LEN: usize = 32;

/// Why a proof was refused. Each has a stable [`code`](ProofError::code).
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub enum ProofError {
    /// The secret is shorter than [`MIN_SECRET_LEN`] bytes.
    WeakSecret,
    /// Not three base64url parts, or a part does not decode.
    Malformed,
    /// The header is not exactly HS256 (`alg: none` and others are refused).
    UnsupportedAlgorithm,
    /// The signature does not match: altered token or another secret.
    BadSignature,
    /// The claims are not those of a verify8x8 proof.
    InvalidClaims(&'static str),
    /// `exp` has passed.
    Expired {
        /// When the proof expired, seconds since the Unix epoch.
        expired_at: u64,
    },
}

impl ProofError {
    /// A stable identifier callers can branch on.
    pub fn code(&self) -> &'static str {
        match self {
            Self::WeakSecret => "weak_secret",
            Self::Malformed => "malformed",
            Self::UnsupportedAlgorithm => "unsupported_algorithm",
            Self::BadSignature => "bad_signature",
            Self::InvalidClaims(_) => "invalid_claims",
            Self::Expired { .. } => "expired",
        }
    }
}

impl core::fmt::Display for ProofError {
    fn fmt(&self, f: &mut core::fmt::Formatter<'_>) -> core::fmt::Result {
        match self {
            Self::WeakSecret => write!(
                f,
                "the proof secret must be at least {MIN_SECRET_LEN} bytes"
            ),
            Self::Malformed => f.write_str("not a proof token: expected three base64url parts"),
            Self::UnsupportedAlgorithm => f.write_str("the proof is not signed with HS256"),
            Self::BadSignature => f.write_str(
                "the proof's signature does not match: altered, or signed with another secret",
            ),
            Self::InvalidClaims(why) => write!(f, "the proof's claims are invalid: {why}"),
            Self::Expired { expired_at } => {
                write!(f, "the proof expired at {expired_at} (Unix seconds)")
            }
        }
    }
}

impl std::error::Error for ProofError {}

/// Signs `claims` with `secret` into a proof token.
///
/// ```
/// use verify8x8::proof::{sign, verify, Claims};
/// let secret = b"0123456789abcdef0123456789abcdef";
/// let claims = Claims::new("+6587654321", 1_700_000_000, 600);
/// let token = sign(&claims, secret).unwrap();
/// assert_eq!(verify(&token, secret, 1_700_000_100).unwrap(), claims);
/// ```
pub fn sign(claims: &Claims, secret: &[u8]) -> Result<String, ProofError> {
    let mut token = base64url::encode(HEADER.as_bytes());
    token.push('.');
    token.push_str(&base64url::encode(claims.to_json().as_bytes()));
    let tag = mac(secret, token.as_bytes())?.finalize().into_bytes();
    token.push('.');
    token.push_str(&base64url::encode(&tag));
    Ok(token)
}

/// Checks a proof token: its form, its algorithm (HS256 only), its signature
/// (in constant time), its claims and its expiry against `now` (seconds since
/// the Unix epoch). Returns the claims of a good proof.
pub fn verify(token: &str, secret: &[u8], now: u64) -> Result<Claims, ProofError> {
    let mut parts = token.trim().splitn(3, '.');
    let (Some(header), Some(payload), Some(signature)) = (parts.next(), parts.next(), parts.next())
    else {
        return Err(ProofError::Malformed);
    };
    let header_json = base64url::decode(header).ok_or(ProofError::Malformed)?;
    let payload_json = base64url::decode(payload).ok_or(ProofError::Malformed)?;
    let signature = base64url::decode(signature).ok_or(ProofError::Malformed)?;
    if header_json != HEADER.as_bytes() {
        return Err(ProofError::UnsupportedAlgorithm);
    }
    let signed_len = header.len() + 1 + payload.len();
    mac(secret, &token.trim().as_bytes()[..signed_len])?
        .verify_slice(&signature)
        .map_err(|_| ProofError::BadSignature)?;
    let payload =
        core::str::from_utf8(&payload_json).map_err(|_| ProofError::InvalidClaims("not UTF-8"))?;
    let claims = Claims::from_json(payload)?;
    if now >= claims.exp {
        return Err(ProofError::Expired {
            expired_at: claims.exp,
        });
    }
    Ok(claims)
}

fn mac(secret: &[u8], message: &[u8]) -> Result<Hmac<Sha256>, ProofError> {
    if secret.len() < MIN_SECRET_LEN {
        return Err(ProofError::WeakSecret);
    }
    let mut mac =
        <Hmac<Sha256> as KeyInit>::new_from_slice(secret).map_err(|_| ProofError::WeakSecret)?;
    mac.update(message);
    Ok(mac)
}

#[cfg(test)]
mod tests;
