//! Ed25519 keys as JSON Web Keys (RFC 8037 §2: `kty` `OKP`, `crv`
//! `Ed25519`, `x` the public key, `d` the private one), key sets (RFC 7517
//! §5) and thumbprints (RFC 7638), the default `kid`.

use sha2::{Digest, Sha256};

use super::{base64url, claims::has_duplicates, ProofError};
use crate::json::{self, Value};

/// Length of an Ed25519 key, public or private (RFC 8032 §5.1.5).
pub const KEY_LEN: usize = 32;

/// Thumbprints (RFC 7638) of Ed25519 keys published as examples, which
/// must never sign anything: RFC 8037 Appendix A.1's key. Add any key a
/// document of this repository shows.
pub const PLACEHOLDER_THUMBPRINTS: &[&str] = &["kPrK_qmxVWaYVA9wwBF6Iuo3vVzz7TxHCTwXBygrS4k"];

/// An Ed25519 public key, as a JWK.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PublicJwk {
    /// The key id, if the JWK has one.
    pub kid: Option<String>,
    /// The public key.
    pub x: [u8; KEY_LEN],
}

/// An Ed25519 private key, as a JWK (its `Debug` never shows `d`).
#[derive(Clone, PartialEq, Eq)]
pub struct PrivateJwk {
    /// The key id, if the JWK has one.
    pub kid: Option<String>,
    /// The public key.
    pub x: [u8; KEY_LEN],
    d: [u8; KEY_LEN],
}

impl core::fmt::Debug for PrivateJwk {
    fn fmt(&self, f: &mut core::fmt::Formatter<'_>) -> core::fmt::Result {
        f.debug_struct("PrivateJwk")
            .field("kid", &self.kid)
            .field("x", &base64url::encode(&self.x))
            .finish_non_exhaustive()
    }
}

/// The RFC 7638 thumbprint of the Ed25519 public key `x`: base64url of the
/// SHA-256 of `{"crv":"Ed25519","kty":"OKP","x":"<x>"}`. verify8x8 uses it
/// as the default `kid`.
///
/// ```
/// use verify8x8::proof::{base64url_decode, thumbprint};
/// // RFC 8037 Appendix A.3.
/// let x = base64url_decode("11qYAYKxCrfVS_7TyWQHOg7hcvPapiMlrwIaaPcHURo").unwrap();
/// assert_eq!(thumbprint(&x.try_into().unwrap()), "kPrK_qmxVWaYVA9wwBF6Iuo3vVzz7TxHCTwXBygrS4k");
/// ```
pub fn thumbprint(x: &[u8; KEY_LEN]) -> String {
    let canonical = format!(
        r#"{{"crv":"Ed25519","kty":"OKP","x":"{}"}}"#,
        base64url::encode(x)
    );
    base64url::encode(&Sha256::digest(canonical.as_bytes()))
}

impl PublicJwk {
    /// Reads a public JWK from its JSON text.
    pub fn from_json(text: &str) -> Result<Self, ProofError> {
        Self::from_value(&parse_object(text)?)
    }

    /// Reads a public JWK: `kty` `OKP`, `crv` `Ed25519`, `x` 32 bytes; `kid`
    /// a non-empty string if present; `alg` (`EdDSA` or `Ed25519`), `use`
    /// (`sig`) and `key_ops` (with `verify`) checked if present. A JWK with
    /// `d` is refused: it is a private key, which must never be published.
    pub fn from_value(value: &Value) -> Result<Self, ProofError> {
        if value.get("d").is_some() {
            return Err(ProofError::InvalidKey(
                "a private key (it has \"d\") where a public key is expected: publish and pass only the public part",
            ));
        }
        let (kid, x) = common(value, "verify")?;
        Ok(Self { kid, x })
    }

    /// The thumbprint of this key (RFC 7638).
    pub fn thumbprint(&self) -> String {
        thumbprint(&self.x)
    }

