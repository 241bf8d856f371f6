// verifyProof (the release package, pkg/) against npm `jose`, an
// independent JOSE implementation: tokens jose signs the worker's way
// (EdDSA, header {alg, typ, kid}, the worker's claims) are accepted, jose
// accepts the same tokens with the same key set, and both agree on the RFC
// 7638 thumbprint that names keys. Needs `bash scripts/build` first.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import * as jose from 'jose';

const pkg = new URL('../../pkg/', import.meta.url);
const glue = await import(new URL('verify8x8.js', pkg));
glue.initSync({ module: await readFile(new URL('verify8x8_bg.wasm', pkg)) });
const { verifyProof, ProofError, VerifyError, ValidationError } = glue;

const AUDIENCE = 'https://app.example.com';
const ISSUER = 'https://verify.example.com';
const NONCE = 'n-0S6_WzA2Mj';

// RFC 8037 Appendix A.1 and A.3 (the same vector as src/proof/tests/jwk.rs).
const RFC_PUBLIC = { kty: 'OKP', crv: 'Ed25519', x: '11qYAYKxCrfVS_7TyWQHOg7hcvPapiMlrwIaaPcHURo' };
const RFC_THUMBPRINT = 'kPrK_qmxVWaYVA9wwBF6Iuo3vVzz7TxHCTwXBygrS4k';

/**
 * A key pair as the worker holds it (made as scripts/keys.mjs makes it:
 * WebCrypto, kid = RFC 7638 thumbprint), read by jose.
 */
async function workerKey() {
  const pair = await crypto.subtle.generateKey({ name: 'Ed25519' }, true, ['sign', 'verify']);
  const { kty, crv, x, d } = await crypto.subtle.exportKey('jwk', pair.privateKey);
  const jwk = { kty, crv, x, d, kid: await jose.calculateJwkThumbprint({ kty, crv, x }, 'sha256') };
  const privateKey = await jose.importJWK(jwk, 'EdDSA');
  const { d: _, ...publicJwk } = jwk;
  const jwks = { keys: [{ ...publicJwk, alg: 'EdDSA', use: 'sig' }] };
  return { kid: jwk.kid, privateKey, publicJwk, jwks };
}

/** A proof signed by jose with the worker's header and claims. */
function proof(key, { header = {}, claims = {}, iat = Math.floor(Date.now() / 1000), ttl = 300 } = {}) {
  const payload = {
    iss: ISSUER,
    sub: '+6587654321',
    aud: AUDIENCE,
    jti: crypto.randomUUID(),
    iat,
    exp: iat + ttl,
    nonce: NONCE,
    ...claims,
  };
  return new jose.SignJWT(payload)
    .setProtectedHeader({ alg: 'EdDSA', typ: 'JWT', kid: key.kid, ...header })
    .sign(key.privateKey);
}

async function refusal(promise) {
  const error = await promise.then(
    () => assert.fail('accepted'),
    (e) => e,
  );
  assert.ok(error instanceof ProofError, `${error}`);
  assert.ok(error instanceof VerifyError);
  assert.equal(error.name, 'ProofError');
  return error.code;
}

test("thumbprints: jose gives RFC 8037's, the one the core's native test checks", async () => {
  assert.equal(await jose.calculateJwkThumbprint(RFC_PUBLIC, 'sha256'), RFC_THUMBPRINT);
  // Members jose ignores (kid, alg, use) do not change it.
  const listed = { ...RFC_PUBLIC, kid: 'k1', alg: 'EdDSA', use: 'sig' };
  assert.equal(await jose.calculateJwkThumbprint(listed, 'sha256'), RFC_THUMBPRINT);
});

test('a jose-signed proof is accepted by verifyProof with the JWKS, and by jose', async (t) => {
  const key = await workerKey();
  const token = await proof(key);
  const warn = t.mock.method(console, 'warn');
  const verified = await verifyProof(token, { jwks: key.jwks, audience: AUDIENCE, issuer: ISSUER, nonce: NONCE, maxAge: 60 });
  assert.equal(warn.mock.callCount(), 0, 'no web-page warning on a server');
  const { payload } = await jose.jwtVerify(token, jose.createLocalJWKSet(key.jwks), {
    audience: AUDIENCE,
    issuer: ISSUER,
    algorithms: ['EdDSA'],
  });
  assert.deepEqual(verified, {
    number: payload.sub,
    verifiedAt: payload.iat,
    expiresAt: payload.exp,
    audience: AUDIENCE,
    issuer: ISSUER,
    id: payload.jti,
    nonce: NONCE,
  });
  // One public key, with or without its kid.
  assert.equal((await verifyProof(token, { publicKey: key.publicJwk, audience: AUDIENCE })).number, '+6587654321');
  const { kid: _, ...bare } = key.publicJwk;
  assert.equal((await verifyProof(token, { publicKey: bare, audience: [AUDIENCE] })).number, '+6587654321');
});

