//! The keys of the worker's proofs: the Ed25519 private key that signs
//! (secret `PROOF_SIGNING_KEY`, a private JWK) and the public keys a backend
//! checks with, served at `GET /.well-known/jwks.json`. After a rotation the
//! previous public keys stay listed (`PROOF_PREVIOUS_KEYS`) until the proofs
//! they signed have expired. No backend ever needs a secret.

use verify8x8::json::{self, Value};
use verify8x8::proof::{parse_jwks_json, PrivateJwk, PublicJwk};

/// The signing key and the published key set, read once per isolate.
#[derive(Debug, Clone)]
pub struct ProofKeys {
    signing: PrivateJwk,
    kid: String,
    jwks: String,
}

impl ProofKeys {
    /// Reads the private JWK and the optional previous public keys (a JWKS
    /// or an array of JWKs). The error names the variable and what is
    /// wrong, never a key's value.
    pub fn from_settings(private_jwk: &str, previous: Option<&str>) -> Result<Self, String> {
        let signing = PrivateJwk::from_json(private_jwk)
            .map_err(|e| format!("PROOF_SIGNING_KEY is not an Ed25519 private JWK: {e}"))?;
        if signing.is_placeholder() {
            return Err("PROOF_SIGNING_KEY is a published example key: make a real one with `node scripts/keys.mjs --fresh --print`".to_owned());
        }
        let kid = signing.kid_or_thumbprint();
        let mut listed: Vec<PublicJwk> = vec![PublicJwk {
            kid: Some(kid.clone()),
            ..signing.public()
        }];
        if let Some(previous) = previous {
            let keys = parse_jwks_json(previous).map_err(|e| {
                format!("PROOF_PREVIOUS_KEYS is not a set of public Ed25519 JWKs: {e}")
            })?;
            for key in keys.into_iter().filter(|k| k.x != signing.x) {
                if listed.iter().any(|k| k.kid == key.kid) {
                    return Err(format!(
                        "PROOF_PREVIOUS_KEYS lists kid {:?} twice, or for another key than the signing key's: every key needs its own kid",
                        key.kid.unwrap_or_default()
                    ));
                }
                listed.push(key);
            }
        }
        let keys = listed.iter().map(PublicJwk::to_value).collect();
        let jwks = json::to_string(&Value::Object(vec![(
            "keys".to_owned(),
            Value::Array(keys),
        )]));
        Ok(Self { signing, kid, jwks })
    }

    /// The `kid` of the signing key (its own, or its RFC 7638 thumbprint).
    pub fn kid(&self) -> &str {
        &self.kid
    }

    /// `{"keys":[…]}`: the signing key's public half first, then the previous ones.
    pub fn jwks_json(&self) -> &str {
        &self.jwks
    }

    /// The private key as WebCrypto imports it. A secret: never log it.
    pub fn private_jwk_json(&self) -> String {
        self.signing.to_webcrypto_json()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const KEY: &str = r#"{"kty":"OKP","crv":"Ed25519","x":"VNmigJ2rD0MOYWNlZtN7ZEwo3p500u-IGxky2ZNJ6Ak","d":"WHS9y9C583jf92RN8zYfmbGo3aS0ZlyqAtXnzXPD8V0"}"#;
    const OLD: &str = r#"{"keys":[{"kty":"OKP","crv":"Ed25519","x":"11qYAYKxCrfVS_7TyWQHOg7hcvPapiMlrwIaaPcHURo","kid":"2025-key"}]}"#;

    #[test]
    fn the_key_set_lists_the_signing_key_then_the_previous_ones() {
        let keys = ProofKeys::from_settings(KEY, Some(OLD)).expect("valid");
        let listed = parse_jwks_json(keys.jwks_json()).expect("a key set");
        assert_eq!(listed.len(), 2);
        assert_eq!(listed[0].kid.as_deref(), Some(keys.kid()));
        assert_eq!(listed[1].kid.as_deref(), Some("2025-key"));
        assert!(
            !keys.jwks_json().contains("\"d\""),
            "no private member is published"
        );
        assert!(
            !keys.jwks_json().contains("WHS9y9C5"),
            "no private member is published"
        );
    }

    #[test]
    fn the_kid_is_the_thumbprint_unless_given() {
        let keys = ProofKeys::from_settings(KEY, None).expect("valid");
        assert_eq!(
            keys.kid(),
            verify8x8::proof::thumbprint(&PrivateJwk::from_json(KEY).expect("key").x)
        );
        let named = KEY.replace('{', r#"{"kid":"k1","#);
        assert_eq!(
            ProofKeys::from_settings(&named, None).expect("valid").kid(),
            "k1"
        );
    }

    #[test]
    fn wrong_keys_are_named_and_never_shown() {
        let public_only =
            r#"{"kty":"OKP","crv":"Ed25519","x":"VNmigJ2rD0MOYWNlZtN7ZEwo3p500u-IGxky2ZNJ6Ak"}"#;
        for bad in [public_only, "{}", "not json", r#"{"kty":"RSA","d":"x"}"#] {
            let e = ProofKeys::from_settings(bad, None).expect_err("refused");
            assert!(e.starts_with("PROOF_SIGNING_KEY"), "{e}");
        }
        let e =
            ProofKeys::from_settings(KEY, Some(KEY)).expect_err("a private key among the previous");
        assert!(e.starts_with("PROOF_PREVIOUS_KEYS"), "{e}");
        assert!(!e.contains("WHS9y9C5"), "{e}");
    }
}
