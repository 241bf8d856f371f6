#!/usr/bin/env node
// The edge worker's two secrets: HANDLE_SECRET (32 random bytes, base64url)
// and PROOF_SIGNING_KEY (an Ed25519 private JWK whose kid is its RFC 7638
// thumbprint). Made with WebCrypto; nothing is downloaded.
//
//   node scripts/keys.mjs --fresh --print   new secrets for production: give
//                                           each to `wrangler secret put NAME`
//   node scripts/keys.mjs --get NAME        the local development secret NAME,
//                                           made once into target/dev-keys.json
//   node scripts/keys.mjs --print           all local development secrets
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const file = join(dirname(fileURLToPath(import.meta.url)), '..', 'target', 'dev-keys.json');
const args = process.argv.slice(2);

/** New secrets: the two variables and the public key set. */
export async function makeKeys() {
  const { privateKey } = await crypto.subtle.generateKey({ name: 'Ed25519' }, true, ['sign', 'verify']);
  const { kty, crv, x, d } = await crypto.subtle.exportKey('jwk', privateKey);
  const thumbprint = Buffer.from(await crypto.subtle.digest(
    'SHA-256', new TextEncoder().encode(JSON.stringify({ crv, kty, x })),
  )).toString('base64url');
  const jwk = { kty, crv, x, d, kid: thumbprint };
  return {
    HANDLE_SECRET: Buffer.from(crypto.getRandomValues(new Uint8Array(32))).toString('base64url'),
    PROOF_SIGNING_KEY: JSON.stringify(jwk),
    jwks: { keys: [{ kty, crv, x, kid: thumbprint, alg: 'EdDSA', use: 'sig' }] },
  };
}

async function devKeys() {
  try {
    return JSON.parse(await readFile(file, 'utf8'));
  } catch {
    const keys = await makeKeys();
    await mkdir(dirname(file), { recursive: true });
    await writeFile(file, JSON.stringify(keys, null, 2), { mode: 0o600 });
    return keys;
  }
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const keys = args.includes('--fresh') ? await makeKeys() : await devKeys();
  const get = args.indexOf('--get');
  if (get >= 0) {
    const name = args[get + 1];
    if (!(name in keys) || name === 'jwks') {
      console.error(`keys: no secret named ${name}; the secrets are HANDLE_SECRET and PROOF_SIGNING_KEY`);
      process.exit(2);
    }
    process.stdout.write(keys[name]);
  } else if (args.includes('--print')) {
    console.log(JSON.stringify(keys, null, 2));
  }
}