test('what jose exports as a public JWK is a usable publicKey', async () => {
  const { publicKey, privateKey } = await jose.generateKeyPair('EdDSA', { crv: 'Ed25519' });
  const publicJwk = await jose.exportJWK(publicKey);
  const kid = await jose.calculateJwkThumbprint(publicJwk, 'sha256');
  const token = await proof({ kid, privateKey });
  const jwks = { keys: [{ ...publicJwk, kid }] };
  assert.equal((await verifyProof(token, { jwks, audience: AUDIENCE })).number, '+6587654321');
});

test('jose-made tokens are refused for the right reason', async () => {
  const key = await workerKey();
  const options = { jwks: key.jwks, audience: AUDIENCE, nonce: NONCE };
  assert.equal(await refusal(verifyProof(await proof(key, { claims: { aud: 'https://evil.example.com' } }), options)), 'wrong_audience');
  assert.equal(await refusal(verifyProof(await proof(key, { claims: { nonce: 'another' } }), options)), 'wrong_nonce');
  const old = Math.floor(Date.now() / 1000) - 1000;
  assert.equal(await refusal(verifyProof(await proof(key, { iat: old }), options)), 'expired');
  assert.equal(await refusal(verifyProof(await proof(key, { iat: old, ttl: 2000 }), { ...options, maxAge: 300 })), 'too_old');
  const other = await workerKey();
  assert.equal(await refusal(verifyProof(await proof({ ...other, kid: key.kid }), options)), 'bad_signature');
  assert.equal(await refusal(verifyProof(await proof(other), options)), 'unknown_key');
  assert.equal(await refusal(verifyProof(await proof(key, { header: { kid: undefined } }), options)), 'malformed');

  // alg "none".
  const unsecured = new jose.UnsecuredJWT({ sub: '+6587654321', aud: AUDIENCE, nonce: NONCE }).setIssuer(ISSUER).encode();
  assert.equal(await refusal(verifyProof(unsecured, options)), 'unsupported_algorithm');
  // HS256 keyed by the public key (its JWK text, its x, its bytes): key confusion.
  const secrets = [
    new TextEncoder().encode(JSON.stringify(key.publicJwk)),
    new TextEncoder().encode(key.publicJwk.x),
    Buffer.from(key.publicJwk.x, 'base64url'),
  ];
  for (const secret of secrets) {
    const hs256 = await new jose.SignJWT({ nonce: NONCE })
      .setProtectedHeader({ alg: 'HS256', typ: 'JWT', kid: key.kid })
      .setSubject('+6587654321')
      .setAudience(AUDIENCE)
      .setIssuer(ISSUER)
      .setJti('x')
      .setIssuedAt()
      .setExpirationTime('5m')
      .sign(secret);
    assert.equal(await refusal(verifyProof(hs256, options)), 'unsupported_algorithm');
  }
  // Another algorithm, properly signed.
  const p256 = await jose.generateKeyPair('ES256');
  const es256 = await new jose.SignJWT({}).setProtectedHeader({ alg: 'ES256', kid: key.kid }).sign(p256.privateKey);
  assert.equal(await refusal(verifyProof(es256, options)), 'unsupported_algorithm');
});

test('every altered character of a jose-signed proof is refused', async () => {
  const key = await workerKey();
  const token = await proof(key);
  const options = { jwks: key.jwks, audience: AUDIENCE };
  for (let i = 0; i < token.length; i++) {
    const altered = token.slice(0, i) + (token[i] === 'A' ? 'B' : 'A') + token.slice(i + 1);
    const code = await refusal(verifyProof(altered, options));
    assert.ok(['malformed', 'bad_signature', 'unsupported_algorithm', 'unknown_key'].includes(code), `byte ${i}: ${code}`);
  }
});

test('bad options are ValidationErrors naming the option; keys are checked', async () => {
  const key = await workerKey();
  const token = await proof(key);
  const invalid = async (options, path) => {
    const error = await verifyProof(token, options).then(() => assert.fail('accepted'), (e) => e);
    assert.ok(error instanceof ValidationError, `${error}`);
    assert.equal(error.violations[0].path, path);
  };
  await invalid({ audience: AUDIENCE }, 'jwks');
  await invalid({ jwks: key.jwks }, 'audience');
  await invalid({ jwks: key.jwks, publicKey: key.publicJwk, audience: AUDIENCE }, 'jwks');
  await invalid({ jwks: key.jwks, audience: AUDIENCE, clockTolerance: 1e9 }, 'clockTolerance');
  await invalid({ jwks: key.jwks, audiences: AUDIENCE }, 'audiences');
  const privateJwk = await jose.exportJWK((await jose.generateKeyPair('EdDSA', { extractable: true })).privateKey);
  assert.equal(await refusal(verifyProof(token, { publicKey: privateJwk, audience: AUDIENCE })), 'invalid_key');
  // The options are checked before the token.
  await invalid({ jwks: key.jwks }, 'audience');
});
