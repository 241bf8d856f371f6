//! `verifyProof` through the JavaScript boundary, with real Ed25519
//! signatures: the tests sign with the runtime's WebCrypto, as the edge
//! worker does, over the core's signing input.

// Test code: a failed unwrap is a failed test.
#![allow(clippy::unwrap_used)]

use js_sys::{Promise, Reflect, Uint8Array};
use tsify::Ts;
use wasm_bindgen::prelude::*;
use wasm_bindgen_futures::JsFuture;
use wasm_bindgen_test::wasm_bindgen_test;

use verify8x8::js_exports as js;
use verify8x8::proof::{assemble, base64url_encode, signing_input, Claims, PrivateJwk, PublicJwk};

#[wasm_bindgen(inline_js = r#"
export async function generateEd25519() {
  const pair = await crypto.subtle.generateKey({ name: 'Ed25519' }, true, ['sign', 'verify']);
  return JSON.stringify(await crypto.subtle.exportKey('jwk', pair.privateKey));
}
export async function signEd25519(privateJwk, data) {
  const key = await crypto.subtle.importKey('jwk', JSON.parse(privateJwk), { name: 'Ed25519' }, false, ['sign']);
  return new Uint8Array(await crypto.subtle.sign({ name: 'Ed25519' }, key, new TextEncoder().encode(data)));
}
export async function signHs256(secret, data) {
  const key = await crypto.subtle.importKey('raw', secret, { name: 'HMAC', hash: 'SHA-256' }, false, ['sign']);
  return new Uint8Array(await crypto.subtle.sign('HMAC', key, new TextEncoder().encode(data)));
}
"#)]
extern "C" {
    #[wasm_bindgen(js_name = generateEd25519)]
    fn generate_ed25519() -> Promise;
    #[wasm_bindgen(js_name = signEd25519)]
    fn sign_ed25519(private_jwk: &str, data: &str) -> Promise;
    #[wasm_bindgen(js_name = signHs256)]
    fn sign_hs256(secret: &Uint8Array, data: &str) -> Promise;
}

const AUDIENCE: &str = "https://app.example.com";
const ISSUER: &str = "https://verify.example.com";
const NONCE: &str = "n-0S6_WzA2Mj";

fn now() -> u64 {
    (js_sys::Date::now() / 1000.0) as u64
}

fn get(value: &JsValue, name: &str) -> JsValue {
    Reflect::get(value, &JsValue::from_str(name)).unwrap()
}

/// A fresh key pair made by the runtime's WebCrypto.
async fn new_key() -> PrivateJwk {
    let json = JsFuture::from(generate_ed25519()).await.unwrap();
    PrivateJwk::from_json(&json.as_string().unwrap()).unwrap()
}

fn claims() -> Claims {
    Claims {
        iss: ISSUER.into(),
        sub: "+6587654321".into(),
        aud: vec![AUDIENCE.into()],
        jti: "bm9uY2UtaWQtMQ".into(),
        iat: now(),
        exp: now() + 300,
        nonce: Some(NONCE.into()),
    }
}

/// Signs `claims` the worker's way: WebCrypto over the core's signing input.
async fn sign(key: &PrivateJwk, claims: &Claims) -> String {
    let input = signing_input(&key.kid_or_thumbprint(), claims);
    let signature = JsFuture::from(sign_ed25519(&key.to_webcrypto_json(), &input))
        .await
        .unwrap();
    assemble(&input, &Uint8Array::new(&signature).to_vec())
}

/// `{ jwks: { keys: [public of key] }, audience, nonce, … }` plus `extra`.
fn options(key: &PrivateJwk, extra: &str) -> JsValue {
    let entry = verify8x8::json::to_string(&key.public().to_value());
    let source = format!(
        r#"{{"jwks":{{"keys":[{entry}]}},"audience":"{AUDIENCE}","issuer":"{ISSUER}","nonce":"{NONCE}"{extra}}}"#
    );
    js_sys::JSON::parse(&source).unwrap()
}

async fn verify(token: &str, options: JsValue) -> Result<JsValue, JsValue> {
    JsFuture::from(js::verify_proof(token.into(), Ts::new_unchecked(options))).await
}

/// The `code` of a refusal, checking it is a `ProofError` (a `VerifyError`).
async fn refusal(token: &str, options: JsValue) -> String {
    let error = verify(token, options).await.expect_err("refused");
    assert!(error.is_instance_of::<js::ProofError>(), "{error:?}");
    assert!(error.is_instance_of::<js::VerifyError>());
    assert_eq!(
        get(&error, "name").as_string().as_deref(),
        Some("ProofError")
    );
    get(&error, "code").as_string().unwrap()
}

