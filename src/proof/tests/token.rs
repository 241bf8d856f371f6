use super::*;

const KID: &str = "kPrK_qmxVWaYVA9wwBF6Iuo3vVzz7TxHCTwXBygrS4k";

fn token() -> String {
    assemble(&signing_input(KID, &claims()), &[0x5a; SIGNATURE_LEN])
}

fn with_header(header: &str) -> String {
    let rest = token();
    let rest = rest.split_once('.').expect("three parts").1;
    format!("{}.{rest}", base64url::encode(header.as_bytes()))
}

#[test]
fn header_is_exactly_eddsa_jwt_kid() {
    let token = token();
    let header = token.split('.').next().expect("header");
    assert_eq!(
        base64url::decode(header).expect("base64url"),
        format!(r#"{{"alg":"EdDSA","typ":"JWT","kid":"{KID}"}}"#).into_bytes()
    );
}

#[test]
fn claims_json_is_compact_and_ordered() {
    assert_eq!(
        claims().to_json(),
        r#"{"iss":"https://verify.example.com","sub":"+6587654321","aud":"https://app.example.com","jti":"Zm9vYmFy","iat":1700000000,"exp":1700000300,"nonce":"n-0S6_WzA2Mj"}"#
    );
    let several = Claims {
        aud: vec!["a".into(), "b".into()],
        nonce: None,
        ..claims()
    };
    assert!(several.to_json().contains(r#""aud":["a","b"],"#));
    assert!(!several.to_json().contains("nonce"));
    assert_eq!(Claims::from_json(&several.to_json()), Ok(several));
}

#[test]
fn parse_round_trips() {
    let token = token();
    let parsed = parse(&token).expect("parses");
    assert_eq!(parsed.kid, KID);
    assert_eq!(parsed.signing_input, signing_input(KID, &claims()));
    assert_eq!(parsed.signature, [0x5a; SIGNATURE_LEN]);
    assert_eq!(parsed.claims(), Ok(claims()));
}

#[test]
fn only_eddsa_is_accepted() {
    for header in [
        r#"{"alg":"none","typ":"JWT","kid":"k"}"#,
        r#"{"alg":"HS256","typ":"JWT","kid":"k"}"#,
        r#"{"alg":"RS256","kid":"k"}"#,
        r#"{"alg":"ES256","kid":"k"}"#,
        r#"{"alg":"eddsa","kid":"k"}"#,
        r#"{"alg":"Ed25519","kid":"k"}"#,
        r#"{"typ":"JWT","kid":"k"}"#,
        r#"{"alg":["EdDSA"],"kid":"k"}"#,
    ] {
        assert_eq!(
            parse(&with_header(header)),
            Err(ProofError::UnsupportedAlgorithm),
            "{header}"
        );
    }
    // A header of another order is fine (other JOSE libraries write them).
    assert!(parse(&with_header(r#"{"kid":"k","alg":"EdDSA"}"#)).is_ok());
}

#[test]
fn headers_without_kid_with_crit_or_odd_typ_are_malformed() {
    for header in [
        r#"{"alg":"EdDSA","typ":"JWT"}"#,
        r#"{"alg":"EdDSA","kid":""}"#,
        r#"{"alg":"EdDSA","kid":7}"#,
        r#"{"alg":"EdDSA","kid":"k","crit":["b64"],"b64":false}"#,
        r#"{"alg":"EdDSA","kid":"k","typ":"JOSE+JSON"}"#,
        r#"{"alg":"EdDSA","kid":"k","typ":1}"#,
        r#"{"alg":"EdDSA","alg":"none","kid":"k"}"#,
        r#"["EdDSA"]"#,
        "not json",
    ] {
        let result = parse(&with_header(header));
        assert_eq!(
            result.as_ref().map_err(ProofError::code),
            Err("malformed"),
            "{header}"
        );
    }
}

#[test]
fn signatures_must_be_64_bytes() {
    let input = signing_input(KID, &claims());
    for len in [0, 32, 63, 65, 128] {
        assert_eq!(
            parse(&assemble(&input, &vec![1; len])),
            Err(ProofError::Malformed("the signature is not 64 bytes")),
            "{len}"
        );
    }
}

#[test]
fn garbage_is_malformed() {
    let token = token();
    for garbage in [
        String::new(),
        ".".into(),
        "..".into(),
        "a.b.c".into(),
        "a.b".into(),
        "é.é.é".into(),
        format!("{token}."),
        format!("{token}.x"),
        format!(" {token}"),
        format!("{token}\n"),
        token.replace('.', ".."),
        "A".repeat(MAX_TOKEN_LEN + 1),
    ] {
        assert_eq!(
            parse(&garbage).map_err(|e| e.code()),
            Err("malformed"),
            "{garbage:?}"
        );
    }
}

/// Natively nothing checks the signature, so the property here is: every
/// altered character is refused at parse, or changes what the signature
/// covers or the signature itself (which WebCrypto then refuses; see
/// tests/common/proof.rs for the same property end to end).
#[test]
fn every_altered_character_is_refused_or_changes_the_signed_bytes() {
    let token = token();
    let original = parse(&token).expect("parses");
    for i in 0..token.len() {
        for replacement in [b'A', b'B', b'.', b'_', b'-', b'='] {
            let mut bytes = token.clone().into_bytes();
            if bytes[i] == replacement {
                continue;
            }
            bytes[i] = replacement;
            let altered = String::from_utf8(bytes).expect("ascii");
            if let Ok(parsed) = parse(&altered) {
                assert!(
                    parsed.signing_input != original.signing_input
                        || parsed.signature != original.signature,
                    "byte {i} altered to {replacement} changes nothing signed: {altered}"
                );
            }
        }
    }
}

#[test]
fn claims_are_read_strictly() {
    let good = claims().to_json();
    let cases = [
        (good.replace("+6587654321", "6587654321"), "sub"),
        (good.replace("+6587654321", "+65 8765 4321"), "sub"),
        (good.replace("+6587654321", "+0123"), "sub"),
        (good.replace("+6587654321", "+1234567890123456"), "sub"),
        (
            good.replace(r#""aud":"https://app.example.com""#, r#""aud":[]"#),
            "aud",
        ),
        (
            good.replace(r#""aud":"https://app.example.com""#, r#""aud":[1]"#),
            "aud",
        ),
        (
            good.replace(r#""aud":"https://app.example.com""#, r#""aud":"""#),
            "aud",
        ),
        (good.replace(r#""jti":"Zm9vYmFy""#, r#""jti":"""#), "jti"),
        (good.replace("1700000000", "1700000000.5"), "iat"),
        (good.replace("1700000000", "-1"), "iat"),
        (good.replace("1700000300", r#""1700000300""#), "exp"),
        (good.replace("1700000300", "1699999999"), "exp"),
        (good.replace(r#""n-0S6_WzA2Mj""#, "null"), "nonce"),
        (
            good.replace(r#""iss":"https://verify.example.com","#, ""),
            "iss",
        ),
        (good.replace(r#""iss""#, r#""iss":"x","iss""#), "twice"),
        ("[]".into(), "object"),
        ("{".into(), "JSON"),
    ];
    for (json, why) in cases {
        match Claims::from_json(&json) {
            Err(ProofError::InvalidClaims(message)) => {
                assert!(message.contains(why), "{json}: {message} (expected {why})")
            }
            other => panic!("{json}: {other:?}"),
        }
    }
    // Unknown claims are ignored, as RFC 7519 §4 says.
    let extra = good.replace('{', r#"{"scope":"login","#);
    assert_eq!(Claims::from_json(&extra), Ok(claims()));
}

#[test]
fn e164() {
    for good in ["+12", "+6587654321", "+123456789012345"] {
        assert!(is_e164(good), "{good}");
    }
    for bad in [
        "",
        "+",
        "+1",
        "12345",
        "+0123",
        "+1234567890123456",
        "+1-2",
        "++12",
    ] {
        assert!(!is_e164(bad), "{bad}");
    }
}
