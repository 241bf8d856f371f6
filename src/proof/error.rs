//! Why a proof (or a key) was refused.

/// Why a proof, or a key to check it with, was refused. Each has a stable
/// [`code`](ProofError::code); the messages may change.
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub enum ProofError {
    /// Not a compact JWT: not three base64url parts, a part that is not
    /// JSON, a header without `kid`, a `crit` header, a signature that is not
    /// 64 bytes.
    Malformed(&'static str),
    /// The header's `alg` is not `EdDSA` (`none`, `HS256`, `RS256`, … are
    /// refused before any key is looked at).
    UnsupportedAlgorithm,
    /// No key given has the token's `kid`.
    UnknownKey,
    /// A key is not an Ed25519 public (or, where one is expected, private)
    /// JWK.
    InvalidKey(&'static str),
    /// The signature does not match: an altered token, or another key.
    BadSignature,
    /// The claims are not those of a verify8x8 proof.
    InvalidClaims(&'static str),
    /// `aud` names none of the expected audiences.
    WrongAudience,
    /// `iss` is not the expected issuer.
    WrongIssuer,
    /// `nonce` is missing or not the expected one.
    WrongNonce,
    /// `exp` has passed.
    Expired {
        /// When the proof expired, seconds since the Unix epoch.
        expired_at: u64,
    },
    /// The verification is older than the caller's `max_age`.
    TooOld {
        /// When the number was verified, seconds since the Unix epoch.
        issued_at: u64,
        /// The caller's limit, in seconds.
        max_age: u64,
    },
    /// `iat` is in the future (beyond the clock tolerance).
    NotYetValid {
        /// The token's `iat`, seconds since the Unix epoch.
        issued_at: u64,
    },
}

impl ProofError {
    /// A stable identifier callers can branch on.
    pub fn code(&self) -> &'static str {
        match self {
            Self::Malformed(_) => "malformed",
            Self::UnsupportedAlgorithm => "unsupported_algorithm",
            Self::UnknownKey => "unknown_key",
            Self::InvalidKey(_) => "invalid_key",
            Self::BadSignature => "bad_signature",
            Self::InvalidClaims(_) => "invalid_claims",
            Self::WrongAudience => "wrong_audience",
            Self::WrongIssuer => "wrong_issuer",
            Self::WrongNonce => "wrong_nonce",
            Self::Expired { .. } => "expired",
            Self::TooOld { .. } => "too_old",
            Self::NotYetValid { .. } => "not_yet_valid",
        }
    }

    /// Every code, for documentation and type tests.
    pub const CODES: [&'static str; 12] = [
        "malformed",
        "unsupported_algorithm",
        "unknown_key",
        "invalid_key",
        "bad_signature",
        "invalid_claims",
        "wrong_audience",
        "wrong_issuer",
        "wrong_nonce",
        "expired",
        "too_old",
        "not_yet_valid",
    ];
}

impl core::fmt::Display for ProofError {
    fn fmt(&self, f: &mut core::fmt::Formatter<'_>) -> core::fmt::Result {
        match self {
            Self::Malformed(why) => write!(f, "not a proof token: {why}"),
            Self::UnsupportedAlgorithm => {
                f.write_str("the proof is not signed with EdDSA (Ed25519), the only algorithm accepted")
            }
            Self::UnknownKey => f.write_str(
                "no key given has the proof's kid: pass the worker's current JWKS (GET /.well-known/jwks.json)",
            ),
            Self::InvalidKey(why) => write!(f, "unusable key: {why}"),
            Self::BadSignature => f.write_str(
                "the proof's signature does not match: altered, or signed with another key",
            ),
            Self::InvalidClaims(why) => write!(f, "the proof's claims are invalid: {why}"),
            Self::WrongAudience => {
                f.write_str("the proof was issued for another audience (aud)")
            }
            Self::WrongIssuer => f.write_str("the proof was issued by another issuer (iss)"),
            Self::WrongNonce => f.write_str(
                "the proof's nonce is missing or not the one expected: it belongs to another login attempt",
            ),
            Self::Expired { expired_at } => {
                write!(f, "the proof expired at {expired_at} (Unix seconds)")
            }
            Self::TooOld { issued_at, max_age } => write!(
                f,
                "the number was verified at {issued_at} (Unix seconds), more than maxAge {max_age} s ago"
            ),
            Self::NotYetValid { issued_at } => write!(
                f,
                "the proof is issued in the future ({issued_at}, Unix seconds): check the clocks"
            ),
        }
    }
}

impl std::error::Error for ProofError {}
