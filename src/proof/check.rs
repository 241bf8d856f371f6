//! The claims a backend checks once the signature is good.

use super::{Claims, ProofError};

/// Default clock tolerance of [`check_claims`], in seconds.
pub const DEFAULT_CLOCK_TOLERANCE: u64 = 0;

/// Largest clock tolerance accepted, in seconds.
pub const MAX_CLOCK_TOLERANCE: u64 = 300;

/// What the backend expects of a proof.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Expectations {
    /// The audiences this backend answers to; the proof's `aud` must name
    /// one of them. Never empty in a real check (an empty list accepts no
    /// proof).
    pub audience: Vec<String>,
    /// The expected `iss` (the worker's origin), if checked.
    pub issuer: Option<String>,
    /// The nonce this backend issued for the login attempt. When given, the
    /// proof must carry exactly it; when `None`, any nonce (or none) is
    /// accepted: a backend that binds proofs to attempts must always pass it.
    pub nonce: Option<String>,
    /// At most this many seconds since the number was verified (`iat`).
    pub max_age: Option<u64>,
    /// Seconds of clock difference tolerated on `exp`, `iat` and `max_age`.
    pub clock_tolerance: u64,
}

/// Checks good-signature claims against `expect` at `now` (seconds since
/// the Unix epoch): `aud`, then `iss`, `nonce`, `exp` (`exp > now -
/// tolerance`), `iat` (`iat <= now + tolerance`), `max_age` (`now - iat <=
/// max_age + tolerance`).
///
/// ```
/// use verify8x8::proof::{check_claims, Claims, Expectations, ProofError};
/// let claims = Claims {
///     iss: "https://verify.example.com".into(),
///     sub: "+6587654321".into(),
///     aud: vec!["https://app.example.com".into()],
///     jti: "4f1c0a2e".into(),
///     iat: 1_700_000_000,
///     exp: 1_700_000_300,
///     nonce: Some("n-0S6_WzA2Mj".into()),
/// };
/// let expect = Expectations {
///     audience: vec!["https://app.example.com".into()],
///     nonce: Some("n-0S6_WzA2Mj".into()),
///     ..Expectations::default()
/// };
/// assert_eq!(check_claims(&claims, &expect, 1_700_000_010), Ok(()));
/// assert_eq!(
///     check_claims(&claims, &expect, 1_700_000_300),
///     Err(ProofError::Expired { expired_at: 1_700_000_300 })
/// );
/// ```
pub fn check_claims(claims: &Claims, expect: &Expectations, now: u64) -> Result<(), ProofError> {
    if !claims.aud.iter().any(|aud| expect.audience.contains(aud)) {
        return Err(ProofError::WrongAudience);
    }
    if expect.issuer.as_ref().is_some_and(|iss| *iss != claims.iss) {
        return Err(ProofError::WrongIssuer);
    }
    if let Some(nonce) = &expect.nonce {
        if claims.nonce.as_ref() != Some(nonce) {
            return Err(ProofError::WrongNonce);
        }
    }
    let tolerance = expect.clock_tolerance;
    if claims.exp.saturating_add(tolerance) <= now {
        return Err(ProofError::Expired {
            expired_at: claims.exp,
        });
    }
    if claims.iat > now.saturating_add(tolerance) {
        return Err(ProofError::NotYetValid {
            issued_at: claims.iat,
        });
    }
    if let Some(max_age) = expect.max_age {
        if now.saturating_sub(claims.iat) > max_age.saturating_add(tolerance) {
            return Err(ProofError::TooOld {
                issued_at: claims.iat,
                max_age,
            });
        }
    }
    Ok(())
}
