// Ed25519 signature checks through the platform's WebCrypto (workerd,
// Node >= 20, Chrome, Firefox, Safari 17+), for verifyProof
// (src/js/proof.rs). The package carries no Ed25519 code of its own.

// Imports the public key `x` (32 bytes, base64url) for checking only.
export function importEd25519PublicKey(x) {
  const jwk = { kty: 'OKP', crv: 'Ed25519', x };
  return globalThis.crypto.subtle.importKey('jwk', jwk, { name: 'Ed25519' }, false, ['verify']);
}

// Whether `signature` (Uint8Array, 64 bytes) is `key`'s over `data`
// (Uint8Array).
export function verifyEd25519(key, signature, data) {
  return globalThis.crypto.subtle.verify({ name: 'Ed25519' }, key, signature, data);
}
