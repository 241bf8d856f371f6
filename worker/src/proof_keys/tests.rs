use super::*;

// RFC 8037 Appendix A.1: a key published as an example.
const RFC_JWK: &str = r#"{"kty":"OKP","crv":"Ed25519","d":"nWGxne_9WmC6hEr0kuwsxERJxWl7MmkZcDusAxyuf2A","x":"11qYAYKxCrfVS_7TyWQHOg7hcvPapiMlrwIaaPcHURo"}"#;
const RFC_KID: &str = "kPrK_qmxVWaYVA9wwBF6Iuo3vVzz7TxHCTwXBygrS4k";
const RFC_D: &str = "nWGxne_9WmC6hEr0kuwsxERJxWl7MmkZcDusAxyuf2A";

/// A key made by `node scripts/keys.mjs --fresh --print` (WebCrypto),
/// with its kid.
const DEV_JWK: &str = r#"{"kty":"OKP","crv":"Ed25519","d":"DEV_D","x":"DEV_X","kid":"DEV_KID"}"#;

fn dev_jwk() -> String {
    DEV_JWK
        .replace("DEV_D", "RRg8BwmyTMF-PaqxWx_GMuFir9yzt0AJOheE68iBFro")
        .replace("DEV_X", "ppnNduXBcbAXydAtpcCJGOk46NmhpB-Usa7nj5RMd-w")
        .replace("DEV_KID", "dev-1")
}

fn jwks(keys: &ProofKeys) -> Value {
    json::parse(&keys.jwks_json()).expect("JSON")
}

#[test]
fn the_kid_is_the_jwk_kid_or_its_thumbprint() {
    assert_eq!(
        ProofKeys::from_settings(RFC_JWK, None).unwrap().kid(),
        RFC_KID
    );
    assert_eq!(
        ProofKeys::from_settings(&dev_jwk(), None).unwrap().kid(),
        "dev-1"
    );
}

#[test]
fn placeholders_are_recognised() {
    assert!(ProofKeys::from_settings(RFC_JWK, None)
        .unwrap()
        .is_placeholder());
    assert!(!ProofKeys::from_settings(&dev_jwk(), None)
        .unwrap()
        .is_placeholder());
    let zeros = RFC_JWK.replace(RFC_D, &"A".repeat(43));
    assert!(ProofKeys::from_settings(&zeros, None)
        .unwrap()
        .is_placeholder());
}

#[test]
fn the_jwks_lists_the_current_then_the_previous_keys() {
    let previous = format!(
        r#"{{"keys":[{}]}}"#,
        r#"{"kty":"OKP","crv":"Ed25519","x":"11qYAYKxCrfVS_7TyWQHOg7hcvPapiMlrwIaaPcHURo","alg":"EdDSA","use":"sig"}"#
    );
    let keys = ProofKeys::from_settings(&dev_jwk(), Some(&previous)).unwrap();
    let set = jwks(&keys);
    let list = set.get("keys").and_then(Value::as_array).expect("keys");
    assert_eq!(list.len(), 2);
    let member = |i: usize, name| list[i].get(name).and_then(Value::as_str).map(str::to_owned);
    assert_eq!(member(0, "kid").as_deref(), Some("dev-1"));
    assert_eq!(member(1, "kid").as_deref(), Some(RFC_KID));
    for i in 0..2 {
        assert_eq!(member(i, "alg").as_deref(), Some("EdDSA"));
        assert_eq!(member(i, "use").as_deref(), Some("sig"));
        assert_eq!(member(i, "kty").as_deref(), Some("OKP"));
        assert_eq!(member(i, "d"), None, "never a private part");
    }
    // The crate's verifier reads it back.
    let read = verify8x8::proof::parse_jwks_json(&keys.jwks_json()).expect("a key set");
    assert_eq!(read.len(), 2);
    assert!(!keys
        .jwks_json()
        .contains("RRg8BwmyTMF-PaqxWx_GMuFir9yzt0AJOheE68iBFro"));
}