#[wasm_bindgen_test]
async fn a_good_proof_gives_the_number_and_its_facts() {
    let key = new_key().await;
    let claims = claims();
    let verified = verify(&sign(&key, &claims).await, options(&key, ""))
        .await
        .expect("accepted");
    let text = |name| get(&verified, name).as_string();
    assert_eq!(text("number").as_deref(), Some("+6587654321"));
    assert_eq!(text("audience").as_deref(), Some(AUDIENCE));
    assert_eq!(text("issuer").as_deref(), Some(ISSUER));
    assert_eq!(text("id").as_deref(), Some("bm9uY2UtaWQtMQ"));
    assert_eq!(text("nonce").as_deref(), Some(NONCE));
    assert_eq!(
        get(&verified, "verifiedAt").as_f64(),
        Some(claims.iat as f64)
    );
    assert_eq!(
        get(&verified, "expiresAt").as_f64(),
        Some(claims.exp as f64)
    );
}

#[wasm_bindgen_test]
async fn one_public_key_works_with_or_without_kid() {
    let key = new_key().await;
    let token = sign(&key, &claims()).await;
    let bare = PublicJwk {
        kid: None,
        ..key.public()
    };
    let jwk = |kid: &str| {
        format!(
            r#"{{"kty":"OKP","crv":"Ed25519","x":"{}"{kid}}}"#,
            base64url_encode(&bare.x)
        )
    };
    let with = |jwk: String| {
        js_sys::JSON::parse(&format!(
            r#"{{"publicKey":{jwk},"audience":["https://x.example.com","{AUDIENCE}"]}}"#
        ))
        .unwrap()
    };
    assert!(verify(&token, with(jwk(""))).await.is_ok());
    let kid = format!(r#","kid":"{}""#, key.kid_or_thumbprint());
    assert!(verify(&token, with(jwk(&kid))).await.is_ok());
    assert_eq!(
        refusal(&token, with(jwk(r#","kid":"another""#))).await,
        "unknown_key"
    );
}

#[wasm_bindgen_test]
async fn claims_are_checked() {
    let key = new_key().await;
    let token = sign(&key, &claims()).await;
    let audience = options(&key, "");
    Reflect::set(
        &audience,
        &"audience".into(),
        &"https://evil.example.com".into(),
    )
    .unwrap();
    assert_eq!(refusal(&token, audience).await, "wrong_audience");
    let nonce = options(&key, "");
    Reflect::set(&nonce, &"nonce".into(), &"another-attempt".into()).unwrap();
    assert_eq!(refusal(&token, nonce).await, "wrong_nonce");
    let issuer = options(&key, "");
    Reflect::set(
        &issuer,
        &"issuer".into(),
        &"https://evil.example.com".into(),
    )
    .unwrap();
    assert_eq!(refusal(&token, issuer).await, "wrong_issuer");

    let expired = Claims {
        iat: now() - 700,
        exp: now() - 400,
        ..claims()
    };
    let token = sign(&key, &expired).await;
    assert_eq!(refusal(&token, options(&key, "")).await, "expired");
    // A tolerance of 300 s does not cover 400 s.
    let tolerant = options(&key, r#","clockTolerance":300"#);
    assert_eq!(refusal(&token, tolerant).await, "expired");

    let old = Claims {
        iat: now() - 120,
        ..claims()
    };
    let token = sign(&key, &old).await;
    assert!(verify(&token, options(&key, r#","maxAge":180"#))
        .await
        .is_ok());
    assert_eq!(
        refusal(&token, options(&key, r#","maxAge":60"#)).await,
        "too_old"
    );

    let future = Claims {
        iat: now() + 120,
        exp: now() + 420,
        ..claims()
    };
    let token = sign(&key, &future).await;
    assert_eq!(refusal(&token, options(&key, "")).await, "not_yet_valid");
}

#[wasm_bindgen_test]
async fn another_key_or_an_unknown_kid_is_refused() {
    let key = new_key().await;
    let other = new_key().await;
    // Signed by `other` but naming `key`'s kid.
    let input = signing_input(&key.kid_or_thumbprint(), &claims());
    let signature = JsFuture::from(sign_ed25519(&other.to_webcrypto_json(), &input))
        .await
        .unwrap();
    let forged = assemble(&input, &Uint8Array::new(&signature).to_vec());
    assert_eq!(refusal(&forged, options(&key, "")).await, "bad_signature");
    // Signed by `other` under its own kid: not in the set.
    let token = sign(&other, &claims()).await;
    assert_eq!(refusal(&token, options(&key, "")).await, "unknown_key");
}

#[wasm_bindgen_test]
async fn alg_none_and_hs256_key_confusion_are_refused() {
    let key = new_key().await;
    let kid = key.kid_or_thumbprint();
    let payload = base64url_encode(claims().to_json().as_bytes());
    let header = |alg: &str| {
        base64url_encode(format!(r#"{{"alg":"{alg}","typ":"JWT","kid":"{kid}"}}"#).as_bytes())
    };
    let none = format!("{}.{payload}.", header("none"));
    assert_eq!(
        refusal(&none, options(&key, "")).await,
        "unsupported_algorithm"
    );
    // The classic confusion: HS256 keyed by what the verifier holds as the
    // public key (its bytes, its JWK text, its x text).
    let input = format!("{}.{payload}", header("HS256"));
    let public_text = verify8x8::json::to_string(&key.public().to_value());
    let x_text = base64url_encode(&key.x);
    for secret in [&key.x[..], public_text.as_bytes(), x_text.as_bytes()] {
        let tag = JsFuture::from(sign_hs256(&Uint8Array::from(secret), &input))
            .await
            .unwrap();
        let forged = assemble(&input, &Uint8Array::new(&tag).to_vec());
        assert_eq!(
            refusal(&forged, options(&key, "")).await,
            "unsupported_algorithm"
        );
    }
    // Even when the header says EdDSA, a 32-byte MAC is no signature.
    let input = signing_input(&kid, &claims());
    let tag = JsFuture::from(sign_hs256(&Uint8Array::from(&key.x[..]), &input))
        .await
        .unwrap();
    let forged = assemble(&input, &Uint8Array::new(&tag).to_vec());
    assert_eq!(refusal(&forged, options(&key, "")).await, "malformed");
}

#[wasm_bindgen_test]
async fn every_altered_character_is_refused() {
    let key = new_key().await;
    let token = sign(&key, &claims()).await;
    for i in 0..token.len() {
        let mut bytes = token.clone().into_bytes();
        bytes[i] = if bytes[i] == b'A' { b'B' } else { b'A' };
        let altered = String::from_utf8(bytes).unwrap();
        let code = refusal(&altered, options(&key, "")).await;
        assert!(
            [
                "malformed",
                "bad_signature",
                "unsupported_algorithm",
                "unknown_key"
            ]
            .contains(&code.as_str()),
            "byte {i}: {code}"
        );
    }
    assert!(verify(&token, options(&key, "")).await.is_ok());
}

#[wasm_bindgen_test]
async fn bad_options_are_validation_errors_naming_the_option() {
    let key = new_key().await;
    let token = sign(&key, &claims()).await;
    let entry = verify8x8::json::to_string(&key.public().to_value());
    let cases = [
        ("{}".to_owned(), "jwks"),
        (format!(r#"{{"jwks":{{"keys":[{entry}]}}}}"#), "audience"),
        (
            format!(r#"{{"jwks":{{"keys":[{entry}]}},"publicKey":{entry},"audience":"a"}}"#),
            "jwks",
        ),
        (
            format!(r#"{{"jwks":{{"keys":[{entry}]}},"audience":[]}}"#),
            "audience",
        ),
        (
            format!(r#"{{"jwks":{{"keys":[{entry}]}},"audience":"a","maxAge":-1}}"#),
            "maxAge",
        ),
        (
            format!(r#"{{"jwks":{{"keys":[{entry}]}},"audience":"a","clockTolerance":301}}"#),
            "clockTolerance",
        ),
        (
            format!(r#"{{"jwks":{{"keys":[{entry}]}},"audience":"a","nonce":7}}"#),
            "nonce",
        ),
        (
            format!(r#"{{"jwks":{{"keys":[{entry}]}},"audience":"a","audiense":"a"}}"#),
            "audiense",
        ),
    ];
    for (source, path) in cases {
        let error = verify(&token, js_sys::JSON::parse(&source).unwrap())
            .await
            .expect_err(&source);
        assert!(error.is_instance_of::<js::ValidationError>(), "{source}");
        let first = get(&get(&error, "violations"), "0");
        assert_eq!(
            get(&first, "path").as_string().as_deref(),
            Some(path),
            "{source}"
        );
    }
    // A private key where a public one is expected: invalid_key.
    let private = js_sys::JSON::parse(&format!(
        r#"{{"publicKey":{},"audience":"a"}}"#,
        key.to_webcrypto_json()
    ))
    .unwrap();
    assert_eq!(refusal(&token, private).await, "invalid_key");
    // A token that is not a string is malformed.
    let error = JsFuture::from(js::verify_proof(
        JsValue::from_f64(7.0),
        Ts::new_unchecked(options(&key, "")),
    ))
    .await
    .expect_err("refused");
    assert_eq!(
        get(&error, "code").as_string().as_deref(),
        Some("malformed")
    );
}
