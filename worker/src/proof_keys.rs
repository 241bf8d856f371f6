//! The proof signing keys of the worker, read from its secrets: the current
//! Ed25519 private JWK (`PROOF_SIGNING_KEY`) and, after a rotation, the
//! public JWKs still listed until their proofs have expired
//! (`PROOF_PREVIOUS_KEYS`). Pure: the signing itself is `signer.rs`
//! (WebCrypto). `node scripts/keys.mjs --fresh --print` makes a key.

use verify8x8::json::{self, Value};
use verify8x8::proof::{thumbprint, PrivateJwk, PublicJwk};

/// Thumbprints (RFC 7638) of keys published as examples, refused as
/// signing keys: RFC 8037 Appendix A.1's key. Add any JWK a document of
/// this repository shows.
pub const PLACEHOLDER_THUMBPRINTS: &[&str] = &["kPrK_qmxVWaYVA9wwBF6Iuo3vVzz7TxHCTwXBygrS4k"];

/// The current signing key and the public keys still listed.
#[derive(Debug, Clone)]
pub struct ProofKeys {
    current: PrivateJwk,
    kid: String,
    previous: Vec<PublicJwk>,
}

impl ProofKeys {
    /// Reads `PROOF_SIGNING_KEY` (the JSON of an Ed25519 private JWK; its
    /// `kid`, or else its thumbprint, names it) and `PROOF_PREVIOUS_KEYS`
    /// (a JWKS `{"keys":[…]}` or a JSON array of public JWKs; a key without
    /// `kid` is named by its thumbprint). The error names the variable and
    /// the rule, never the value.
    ///
    /// ```
    /// use verify8x8_worker::proof_keys::ProofKeys;
    /// // RFC 8037's example key: readable, but a placeholder.
    /// let jwk = r#"{"kty":"OKP","crv":"Ed25519","d":"nWGxne_9WmC6hEr0kuwsxERJxWl7MmkZcDusAxyuf2A","x":"11qYAYKxCrfVS_7TyWQHOg7hcvPapiMlrwIaaPcHURo"}"#;
    /// let keys = ProofKeys::from_settings(jwk, None).unwrap();
    /// assert_eq!(keys.kid(), "kPrK_qmxVWaYVA9wwBF6Iuo3vVzz7TxHCTwXBygrS4k");
    /// assert!(keys.is_placeholder());
    /// assert!(ProofKeys::from_settings("secret", None).unwrap_err().starts_with("PROOF_SIGNING_KEY"));
    /// ```
    pub fn from_settings(private_jwk: &str, previous: Option<&str>) -> Result<Self, String> {
        let current = PrivateJwk::from_json(private_jwk.trim()).map_err(|e| {
            format!(
                "PROOF_SIGNING_KEY must be the JSON of an Ed25519 private JWK (make one with \
                 `node scripts/keys.mjs --fresh --print`): {e}"
            )
        })?;
        let kid = current.kid_or_thumbprint();
        let mut keys = Self {
            current,
            kid,
            previous: Vec::new(),
        };
        if let Some(text) = previous.map(str::trim).filter(|t| !t.is_empty()) {
            keys.previous = read_previous(text, &keys)?;
        }
        Ok(keys)
    }

    /// The `kid` of the proofs signed now.
    pub fn kid(&self) -> &str {
        &self.kid
    }

    /// Whether the signing key is one published as an example
    /// ([`PLACEHOLDER_THUMBPRINTS`]) or has a private part of one repeated
    /// byte: such a key must be refused, naming `PROOF_SIGNING_KEY`.
    pub fn is_placeholder(&self) -> bool {
        PLACEHOLDER_THUMBPRINTS.contains(&thumbprint(&self.current.x).as_str())
            || self.current.has_trivial_private_part()
    }

    /// The key set served at `GET /.well-known/jwks.json`: the current
    /// public key, then the previous ones, each with `kid`, `alg` `EdDSA`,
    /// `use` `sig`.
    pub fn jwks_json(&self) -> String {
        let current = PublicJwk {
            kid: Some(self.kid.clone()),
            x: self.current.x,
        };
        let keys = std::iter::once(&current)
            .chain(&self.previous)
            .map(PublicJwk::to_value)
            .collect();
        json::to_string(&Value::Object(vec![("keys".into(), Value::Array(keys))]))
    }

    /// The private JWK as WebCrypto's `importKey("jwk", …)` takes it. A
    /// secret: never log it or send it.
    pub fn private_jwk_json(&self) -> String {
        self.current.to_webcrypto_json()
    }
}

/// The previous public keys: each named (by `kid` or thumbprint), none
/// private, none with the current key's name but another key.
fn read_previous(text: &str, keys: &ProofKeys) -> Result<Vec<PublicJwk>, String> {
    let problem = |why: &str| format!("PROOF_PREVIOUS_KEYS {why}");
    let value = json::parse(text).map_err(|_| problem("is not JSON"))?;
    let list = match &value {
        Value::Array(list) => list.as_slice(),
        Value::Object(_) => value.get("keys").and_then(Value::as_array).ok_or_else(|| {
            problem("must be a JWKS {\"keys\":[…]} or a JSON array of public JWKs")
        })?,
        _ => {
            return Err(problem(
                "must be a JWKS {\"keys\":[…]} or a JSON array of public JWKs",
            ))
        }
    };
    let mut previous: Vec<PublicJwk> = Vec::new();
    for (i, entry) in list.iter().enumerate() {
        if entry.get("d").is_some() {
            return Err(problem(&format!(
                "key {i} is a private key (it has \"d\"): list only public keys"
            )));
        }
        let key = PublicJwk::from_value(entry).map_err(|e| problem(&format!("key {i}: {e}")))?;
        let kid = key.kid_or_thumbprint();
        if kid == keys.kid {
            if key.x == keys.current.x {
                continue; // the current key, listed again: harmless
            }
            return Err(problem(&format!(
                "key {i} has the kid of PROOF_SIGNING_KEY but is another key"
            )));
        }
        if previous
            .iter()
            .any(|p| p.kid.as_deref() == Some(kid.as_str()))
        {
            return Err(problem(&format!("key {i} repeats a kid")));
        }
        previous.push(PublicJwk {
            kid: Some(kid),
            ..key
        });
    }
    Ok(previous)
}

#[cfg(test)]
mod tests;
