use super::*;

// RFC 8037 Appendix A.1 (an Ed25519 key pair) and A.3 (its thumbprint).
const RFC_D: &str = "nWGxne_9WmC6hEr0kuwsxERJxWl7MmkZcDusAxyuf2A";
const RFC_X: &str = "11qYAYKxCrfVS_7TyWQHOg7hcvPapiMlrwIaaPcHURo";
const RFC_THUMBPRINT: &str = "kPrK_qmxVWaYVA9wwBF6Iuo3vVzz7TxHCTwXBygrS4k";

fn public_json() -> String {
    format!(r#"{{"kty":"OKP","crv":"Ed25519","x":"{RFC_X}"}}"#)
}

fn private_json() -> String {
    format!(r#"{{"kty":"OKP","crv":"Ed25519","d":"{RFC_D}","x":"{RFC_X}"}}"#)
}

#[test]
fn thumbprint_matches_rfc_8037() {
    let key = PublicJwk::from_json(&public_json()).expect("public JWK");
    assert_eq!(key.kid, None);
    assert_eq!(key.thumbprint(), RFC_THUMBPRINT);
    assert_eq!(key.kid_or_thumbprint(), RFC_THUMBPRINT);
}

#[test]
fn a_private_jwk_gives_its_public_half() {
    let private = PrivateJwk::from_json(&private_json()).expect("private JWK");
    assert_eq!(
        private.public(),
        PublicJwk::from_json(&public_json()).expect("public")
    );
    assert_eq!(private.kid_or_thumbprint(), RFC_THUMBPRINT);
    assert_eq!(
        private.to_webcrypto_json(),
        format!(r#"{{"kty":"OKP","crv":"Ed25519","x":"{RFC_X}","d":"{RFC_D}"}}"#)
    );
    // What WebCrypto's exportKey writes is read too (key_ops, ext, kid).
    let exported = format!(
        r#"{{"crv":"Ed25519","d":"{RFC_D}","ext":true,"key_ops":["sign"],"kty":"OKP","x":"{RFC_X}","kid":"k1"}}"#
    );
    assert_eq!(
        PrivateJwk::from_json(&exported)
            .expect("exported")
            .kid
            .as_deref(),
        Some("k1")
    );
}

#[test]
fn placeholders_are_recognised() {
    let rfc = PrivateJwk::from_json(&private_json()).expect("private JWK");
    assert!(rfc.is_placeholder(), "RFC 8037's example key");
    let zeros = PrivateJwk::from_json(&private_json().replace(RFC_D, &"A".repeat(43)))
        .expect("private JWK");
    assert!(zeros.is_placeholder(), "a private part of zeros");
    // A key made by WebCrypto (Node 20's generateKey + exportKey).
    let made = r#"{"key_ops":["sign"],"ext":true,"crv":"Ed25519","d":"RRg8BwmyTMF-PaqxWx_GMuFir9yzt0AJOheE68iBFro","x":"ppnNduXBcbAXydAtpcCJGOk46NmhpB-Usa7nj5RMd-w","kty":"OKP","alg":"Ed25519"}"#;
    assert!(!PrivateJwk::from_json(made).expect("made").is_placeholder());
}

#[test]
fn debug_never_shows_the_private_key() {
    let private = PrivateJwk::from_json(&private_json()).expect("private JWK");
    assert!(!format!("{private:?}").contains(RFC_D));
}

#[test]
fn a_private_key_is_refused_where_a_public_one_is_expected() {
    assert_eq!(
        PublicJwk::from_json(&private_json()).map_err(|e| e.code()),
        Err("invalid_key")
    );
    let set = format!(
        r#"{{"keys":[{}]}}"#,
        private_json().replace('}', r#","kid":"k"}"#)
    );
    assert_eq!(
        parse_jwks_json(&set).map_err(|e| e.code()),
        Err("invalid_key")
    );
    // Even a private key of another type.
    let rsa = r#"{"keys":[{"kty":"RSA","kid":"r","n":"AQAB","e":"AQAB","d":"AQAB"}]}"#;
    assert_eq!(
        parse_jwks_json(rsa).map_err(|e| e.code()),
        Err("invalid_key")
    );
}

#[test]
fn public_keys_are_read_strictly() {
    let good = public_json();
    for bad in [
        good.replace("OKP", "EC"),
        good.replace("Ed25519", "Ed448"),
        good.replace("Ed25519", "X25519"),
        good.replace(RFC_X, &RFC_X[..42]),
        good.replace(RFC_X, &format!("{RFC_X}AA")),
        good.replace(RFC_X, "not base64url!"),
        good.replace('}', r#","alg":"ES256"}"#),
        good.replace('}', r#","use":"enc"}"#),
        good.replace('}', r#","key_ops":["sign"]}"#),
        good.replace('}', r#","kid":""}"#),
        good.replace('}', r#","kid":3}"#),
        good.replace('}', r#","kty":"OKP"}"#),
        good.replace(r#""crv":"Ed25519","#, ""),
        "[]".into(),
        "nope".into(),
    ] {
        assert_eq!(
            PublicJwk::from_json(&bad).map_err(|e| e.code()),
            Err("invalid_key"),
            "{bad}"
        );
    }
    for fine in [
        good.replace('}', r#","alg":"EdDSA","use":"sig","kid":"k"}"#),
        good.replace('}', r#","alg":"Ed25519","key_ops":["verify"]}"#),
    ] {
        assert!(PublicJwk::from_json(&fine).is_ok(), "{fine}");
    }
}

#[test]
fn private_keys_need_d() {
    assert_eq!(
        PrivateJwk::from_json(&public_json()).map_err(|e| e.code()),
        Err("invalid_key")
    );
    assert!(PrivateJwk::from_json(&private_json().replace(RFC_D, &RFC_D[..40])).is_err());
    assert!(
        PrivateJwk::from_json(&private_json().replace('}', r#","key_ops":["verify"]}"#)).is_err()
    );
}

#[test]
fn key_sets_need_kids_and_skip_other_key_types() {
    let keyed = public_json().replace('}', r#","kid":"k1"}"#);
    let rsa = r#"{"kty":"RSA","kid":"r","n":"AQAB","e":"AQAB"}"#;
    let keys = parse_jwks_json(&format!(r#"{{"keys":[{rsa},{keyed}]}}"#)).expect("set");
    assert_eq!(keys.len(), 1);
    assert_eq!(keys[0].kid.as_deref(), Some("k1"));
    // A bare array is a set too.
    assert_eq!(parse_jwks_json(&format!("[{keyed}]")).expect("array"), keys);
    for bad in [
        format!(r#"{{"keys":[{}]}}"#, public_json()),
        format!(r#"{{"keys":[{rsa}]}}"#),
        r#"{"keys":[]}"#.into(),
        r#"{"keys":{}}"#.into(),
        r#"{}"#.into(),
        "7".into(),
    ] {
        assert_eq!(
            parse_jwks_json(&bad).map_err(|e| e.code()),
            Err("invalid_key"),
            "{bad}"
        );
    }
}

#[test]
fn a_set_entry_lists_kid_alg_and_use() {
    let key = PublicJwk::from_json(&public_json()).expect("public");
    assert_eq!(
        crate::json::to_string(&key.to_value()),
        format!(
            r#"{{"kty":"OKP","crv":"Ed25519","x":"{RFC_X}","kid":"{RFC_THUMBPRINT}","alg":"EdDSA","use":"sig"}}"#
        )
    );
    // And it reads back as the same key, with the kid.
    let back = PublicJwk::from_value(&key.to_value()).expect("reads back");
    assert_eq!((back.x, back.kid.as_deref()), (key.x, Some(RFC_THUMBPRINT)));
}

#[test]
fn keys_are_found_by_kid() {
    let named = |kid: &str| PublicJwk {
        kid: Some(kid.into()),
        x: [1; KEY_LEN],
    };
    let set = Keys::Set(vec![named("a"), named("b")]);
    assert_eq!(set.find("b"), Ok(&named("b")));
    assert_eq!(set.find("c"), Err(ProofError::UnknownKey));
    assert_eq!(Keys::One(named("a")).find("a"), Ok(&named("a")));
    assert_eq!(Keys::One(named("a")).find("b"), Err(ProofError::UnknownKey));
    let anonymous = PublicJwk {
        kid: None,
        x: [1; KEY_LEN],
    };
    assert_eq!(Keys::One(anonymous.clone()).find("b"), Ok(&anonymous));
}
