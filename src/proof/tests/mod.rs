mod check;
mod jwk;
mod token;

use super::*;

pub(super) const NOW: u64 = 1_700_000_000;

/// The claims of a typical proof, issued at `NOW` for 300 s.
pub(super) fn claims() -> Claims {
    Claims {
        iss: "https://verify.example.com".into(),
        sub: "+6587654321".into(),
        aud: vec!["https://app.example.com".into()],
        jti: "Zm9vYmFy".into(),
        iat: NOW,
        exp: NOW + 300,
        nonce: Some("n-0S6_WzA2Mj".into()),
    }
}

#[test]
fn base64url_round_trips_every_length() {
    for len in 0..40u8 {
        let bytes: Vec<u8> = (0..len)
            .map(|i| i.wrapping_mul(37).wrapping_add(len))
            .collect();
        assert_eq!(
            base64url::decode(&base64url::encode(&bytes)).as_deref(),
            Some(&bytes[..])
        );
    }
    assert_eq!(base64url::encode(b"\xfb\xff"), "-_8");
    assert_eq!(base64url::decode("-_8"), Some(b"\xfb\xff".to_vec()));
    assert_eq!(base64url::decode("-_9"), None, "non-zero trailing bits");
    assert_eq!(base64url::decode("A"), None, "impossible length");
    assert_eq!(base64url::decode("AA=="), None, "padding");
}

#[test]
fn codes_are_stable_and_listed() {
    let errors = [
        ProofError::Malformed("x"),
        ProofError::UnsupportedAlgorithm,
        ProofError::UnknownKey,
        ProofError::InvalidKey("x"),
        ProofError::BadSignature,
        ProofError::InvalidClaims("x"),
        ProofError::WrongAudience,
        ProofError::WrongIssuer,
        ProofError::WrongNonce,
        ProofError::Expired { expired_at: 1 },
        ProofError::TooOld {
            issued_at: 1,
            max_age: 2,
        },
        ProofError::NotYetValid { issued_at: 1 },
    ];
    let codes: Vec<_> = errors.iter().map(ProofError::code).collect();
    assert_eq!(codes, ProofError::CODES);
    for error in &errors {
        assert!(!error.to_string().is_empty());
    }
}

#[test]
fn ttl_bounds() {
    assert_eq!((DEFAULT_PROOF_TTL, MAX_PROOF_TTL), (300, 900));
}