    /// `kid`, or the thumbprint if the JWK has none.
    pub fn kid_or_thumbprint(&self) -> String {
        self.kid.clone().unwrap_or_else(|| self.thumbprint())
    }

    /// The JWK as a key set lists it: `kty`, `crv`, `x`, `kid` (or the
    /// thumbprint), `alg` `EdDSA`, `use` `sig`.
    pub fn to_value(&self) -> Value {
        let text = |s: &str| Value::String(s.to_owned());
        Value::Object(vec![
            ("kty".into(), text("OKP")),
            ("crv".into(), text("Ed25519")),
            ("x".into(), Value::String(base64url::encode(&self.x))),
            ("kid".into(), Value::String(self.kid_or_thumbprint())),
            ("alg".into(), text("EdDSA")),
            ("use".into(), text("sig")),
        ])
    }
}

impl PrivateJwk {
    /// Reads a private JWK from its JSON text: a public JWK's members
    /// (`key_ops`, if present, with `sign`) plus `d`, 32 bytes.
    pub fn from_json(text: &str) -> Result<Self, ProofError> {
        let value = parse_object(text)?;
        let (kid, x) = common(&value, "sign")?;
        let d = match value.get("d") {
            None => {
                return Err(ProofError::InvalidKey(
                    "not a private key: \"d\" is missing",
                ))
            }
            Some(d) => {
                key_bytes(d).ok_or(ProofError::InvalidKey("\"d\" is not 32 bytes of base64url"))?
            }
        };
        Ok(Self { kid, x, d })
    }

    /// The public half, with the same `kid` (or, without one, the
    /// thumbprint).
    pub fn public(&self) -> PublicJwk {
        PublicJwk {
            kid: self.kid.clone(),
            x: self.x,
        }
    }

    /// `kid`, or the thumbprint if the JWK has none.
    pub fn kid_or_thumbprint(&self) -> String {
        self.public().kid_or_thumbprint()
    }

    /// Whether this key is a placeholder that must not sign: one published
    /// as an example ([`PLACEHOLDER_THUMBPRINTS`]), or a private part of one
    /// repeated byte (all zeros, say), which no generator makes. The edge
    /// worker refuses such a `PROOF_SIGNING_KEY`.
    ///
    /// ```
    /// use verify8x8::proof::PrivateJwk;
    /// // RFC 8037 Appendix A.1: well formed, and known to everyone.
    /// let rfc = PrivateJwk::from_json(r#"{"kty":"OKP","crv":"Ed25519","d":"nWGxne_9WmC6hEr0kuwsxERJxWl7MmkZcDusAxyuf2A","x":"11qYAYKxCrfVS_7TyWQHOg7hcvPapiMlrwIaaPcHURo"}"#).unwrap();
    /// assert!(rfc.is_placeholder());
    /// ```
    pub fn is_placeholder(&self) -> bool {
        PLACEHOLDER_THUMBPRINTS.contains(&thumbprint(&self.x).as_str())
            || self.d.iter().all(|&b| b == self.d[0])
    }

    /// The private JWK as WebCrypto's `importKey("jwk", …)` takes it:
    /// `{"kty":"OKP","crv":"Ed25519","x":…,"d":…}`. A secret: never log it.
    pub fn to_webcrypto_json(&self) -> String {
        format!(
            r#"{{"kty":"OKP","crv":"Ed25519","x":"{}","d":"{}"}}"#,
            base64url::encode(&self.x),
            base64url::encode(&self.d)
        )
    }
}

