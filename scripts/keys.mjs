#!/usr/bin/env node
// Local secrets of the edge worker: an Ed25519 private JWK that signs proofs
// (PROOF_SIGNING_KEY, its kid the RFC 7638 thumbprint) and a 32-byte random
// HANDLE_SECRET (base64url) that seals session handles. Made with WebCrypto,
// kept in target/dev-keys.json (mode 0600) and reused, so `npm start` and the
// test suites agree across runs.
//
//   node scripts/keys.mjs               make the file if missing; print nothing
//   node scripts/keys.mjs --print       ... and print the keys as JSON
//   node scripts/keys.mjs --fresh       replace them with new ones
//   node scripts/keys.mjs --path        print the file's path
//
// For production, make new ones and put them with wrangler:
//   node scripts/keys.mjs --fresh --print
//   npx wrangler secret put PROOF_SIGNING_KEY   # the "PROOF_SIGNING_KEY" value
//   npx wrangler secret put HANDLE_SECRET       # the "HANDLE_SECRET" value
import { createHash, webcrypto } from 'node:crypto';
import { chmodSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..');
const FILE = join(ROOT, 'target', 'dev-keys.json');
const { subtle } = webcrypto;

/** RFC 7638 thumbprint of an Ed25519 public key `x` (base64url). */
export function thumbprint(x) {
  const canonical = JSON.stringify({ crv: 'Ed25519', kty: 'OKP', x });
  return createHash('sha256').update(canonical).digest('base64url');
}

/** New secrets: { PROOF_SIGNING_KEY: <JWK JSON text>, HANDLE_SECRET }. */
export async function makeKeys() {
  const pair = await subtle.generateKey({ name: 'Ed25519' }, true, ['sign', 'verify']);
  const { kty, crv, x, d } = await subtle.exportKey('jwk', pair.privateKey);
  const jwk = { kty, crv, x, d, kid: thumbprint(x) };
  const handleSecret = Buffer.from(webcrypto.getRandomValues(new Uint8Array(32))).toString('base64url');
  return { PROOF_SIGNING_KEY: JSON.stringify(jwk), HANDLE_SECRET: handleSecret };
}

function usable(keys) {
  try {
    const jwk = JSON.parse(keys.PROOF_SIGNING_KEY);
    return jwk.kty === 'OKP' && jwk.crv === 'Ed25519' && typeof jwk.d === 'string'
      && typeof keys.HANDLE_SECRET === 'string' && keys.HANDLE_SECRET.length >= 43;
  } catch {
    return false;
  }
}

/** The development secrets: read from target/dev-keys.json, or made and written there. */
export async function devKeys({ fresh = false } = {}) {
  if (!fresh) {
    try {
      const keys = JSON.parse(readFileSync(FILE, 'utf8'));
      if (usable(keys)) return keys;
    } catch {
      // missing or unreadable: make new ones
    }
  }
  const keys = await makeKeys();
  mkdirSync(dirname(FILE), { recursive: true });
  writeFileSync(FILE, `${JSON.stringify(keys, null, 2)}\n`, { mode: 0o600 });
  chmodSync(FILE, 0o600);
  return keys;
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  const args = new Set(process.argv.slice(2));
  const known = new Set(['--print', '--fresh', '--path']);
  const unknown = [...args].filter((a) => !known.has(a));
  if (unknown.length) {
    console.error(`usage: node scripts/keys.mjs [--fresh] [--print] [--path] (unknown: ${unknown.join(' ')})`);
    process.exit(2);
  }
  const keys = await devKeys({ fresh: args.has('--fresh') });
  if (args.has('--path')) console.log(FILE);
  if (args.has('--print')) console.log(JSON.stringify(keys, null, 2));
}
