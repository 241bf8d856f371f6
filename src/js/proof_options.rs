//! The options of `verifyProof`: their TypeScript type, and the reading of
//! the JS object, which reports unknown names, wrong types and bad values
//! all at once as a `ValidationError` (as `options.rs` does for
//! `VerifyClient`). Keys that are not usable Ed25519 public keys are
//! `ProofError`s of code `invalid_key`: a key set is data, often fetched.

use tsify::Tsify;
use wasm_bindgen::{JsCast, JsValue};

use crate::api::Error;
use crate::params::{Violation, ViolationCode};
use crate::proof::{self as native, Expectations, Keys, ProofError, PublicJwk};

use super::error::{proof_error, to_js};
use super::json::from_js;
use super::plain_object;

/// How `verifyProof` checks a proof: with which key, for whom.
///
/// ```ts
/// const jwks = await (await fetch("https://verify.example.com/.well-known/jwks.json")).json();
/// const options: VerifyProofOptions = { jwks, audience: "https://app.example.com", nonce: session.nonce };
/// ```
// Only the TypeScript type is derived; `read` reads the object.
#[derive(Tsify)]
#[serde(rename_all = "camelCase")]
pub struct VerifyProofOptions {
    /// The worker's key set, as served at `GET /.well-known/jwks.json`
    /// (`{ keys: [...] }`, each with a `kid`). Give `jwks` or `publicKey`.
    #[tsify(optional, type = "{ keys: JsonWebKeyLike[] }")]
    pub jwks: Option<()>,
    /// One Ed25519 public JWK (`{ kty: "OKP", crv: "Ed25519", x }`); with
    /// a `kid`, only proofs of that `kid` are accepted. Give `jwks` or
    /// `publicKey`.
    #[tsify(optional, type = "JsonWebKeyLike")]
    pub public_key: Option<()>,
    /// Your app's audience (the worker's `PROOF_AUDIENCE`), or several: the
    /// proof's `aud` must be one of them.
    #[tsify(type = "string | string[]")]
    pub audience: (),
    /// The worker's origin, if you check `iss`.
    #[tsify(optional)]
    pub issuer: Option<String>,
    /// The nonce your backend issued for this login attempt: the proof must
    /// carry exactly it. Without it, a proof with any nonce (or none) is
    /// accepted, so always pass it if your page sends one.
    #[tsify(optional)]
    pub nonce: Option<String>,
    /// Refuse proofs of verifications older than this many seconds.
    #[tsify(optional)]
    pub max_age: Option<f64>,
    /// Seconds of clock difference tolerated (0 to 300). Default 0.
    #[tsify(optional)]
    pub clock_tolerance: Option<f64>,
}

/// The option names.
const NAMES: [&str; 7] = [
    "jwks",
    "publicKey",
    "audience",
    "issuer",
    "nonce",
    "maxAge",
    "clockTolerance",
];

/// Largest `maxAge`, in seconds (a year).
const MAX_MAX_AGE: u64 = 366 * 24 * 3600;

/// The options, read and checked.
pub(crate) struct Settings {
    pub(crate) keys: Keys,
    pub(crate) expect: Expectations,
}

/// Reads the options object: a `ValidationError` lists every problem of
/// form; an unusable key is a `ProofError` of code `invalid_key`.
pub(crate) fn read(options: &JsValue) -> Result<Settings, JsValue> {
    let invalid = |errors| to_js(&Error::Validation(errors));
    if !options.is_object() {
        return Err(invalid(vec![Violation::new(
            "",
            ViolationCode::WrongType,
            "the options must be an object: { jwks, audience } or { publicKey, audience }",
        )]));
    }
    let mut errors = Vec::new();
    errors.extend(plain_object::unknown_names(options, &NAMES));
    let field = |name: &str| plain_object::field(options, name);
    let keys = match (field("jwks"), field("publicKey")) {
        (Some(_), Some(_)) | (None, None) => {
            errors.push(Violation::new(
                "jwks",
                ViolationCode::Required,
                "give exactly one of jwks (the worker's /.well-known/jwks.json) or publicKey (one JWK)",
            ));
            None
        }
        (Some(jwks), None) => Some(("jwks", jwks)),
        (None, Some(key)) => Some(("publicKey", key)),
    };
    let audience = match field("audience") {
        None => {
            errors.push(Violation::new(
                "audience",
                ViolationCode::Required,
                "audience is required: your app's audience, the worker's PROOF_AUDIENCE",
            ));
            Vec::new()
        }
        Some(value) => strings(&value).unwrap_or_else(|| {
            errors.push(Violation::new(
                "audience",
                ViolationCode::WrongType,
                "audience must be a non-empty string or a non-empty array of them",
            ));
            Vec::new()
        }),
    };
    let mut text = |name: &str| {
        let value = field(name)?;
        let text = value.as_string().filter(|s| !s.is_empty());
        if text.is_none() {
            errors.push(Violation::new(
                name,
                ViolationCode::WrongType,
                format!("{name} must be a non-empty string"),
            ));
        }
        text
    };
    let (issuer, nonce) = (text("issuer"), text("nonce"));
    let mut seconds = |name: &str, max: u64| {
        let value = field(name)?;
        match value.as_f64() {
            Some(n) if n.fract() == 0.0 && n >= 0.0 && n <= max as f64 => Some(n as u64),
            _ => {
                errors.push(Violation::new(
                    name,
                    ViolationCode::OutOfRange,
                    format!("{name} must be a whole number of seconds from 0 to {max}"),
                ));
                None
            }
        }
    };
    let max_age = seconds("maxAge", MAX_MAX_AGE);
    let clock_tolerance = seconds("clockTolerance", native::MAX_CLOCK_TOLERANCE)
        .unwrap_or(native::DEFAULT_CLOCK_TOLERANCE);
    if !errors.is_empty() {
        return Err(invalid(errors));
    }
    let Some((name, keys)) = keys else {
        return Err(invalid(errors));
    };
    let keys = read_keys(name, &keys).map_err(|e| proof_error(&e, &JsValue::UNDEFINED))?;
    Ok(Settings {
        keys,
        expect: Expectations {
            audience,
            issuer,
            nonce,
            max_age,
            clock_tolerance,
        },
    })
}

/// A string, or a non-empty array of non-empty strings.
fn strings(value: &JsValue) -> Option<Vec<String>> {
    if let Some(one) = value.as_string() {
        return (!one.is_empty()).then(|| vec![one]);
    }
    let many: &js_sys::Array = value.dyn_ref()?;
    let many: Option<Vec<String>> = many
        .iter()
        .map(|v| v.as_string().filter(|s| !s.is_empty()))
        .collect();
    many.filter(|m| !m.is_empty())
}

fn read_keys(name: &str, value: &JsValue) -> Result<Keys, ProofError> {
    let value = from_js(value).map_err(|_| ProofError::InvalidKey("not a JSON value"))?;
    match name {
        "jwks" => native::parse_jwks(&value).map(Keys::Set),
        _ => PublicJwk::from_value(&value).map(Keys::One),
    }
}
