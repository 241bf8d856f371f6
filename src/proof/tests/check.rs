use super::*;

fn expect() -> Expectations {
    Expectations {
        audience: vec![
            "https://other.example.com".into(),
            "https://app.example.com".into(),
        ],
        issuer: Some("https://verify.example.com".into()),
        nonce: Some("n-0S6_WzA2Mj".into()),
        max_age: None,
        clock_tolerance: 0,
    }
}

#[test]
fn a_good_proof_passes() {
    assert_eq!(check_claims(&claims(), &expect(), NOW), Ok(()));
    assert_eq!(check_claims(&claims(), &expect(), NOW + 299), Ok(()));
}

#[test]
fn audience_must_match_one_expected() {
    let wrong = Expectations {
        audience: vec!["https://app.example.com/".into()],
        ..expect()
    };
    assert_eq!(
        check_claims(&claims(), &wrong, NOW),
        Err(ProofError::WrongAudience)
    );
    let none = Expectations {
        audience: vec![],
        ..expect()
    };
    assert_eq!(
        check_claims(&claims(), &none, NOW),
        Err(ProofError::WrongAudience)
    );
    let several = Claims {
        aud: vec![
            "https://x.example.com".into(),
            "https://app.example.com".into(),
        ],
        ..claims()
    };
    assert_eq!(check_claims(&several, &expect(), NOW), Ok(()));
}

#[test]
fn issuer_is_checked_when_expected() {
    let other = Claims {
        iss: "https://evil.example.com".into(),
        ..claims()
    };
    assert_eq!(
        check_claims(&other, &expect(), NOW),
        Err(ProofError::WrongIssuer)
    );
    let any = Expectations {
        issuer: None,
        ..expect()
    };
    assert_eq!(check_claims(&other, &any, NOW), Ok(()));
}

#[test]
fn nonce_must_equal_when_expected() {
    let wrong = Expectations {
        nonce: Some("n-0S6_WzA2Mk".into()),
        ..expect()
    };
    assert_eq!(
        check_claims(&claims(), &wrong, NOW),
        Err(ProofError::WrongNonce)
    );
    let missing = Claims {
        nonce: None,
        ..claims()
    };
    assert_eq!(
        check_claims(&missing, &expect(), NOW),
        Err(ProofError::WrongNonce)
    );
    // Not expected: a proof with or without a nonce is accepted.
    let unbound = Expectations {
        nonce: None,
        ..expect()
    };
    assert_eq!(check_claims(&claims(), &unbound, NOW), Ok(()));
    assert_eq!(check_claims(&missing, &unbound, NOW), Ok(()));
}

#[test]
fn expiry_is_exclusive_and_tolerance_extends_it() {
    let expired = Err(ProofError::Expired {
        expired_at: NOW + 300,
    });
    assert_eq!(check_claims(&claims(), &expect(), NOW + 300), expired);
    let tolerant = Expectations {
        clock_tolerance: 5,
        ..expect()
    };
    assert_eq!(check_claims(&claims(), &tolerant, NOW + 304), Ok(()));
    assert_eq!(check_claims(&claims(), &tolerant, NOW + 305), expired);
}

#[test]
fn issued_in_the_future_is_refused_beyond_tolerance() {
    let future = Err(ProofError::NotYetValid { issued_at: NOW });
    assert_eq!(check_claims(&claims(), &expect(), NOW - 1), future);
    let tolerant = Expectations {
        clock_tolerance: 5,
        ..expect()
    };
    assert_eq!(check_claims(&claims(), &tolerant, NOW - 5), Ok(()));
    assert_eq!(check_claims(&claims(), &tolerant, NOW - 6), future);
}

#[test]
fn max_age_bounds_the_time_since_verification() {
    let fresh = Expectations {
        max_age: Some(60),
        ..expect()
    };
    assert_eq!(check_claims(&claims(), &fresh, NOW + 60), Ok(()));
    let too_old = Err(ProofError::TooOld {
        issued_at: NOW,
        max_age: 60,
    });
    assert_eq!(check_claims(&claims(), &fresh, NOW + 61), too_old);
    let tolerant = Expectations {
        clock_tolerance: 5,
        ..fresh
    };
    assert_eq!(check_claims(&claims(), &tolerant, NOW + 65), Ok(()));
    assert_eq!(check_claims(&claims(), &tolerant, NOW + 66), too_old);
}

#[test]
fn extreme_times_do_not_overflow() {
    let far = Claims {
        iat: u64::MAX - 1,
        exp: u64::MAX,
        ..claims()
    };
    let tolerant = Expectations {
        clock_tolerance: MAX_CLOCK_TOLERANCE,
        max_age: Some(u64::MAX),
        ..expect()
    };
    assert_eq!(
        check_claims(&far, &tolerant, 0),
        Err(ProofError::NotYetValid {
            issued_at: u64::MAX - 1
        })
    );
    assert_eq!(
        check_claims(&claims(), &tolerant, u64::MAX).map_err(|e| e.code()),
        Err("expired")
    );
}
