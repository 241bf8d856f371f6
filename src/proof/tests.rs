use super::*;

const SECRET: &[u8] = b"0123456789abcdef0123456789abcdef";
const NOW: u64 = 1_700_000_000;

fn token() -> String {
    sign(&Claims::new("+6587654321", NOW, 600), SECRET).expect("signs")
}

#[test]
fn round_trip() {
    let claims = verify(&token(), SECRET, NOW + 1).expect("verifies");
    assert_eq!(
        claims,
        Claims {
            sub: "+6587654321".into(),
            iat: NOW,
            exp: NOW + 600
        }
    );
}

#[test]
fn matches_an_independent_hs256_implementation() {
    // The same claims signed with Python's hmac, hashlib and base64 modules
    // (compact JSON, header {"alg":"HS256","typ":"JWT"}).
    let expected = "eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.\
                    eyJpc3MiOiJ2ZXJpZnk4eDgiLCJzdWIiOiIrNjU4NzY1NDMyMSIsImlhdCI6MTcwMDAwMDAwMCwiZXhwIjoxNzAwMDAwNjAwfQ.\
                    HtyhQKPodqRL0x2vswzf_fyIOY6HgaNA1CPGWcBZIos";
    assert_eq!(token(), expected);
}

#[test]
fn expiry_is_exclusive() {
    assert!(verify(&token(), SECRET, NOW + 599).is_ok());
    assert_eq!(
        verify(&token(), SECRET, NOW + 600),
        Err(ProofError::Expired {
            expired_at: NOW + 600
        })
    );
}

#[test]
fn another_secret_is_refused() {
    let other = b"fedcba9876543210fedcba9876543210";
    assert_eq!(verify(&token(), other, NOW), Err(ProofError::BadSignature));
}

#[test]
fn every_altered_character_is_refused() {
    let token = token();
    for i in 0..token.len() {
        let mut bytes = token.clone().into_bytes();
        bytes[i] = if bytes[i] == b'A' { b'B' } else { b'A' };
        let altered = String::from_utf8(bytes).expect("ascii");
        if altered != token {
            assert!(
                verify(&altered, SECRET, NOW).is_err(),
                "accepted with byte {i} altered: {altered}"
            );
        }
    }
}

#[test]
fn alg_none_is_refused() {
    let token = token();
    let payload = token.split('.').nth(1).expect("payload");
    let none = format!(
        "{}.{payload}.",
        base64url::encode(br#"{"alg":"none","typ":"JWT"}"#)
    );
    assert_eq!(
        verify(&none, SECRET, NOW),
        Err(ProofError::UnsupportedAlgorithm)
    );
}

#[test]
fn forged_claims_are_refused_even_when_signed() {
    // A token signed with the right secret but not by verify8x8 (no iss).
    let header = base64url::encode(HEADER.as_bytes());
    let payload = base64url::encode(br#"{"sub":"+6587654321","iat":1,"exp":99999999999}"#);
    let signing_input = format!("{header}.{payload}");
    let tag = mac(SECRET, signing_input.as_bytes())
        .expect("mac")
        .finalize()
        .into_bytes();
    let forged = format!("{signing_input}.{}", base64url::encode(&tag));
    assert_eq!(
        verify(&forged, SECRET, NOW),
        Err(ProofError::InvalidClaims("iss is not verify8x8"))
    );
}

#[test]
fn weak_secrets_and_garbage_are_refused() {
    assert_eq!(
        sign(&Claims::new("+1", NOW, 1), b"short"),
        Err(ProofError::WeakSecret)
    );
    for garbage in ["", ".", "..", "a.b.c", "a.b", "é.é.é", "eyJ.eyJ.!!"] {
        assert!(verify(garbage, SECRET, NOW).is_err(), "{garbage:?}");
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
