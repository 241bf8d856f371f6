//! Proof of verification, exported to JavaScript: `verifyProof`. The core
//! (`crate::proof`) reads the token, finds the key and checks the claims;
//! the platform's WebCrypto checks the Ed25519 signature (`webcrypto.js`).

use std::sync::atomic::{AtomicBool, Ordering};

use js_sys::{Promise, Uint8Array};
use serde::Serialize;
use tsify::{Ts, Tsify};
use wasm_bindgen::prelude::*;
use wasm_bindgen_futures::{future_to_promise, JsFuture};

use crate::proof::{self as native, ProofError as NativeProofError};

use super::error::proof_error;
use super::fetch::is_page;
use super::proof_options::{self, Settings, VerifyProofOptions};

#[wasm_bindgen(module = "/src/js/webcrypto.js")]
extern "C" {
    #[wasm_bindgen(js_name = importEd25519PublicKey, catch)]
    fn import_public_key(x: &str) -> Result<Promise, JsValue>;

    #[wasm_bindgen(js_name = verifyEd25519, catch)]
    fn verify_signature(
        key: &JsValue,
        signature: &Uint8Array,
        data: &Uint8Array,
    ) -> Result<Promise, JsValue>;
}

#[wasm_bindgen(typescript_custom_section)]
const JWK_TS: &str = r#"
/**
 * A JSON Web Key as `verifyProof` reads it: an Ed25519 public key
 * (`{ kty: "OKP", crv: "Ed25519", x, kid? }`); other members are allowed.
 */
export interface JsonWebKeyLike {
    kty: string;
    crv?: string;
    x?: string;
    kid?: string;
    alg?: string;
    use?: string;
    [member: string]: unknown;
}
"#;

/// Whether the "proof checked in a web page" warning was given.
static WARNED: AtomicBool = AtomicBool::new(false);

/// What a good proof says.
#[derive(Serialize, Tsify)]
#[serde(rename_all = "camelCase")]
pub struct VerifiedProof {
    /// The verified number, E.164 (`"+6587654321"`).
    pub number: String,
    /// When it was verified, seconds since the Unix epoch (`iat`).
    pub verified_at: u64,
    /// When the proof stops being accepted, seconds since the Unix epoch
    /// (`exp`).
    pub expires_at: u64,
    /// The audience of the proof that matched one of yours (`aud`).
    pub audience: String,
    /// Who issued it: the worker's origin (`iss`).
    pub issuer: String,
    /// The proof's unique id (`jti`): store it until `expiresAt` to refuse
    /// a proof presented twice.
    pub id: String,
    /// The nonce the proof carries, if any.
    #[serde(skip_serializing_if = "Option::is_none")]
    #[tsify(optional)]
    pub nonce: Option<String>,
}

/// Checks a proof of verification issued by the verify8x8 edge worker, on
/// your backend (Node, a Cloudflare Worker, Deno), before trusting the
/// number. No network: pass the worker's key set (`jwks`, as served at
/// `GET /.well-known/jwks.json`; fetch and cache it yourself) or one public
/// key (`publicKey`). The Ed25519 signature is checked by the platform's
/// WebCrypto.
///
/// Resolves to the verified number and the proof's facts. Rejects with a
/// `ProofError` whose `code` says why (`malformed`,
/// `unsupported_algorithm`, `unknown_key`, `invalid_key`, `bad_signature`,
/// `invalid_claims`, `wrong_audience`, `wrong_issuer`, `wrong_nonce`,
/// `expired`, `too_old`, `not_yet_valid`), or with a `ValidationError`
/// naming the option when the options are unusable.
///
/// Run in a web page it still checks, but warns once: a proof proves
/// something only to a backend that checks it itself.
///
/// ```ts
/// const jwks = await (await fetch("https://verify.example.com/.well-known/jwks.json")).json();
/// const { number, id } = await verifyProof(req.body.proof, {
///   jwks,
///   audience: "https://app.example.com",
///   nonce: req.session.loginNonce,
///   maxAge: 300,
/// });
/// ```
#[wasm_bindgen(js_name = verifyProof, unchecked_return_type = "Promise<VerifiedProof>")]
pub fn verify_proof(
    #[wasm_bindgen(unchecked_param_type = "string")] token: JsValue,
    options: Ts<VerifyProofOptions>,
) -> Promise {
    if is_page() && !WARNED.swap(true, Ordering::Relaxed) {
        web_sys::console::warn_1(&JsValue::from_str(
            "verify8x8: verifyProof runs in a web page. It checks the proof, but only your \
             backend's own check proves anything: send the proof to your server and call \
             verifyProof there.",
        ));
    }
    let settings = proof_options::read(&options.js_value());
    let token = token.as_string();
    future_to_promise(async move {
        let settings = settings?;
        let token = token
            .ok_or_else(|| refuse(NativeProofError::Malformed("the token is not a string")))?;
        let verified = check(&token, &settings).await?;
        verified
            .into_ts()
            .map(Into::into)
            .map_err(|e| JsError::from(e).into())
    })
}

async fn check(token: &str, settings: &Settings) -> Result<VerifiedProof, JsValue> {
    let parsed = native::parse(token).map_err(refuse)?;
    let key = settings.keys.find(&parsed.kid).map_err(refuse)?;
    let import_failed = |cause| {
        proof_error(
            &NativeProofError::InvalidKey(
                "WebCrypto could not import it as an Ed25519 key (Ed25519 needs Node >= 20, workerd, \
                 Chrome 137+, Firefox 129+ or Safari 17+)",
            ),
            &cause,
        )
    };
    let x = native::base64url_encode(&key.x);
    let crypto_key = JsFuture::from(import_public_key(&x).map_err(import_failed)?)
        .await
        .map_err(import_failed)?;
    let signature = Uint8Array::from(&parsed.signature[..]);
    let data = Uint8Array::from(parsed.signing_input.as_bytes());
    let bad_signature = |cause| proof_error(&NativeProofError::BadSignature, &cause);
    let good =
        JsFuture::from(verify_signature(&crypto_key, &signature, &data).map_err(bad_signature)?)
            .await
            .map_err(bad_signature)?;
    if good.as_bool() != Some(true) {
        return Err(refuse(NativeProofError::BadSignature));
    }
    let claims = parsed.claims().map_err(refuse)?;
    let now = (js_sys::Date::now() / 1000.0) as u64;
    native::check_claims(&claims, &settings.expect, now).map_err(refuse)?;
    let audience = claims
        .aud
        .iter()
        .find(|aud| settings.expect.audience.contains(aud))
        .cloned()
        .unwrap_or_default();
    Ok(VerifiedProof {
        number: claims.sub,
        verified_at: claims.iat,
        expires_at: claims.exp,
        audience,
        issuer: claims.iss,
        id: claims.jti,
        nonce: claims.nonce,
    })
}

fn refuse(error: NativeProofError) -> JsValue {
    proof_error(&error, &JsValue::UNDEFINED)
}
