//! The compact JWS form of a proof (RFC 7515 §7.1): building the signing
//! input, assembling the token, and taking a token apart before its
//! signature is checked. The signature itself is made and checked by the
//! platform's WebCrypto (Ed25519), never here.

use super::{base64url, claims::has_duplicates, Claims, ProofError};
use crate::json::{self, Value};

/// Length of an Ed25519 signature (RFC 8032 §5.1.6).
pub const SIGNATURE_LEN: usize = 64;

/// Longest token [`parse`] reads; a proof is a few hundred bytes.
pub const MAX_TOKEN_LEN: usize = 8 * 1024;

/// The JOSE header of a proof: `{"alg":"EdDSA","typ":"JWT","kid":"<kid>"}`.
fn header(kid: &str) -> String {
    let kid = json::to_string(&Value::String(kid.to_owned()));
    format!(r#"{{"alg":"EdDSA","typ":"JWT","kid":{kid}}}"#)
}

/// What the signer signs: `base64url(header) "." base64url(claims)`.
///
/// ```
/// use verify8x8::proof::{signing_input, assemble, parse, Claims};
/// let claims = Claims {
///     iss: "https://verify.example.com".into(),
///     sub: "+6587654321".into(),
///     aud: vec!["https://app.example.com".into()],
///     jti: "4f1c0a2e".into(),
///     iat: 1_700_000_000,
///     exp: 1_700_000_300,
///     nonce: None,
/// };
/// let input = signing_input("key-1", &claims);
/// let token = assemble(&input, &[7; 64]); // the signature comes from WebCrypto
/// let parsed = parse(&token).unwrap();
/// assert_eq!((parsed.kid.as_str(), parsed.signing_input.as_str()), ("key-1", input.as_str()));
/// assert_eq!(parsed.claims(), Ok(claims));
/// ```
pub fn signing_input(kid: &str, claims: &Claims) -> String {
    let mut input = base64url::encode(header(kid).as_bytes());
    input.push('.');
    input.push_str(&base64url::encode(claims.to_json().as_bytes()));
    input
}

/// The token: `signing_input "." base64url(signature)`.
pub fn assemble(signing_input: &str, signature: &[u8]) -> String {
    let mut token = String::with_capacity(signing_input.len() + 1 + 86);
    token.push_str(signing_input);
    token.push('.');
    token.push_str(&base64url::encode(signature));
    token
}

/// A token taken apart, its signature not yet checked: nothing in it may be
/// trusted until the signature over `signing_input` is checked with the key
/// named `kid`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Parsed {
    /// The key id of the header.
    pub kid: String,
    /// The bytes the signature covers (the token up to its last `.`).
    pub signing_input: String,
    /// The Ed25519 signature.
    pub signature: [u8; SIGNATURE_LEN],
    payload: String,
}

impl Parsed {
    /// The claims. Read them only once the signature is checked.
    pub fn claims(&self) -> Result<Claims, ProofError> {
        Claims::from_json(&self.payload)
    }
}

/// Takes a token apart: three base64url parts; a header that is a JSON
/// object with `alg` `EdDSA` (anything else, `none` and `HS256` included, is
/// `unsupported_algorithm`), a non-empty string `kid`, `typ` absent or
/// `JWT`, no `crit`; a payload that is UTF-8; a 64-byte signature.
pub fn parse(token: &str) -> Result<Parsed, ProofError> {
    if token.len() > MAX_TOKEN_LEN {
        return Err(ProofError::Malformed("longer than 8 KB"));
    }
    let mut parts = token.split('.');
    let (Some(header), Some(payload), Some(signature), None) =
        (parts.next(), parts.next(), parts.next(), parts.next())
    else {
        return Err(ProofError::Malformed(
            "expected three parts separated by '.'",
        ));
    };
    let not_base64url = ProofError::Malformed("a part is not base64url");
    let header = base64url::decode(header).ok_or(not_base64url.clone())?;
    let payload_bytes = base64url::decode(payload).ok_or(not_base64url.clone())?;
    let signature = base64url::decode(signature).ok_or(not_base64url)?;
    let kid = read_header(&header)?;
    let signature: [u8; SIGNATURE_LEN] = signature
        .try_into()
        .map_err(|_| ProofError::Malformed("the signature is not 64 bytes"))?;
    let payload = String::from_utf8(payload_bytes)
        .map_err(|_| ProofError::Malformed("the payload is not UTF-8"))?;
    let signed_len = token.len() - token.rsplit('.').next().map_or(0, str::len) - 1;
    Ok(Parsed {
        kid,
        signing_input: token[..signed_len].to_owned(),
        signature,
        payload,
    })
}

/// Checks the header; returns its `kid`.
fn read_header(bytes: &[u8]) -> Result<String, ProofError> {
    let text = core::str::from_utf8(bytes)
        .map_err(|_| ProofError::Malformed("the header is not UTF-8"))?;
    let value = json::parse(text).map_err(|_| ProofError::Malformed("the header is not JSON"))?;
    let members = value
        .as_object()
        .ok_or(ProofError::Malformed("the header is not a JSON object"))?;
    if has_duplicates(members) {
        return Err(ProofError::Malformed("a header member is written twice"));
    }
    if value.get("alg").and_then(Value::as_str) != Some("EdDSA") {
        return Err(ProofError::UnsupportedAlgorithm);
    }
    if value.get("crit").is_some() {
        return Err(ProofError::Malformed(
            "the header has crit: no extension is understood",
        ));
    }
    if !matches!(value.get("typ"), None | Some(Value::String(_)))
        || value
            .get("typ")
            .and_then(Value::as_str)
            .is_some_and(|typ| !typ.eq_ignore_ascii_case("JWT"))
    {
        return Err(ProofError::Malformed("the header's typ is not JWT"));
    }
    match value.get("kid").and_then(Value::as_str) {
        Some(kid) if !kid.is_empty() => Ok(kid.to_owned()),
        _ => Err(ProofError::Malformed("the header has no kid")),
    }
}