#[test]
fn previous_keys_may_be_a_bare_array_and_repeat_the_current_one() {
    let current_public = r#"{"kty":"OKP","crv":"Ed25519","x":"ppnNduXBcbAXydAtpcCJGOk46NmhpB-Usa7nj5RMd-w","kid":"dev-1"}"#;
    let keys = ProofKeys::from_settings(&dev_jwk(), Some(&format!("[{current_public}]"))).unwrap();
    assert_eq!(
        jwks(&keys)
            .get("keys")
            .and_then(Value::as_array)
            .map(<[Value]>::len),
        Some(1)
    );
    assert!(ProofKeys::from_settings(&dev_jwk(), Some("  ")).is_ok());
}

#[test]
fn bad_settings_name_the_variable_and_never_the_value() {
    let secret_d = "RRg8BwmyTMF-PaqxWx_GMuFir9yzt0AJOheE68iBFro";
    let cases: Vec<(String, Option<String>, &str)> = vec![
        ("not json".into(), None, "PROOF_SIGNING_KEY"),
        (r#"{"kty":"OKP","crv":"Ed25519","x":"ppnNduXBcbAXydAtpcCJGOk46NmhpB-Usa7nj5RMd-w"}"#.into(), None, "PROOF_SIGNING_KEY"),
        (dev_jwk().replace("Ed25519", "P-256"), None, "PROOF_SIGNING_KEY"),
        (dev_jwk(), Some("{".into()), "PROOF_PREVIOUS_KEYS"),
        (dev_jwk(), Some("7".into()), "PROOF_PREVIOUS_KEYS"),
        (dev_jwk(), Some(format!("[{}]", dev_jwk())), "PROOF_PREVIOUS_KEYS"),
        (dev_jwk(), Some(format!("[{RFC_JWK}]")), "PROOF_PREVIOUS_KEYS"),
        (
            dev_jwk(),
            Some(r#"[{"kty":"OKP","crv":"Ed25519","x":"11qYAYKxCrfVS_7TyWQHOg7hcvPapiMlrwIaaPcHURo","kid":"dev-1"}]"#.into()),
            "PROOF_PREVIOUS_KEYS",
        ),
        (
            dev_jwk(),
            Some(r#"[{"kty":"OKP","crv":"Ed25519","x":"11qYAYKxCrfVS_7TyWQHOg7hcvPapiMlrwIaaPcHURo","kid":"a"},{"kty":"OKP","crv":"Ed25519","x":"11qYAYKxCrfVS_7TyWQHOg7hcvPapiMlrwIaaPcHURo","kid":"a"}]"#.into()),
            "PROOF_PREVIOUS_KEYS",
        ),
        (dev_jwk(), Some(r#"{"keys":[{"kty":"RSA","n":"AQAB","e":"AQAB"}]}"#.into()), "PROOF_PREVIOUS_KEYS"),
    ];
    for (key, previous, variable) in cases {
        let error = ProofKeys::from_settings(&key, previous.as_deref()).expect_err(&key);
        assert!(error.starts_with(variable), "{error}");
        assert!(
            !error.contains(secret_d) && !error.contains(RFC_D),
            "{error}"
        );
    }
}

#[test]
fn the_private_jwk_for_webcrypto_has_no_extras() {
    let keys = ProofKeys::from_settings(&dev_jwk(), None).unwrap();
    assert_eq!(
        keys.private_jwk_json(),
        r#"{"kty":"OKP","crv":"Ed25519","x":"ppnNduXBcbAXydAtpcCJGOk46NmhpB-Usa7nj5RMd-w","d":"RRg8BwmyTMF-PaqxWx_GMuFir9yzt0AJOheE68iBFro"}"#
    );
    assert!(!format!("{keys:?}").contains("RRg8Bwmy"));
}