/// Reads a key set: `{"keys":[…]}` or a bare array of JWKs. Ed25519 keys
/// must carry a `kid`; keys of other types are skipped (a set may list them
/// for other uses); any key with `d` is refused; a set with no Ed25519 key is
/// refused.
pub fn parse_jwks(value: &Value) -> Result<Vec<PublicJwk>, ProofError> {
    let keys = match value {
        Value::Array(keys) => keys.as_slice(),
        Value::Object(_) => {
            value
                .get("keys")
                .and_then(Value::as_array)
                .ok_or(ProofError::InvalidKey(
                    "a key set is {\"keys\": [ … ]}: \"keys\" is missing or not an array",
                ))?
        }
        _ => {
            return Err(ProofError::InvalidKey(
                "a key set is {\"keys\": [ … ]} or an array of JWKs",
            ))
        }
    };
    let mut found = Vec::new();
    for key in keys {
        let ed25519 = key.get("kty").and_then(Value::as_str) == Some("OKP")
            && key.get("crv").and_then(Value::as_str) == Some("Ed25519");
        if !ed25519 && key.get("d").is_none() {
            continue;
        }
        let jwk = PublicJwk::from_value(key)?;
        if jwk.kid.is_none() {
            return Err(ProofError::InvalidKey(
                "every Ed25519 key of a key set needs a \"kid\"",
            ));
        }
        found.push(jwk);
    }
    if found.is_empty() {
        return Err(ProofError::InvalidKey("the key set has no Ed25519 key"));
    }
    Ok(found)
}

/// Reads a key set from its JSON text (see [`parse_jwks`]).
pub fn parse_jwks_json(text: &str) -> Result<Vec<PublicJwk>, ProofError> {
    let value = json::parse(text).map_err(|_| ProofError::InvalidKey("the key set is not JSON"))?;
    parse_jwks(&value)
}

fn parse_object(text: &str) -> Result<Value, ProofError> {
    let value = json::parse(text).map_err(|_| ProofError::InvalidKey("the JWK is not JSON"))?;
    if value.as_object().is_none() {
        return Err(ProofError::InvalidKey("the JWK is not a JSON object"));
    }
    Ok(value)
}

/// The members public and private JWKs share; returns `kid` and `x`.
fn common(value: &Value, operation: &str) -> Result<(Option<String>, [u8; KEY_LEN]), ProofError> {
    let members = value
        .as_object()
        .ok_or(ProofError::InvalidKey("a JWK is a JSON object"))?;
    if has_duplicates(members) {
        return Err(ProofError::InvalidKey("a JWK member is written twice"));
    }
    let text = |name| value.get(name).map(|v| v.as_str());
    if text("kty") != Some(Some("OKP")) {
        return Err(ProofError::InvalidKey("\"kty\" is not \"OKP\""));
    }
    if text("crv") != Some(Some("Ed25519")) {
        return Err(ProofError::InvalidKey("\"crv\" is not \"Ed25519\""));
    }
    if !matches!(text("alg"), None | Some(Some("EdDSA" | "Ed25519"))) {
        return Err(ProofError::InvalidKey("\"alg\" is not \"EdDSA\""));
    }
    if !matches!(text("use"), None | Some(Some("sig"))) {
        return Err(ProofError::InvalidKey("\"use\" is not \"sig\""));
    }
    if let Some(ops) = value.get("key_ops") {
        let allowed = ops
            .as_array()
            .is_some_and(|ops| ops.iter().any(|op| op.as_str() == Some(operation)));
        if !allowed {
            return Err(ProofError::InvalidKey(
                "\"key_ops\" does not allow this use of the key",
            ));
        }
    }
    let kid = match text("kid") {
        None => None,
        Some(Some(kid)) if !kid.is_empty() => Some(kid.to_owned()),
        Some(_) => return Err(ProofError::InvalidKey("\"kid\" is not a non-empty string")),
    };
    let x = value
        .get("x")
        .and_then(key_bytes)
        .ok_or(ProofError::InvalidKey("\"x\" is not 32 bytes of base64url"))?;
    Ok((kid, x))
}

fn key_bytes(value: &Value) -> Option<[u8; KEY_LEN]> {
    base64url::decode(value.as_str()?)?.try_into().ok()
}
