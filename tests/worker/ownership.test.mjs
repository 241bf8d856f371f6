// A proof from the worker means "this person owns this number": tried as an
// attacker would, with the emulator's outbox as the witness of what was
// really sent. Two starters of one number, bursts, proofs only in the
// verifying check's answer, codes never in URLs, the fields a page may not
// choose, the number types nobody should pay for, bodies that never end, and
// proofs that a backend checks with `jose` or `verifyProof` and nothing else
// than the public key set.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { createServer, request } from 'node:http';
import { readFile } from 'node:fs/promises';

import * as jose from 'jose';

import { caller } from '../support/http.mjs';
import { DEFENCES_OFF, root, startEmulator, startWorker } from '../support/servers.mjs';

const API_KEY = 'sk-edge-only-5d1e7f3a9c2b4d6e';
const AUDIENCE = 'https://app.example';

let emulator;
let worker;

const glue = await import(new URL('pkg/verify8x8.js', `file://${root}`));
glue.initSync({ module: await readFile(new URL('pkg/verify8x8_bg.wasm', `file://${root}`)) });

before(async () => {
  emulator = await startEmulator({ apiKey: API_KEY });
  worker = await startWorker({
    emulatorUrl: emulator.url,
    name: 'worker-ownership',
    vars: {
      VERIFY_API_KEY: API_KEY,
      ALLOWED_COUNTRIES: '*',
      CHANNELS: 'sms,call,whatsapp,viber,sma',
      WHATSAPP_TEMPLATES: 'otp',
      PROOF_AUDIENCE: AUDIENCE,
      RESENDING_INTERVAL: '10',
      // The limits have their own suite (worker.test.mjs): here they stay out of the way.
      LIMIT_IP: '1000/1h',
      LIMIT_PREFIX: '1000/1h',
      ...DEFENCES_OFF,
    },
  });
});

after(async () => {
  await worker?.stop();
  await emulator?.stop();
});

const call = caller(() => worker.url);

const start = (destination, { body = {}, ...options } = {}) =>
  call('/api/verify/sessions', { method: 'POST', body: { destination, ...body }, ...options });
const check = (handle, code, options = {}) =>
  call(`/api/verify/sessions/${handle}/check`, { method: 'POST', body: code === undefined ? {} : { code }, ...options });
const messages = (destination) => emulator.outbox({ destination });
const emulatorCalls = () => emulator.log().split('\n').filter((l) => l.includes('/api/v2/')).length;
const wrong = (code) => (code === '000000' ? '111111' : '000000');
const jwks = async () => (await call('/.well-known/jwks.json')).json;

describe('one owner per pending session', () => {
  test('a second starter of the number gets 409, no handle, and nothing is sent', async () => {
    const number = '+6581230001';
    const victim = await start(number, { ip: '198.51.100.10' });
    assert.equal(victim.status, 200, victim.text);
    const attacker = await start(number, { ip: '203.0.113.66' });
    assert.equal(attacker.status, 409, attacker.text);
    assert.equal(attacker.json.sessionId, undefined, 'no handle for the second starter');
    assert.ok(Number(attacker.headers.get('retry-after')) > 0);
    assert.ok(Date.parse(attacker.json.expiresAt) > Date.now(), attacker.text);
    assert.equal((await messages(number)).length, 1, 'the second start sent nothing');

    // The phone's holder verifies, and alone receives a proof.
    const [message] = await messages(number);
    const verified = await check(victim.json.sessionId, message.code, { ip: '198.51.100.10' });
    assert.equal(verified.json.status, 'VERIFIED', verified.text);
    assert.ok(verified.json.proof);
    // Once verified, the number is free for a new verification.
    assert.equal((await start(number, { ip: '203.0.113.66' })).status, 200);
  });

  test('a concurrent burst of 20 starters: exactly one handle; only the code\'s holder verifies', async () => {
    const number = '+6581230002';
    const answers = await Promise.all(Array.from({ length: 20 }, (_, i) => start(number, { ip: `198.18.7.${i}` })));
    const owners = answers.filter((a) => a.status === 200);
    assert.equal(owners.length, 1, answers.map((a) => a.status).join(' '));
    assert.ok(answers.filter((a) => a.status !== 200).every((a) => a.status === 409), answers.map((a) => a.text).join('\n'));
    assert.equal((await messages(number)).length, 1);
    const [message] = await messages(number);
    const verified = await check(owners[0].json.sessionId, message.code);
    assert.equal(verified.json.status, 'VERIFIED');
    assert.ok(verified.json.proof);
  });

  test('the proof comes once, in the verifying check\'s answer; never on a read, never again', async () => {
    const number = '+6581230003';
    const started = await start(number);
    const handle = started.json.sessionId;
    const [message] = await messages(number);
    const miss = await check(handle, wrong(message.code));
    assert.equal(miss.json.status, 'WAITING');
    assert.equal(miss.json.attempt, 1);
    assert.equal(miss.json.proof, undefined);
    const hit = await check(handle, message.code);
    assert.equal(hit.json.status, 'VERIFIED');
    assert.equal(typeof hit.json.proof, 'string');
    const again = await check(handle, message.code);
    assert.equal(again.status, 404, again.text);
    assert.equal(again.json.proof, undefined);
    const read = await call(`/api/verify/sessions/${handle}`);
    assert.equal(read.json.status, 'VERIFIED');
    assert.equal(read.json.proof, undefined, 'a status read never carries a proof');
    assert.ok(!read.text.includes('proof'));
  });

  test('a code in the status route\'s URL is refused and checks nothing', async () => {
    const number = '+6581230004';
    const started = await start(number);
    const [message] = await messages(number);
    const leaked = await call(`/api/verify/sessions/${started.json.sessionId}?code=${message.code}`);
    assert.equal(leaked.status, 400, leaked.text);
    assert.equal(leaked.json.violations[0].path, 'code');
    const read = await call(`/api/verify/sessions/${started.json.sessionId}`);
    assert.equal(read.json.status, 'WAITING', 'nothing was checked');
    assert.equal(read.json.attempt, 0);
    // And a check by GET does not exist.
    const get = await call(`/api/verify/sessions/${started.json.sessionId}/check`);
    assert.equal(get.status, 405);
  });

  test('failed checks are capped per number across its sessions (10 a day)', async () => {
    const number = '+6581230005';
    let refused;
    for (let session = 0; session < 3 && !refused; session++) {
      const started = await start(number, { ip: `198.51.100.${30 + session}` });
      assert.equal(started.status, 200, started.text);
      const [message] = await messages(number); // newest first
      for (let i = 0; i < 5; i++) {
        const r = await check(started.json.sessionId, wrong(message.code), { ip: `198.51.100.${30 + session}` });
        if (r.status === 429) { refused = r; break; }
        assert.equal(r.status, 200, r.text);
      }
    }
    assert.ok(refused, 'the 11th wrong code was refused');
    assert.equal(refused.json.limit, 'destination_failures');
  });

  test('a resend: 8x8 refuses it too soon; later the same code comes again, with a new handle', async () => {
    const number = '+6581230006';
    const started = await start(number);
    const early = await call(`/api/verify/sessions/${started.json.sessionId}/resend`, { method: 'POST', body: {} });
    assert.equal(early.status, 403, early.text);
    assert.equal(early.json.code, 1400);
    assert.ok(Number(early.headers.get('retry-after')) > 0);
    await fetch(`${emulator.url}/_emulator/clock`, {
      method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ advanceSeconds: 11 }),
    });
    const again = await call(`/api/verify/sessions/${started.json.sessionId}/resend`, { method: 'POST', body: {} });
    assert.equal(again.status, 200, again.text);
    assert.equal(typeof again.json.sessionId, 'string', 'the handle to keep (its expiry moves with the code\'s)');
    const sent = await messages(number);
    assert.equal(sent.length, 2);
    assert.equal(sent[1].code, sent[0].code, 'the same code again');
    const verified = await check(again.json.sessionId, sent[1].code);
    assert.equal(verified.json.status, 'VERIFIED');
  });
});

describe('the page chooses only the number, its country, a channel, the language and a nonce', () => {
  const fields = {
    codeLength: 3,
    codeValidity: 7200,
    codeType: 'ALPHANUMERIC',
    template: 'Your bank needs you to confirm: {code}',
    brand: 'Bank',
    templateKey: 'phish',
    resetSession: true,
    resendingInterval: 10,
    callbackUrl: 'https://evil.example/hook',
    clientIp: '6.6.6.6',
    sms: { source: 'BANK' },
    call: { speed: 2 },
  };
  for (const [name, value] of Object.entries(fields)) {
    test(`${name} is refused by name, and nothing is sent`, async () => {
      const before = emulatorCalls();
      const r = await start('+6581230100', { body: { [name]: value } });
      assert.equal(r.status, 400, r.text);
      assert.deepEqual(r.json.violations.map((v) => [v.path, v.code]), [[name, 'server_controlled']]);
      assert.equal(emulatorCalls(), before);
    });
  }

  test('what is sent is what the operator chose: a 6-digit numeric code valid 300 s', async () => {
    const r = await start('+6581230101');
    assert.equal(r.status, 200, r.text);
    const [message] = await messages('+6581230101');
    assert.match(message.code, /^\d{6}$/);
    const { now } = await (await fetch(`${emulator.url}/_emulator/clock`)).json();
    const seconds = (Date.parse(r.json.expiresAt) - Date.parse(now)) / 1000;
    assert.ok(seconds > 280 && seconds <= 301, `${seconds} s`);
  });

  test('a WhatsApp template outside the operator\'s list is refused', async () => {
    const r = await start('+6581230102', { body: { channel: 'whatsapp', whatsapp: { templateName: 'phish' } } });
    assert.equal(r.status, 400, r.text);
    assert.equal(r.json.violations[0].path, 'whatsapp.templateName');
  });
});

describe('numbers nobody should pay for are refused on every channel before any call to 8x8', () => {
  const costly = {
    '+448001234567': 'toll free',
    '+449012345678': 'premium rate',
    '+33821123456': 'shared cost',
    '+447012345678': 'personal number',
    '+447640123456': 'pager',
    '+445512345678': 'UAN',
    '+445612345678': 'VoIP',
  };
  for (const [number, kind] of Object.entries(costly)) {
    test(`${kind} (${number})`, async () => {
      const before = emulatorCalls();
      for (const channel of ['sms', 'call', 'whatsapp', 'viber', 'sma']) {
        const body = { channel, ...(channel === 'whatsapp' ? { whatsapp: { templateName: 'otp' } } : {}) };
        const r = await start(number, { body, ip: '198.51.100.60' });
        assert.equal(r.status, 403, `${channel}: ${r.text}`);
        assert.ok(r.json.violations.some((v) => v.code === 'number_type_not_allowed'), `${channel}: ${r.text}`);
      }
      assert.equal(emulatorCalls(), before, 'nothing reached the emulator');
      assert.equal((await messages(number)).length, 0);
    });
  }

  test('a number of no region is counted under its calling code, not refused as "no country"', async () => {
    const r = await start('+882345678901', { body: { channel: 'call' }, ip: '198.51.100.61' });
    assert.notEqual(r.json?.violations?.[0]?.code, 'country_not_allowed', r.text);
  });
});

describe('bodies are capped while they arrive', () => {
  test('a 20 KB chunked body (no Content-Length) gets 413, and the worker answers the next request', async () => {
    const url = new URL('/api/verify/sessions', worker.url);
    const status = await new Promise((resolve, reject) => {
      const req = request(url, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json', 'Transfer-Encoding': 'chunked', 'CF-Connecting-IP': '198.51.100.70' },
      }, (res) => { res.resume(); resolve(res.statusCode); });
      req.on('error', reject);
      req.write('{"destination":"+6581230200","brand":"');
      for (let i = 0; i < 20; i++) req.write('x'.repeat(1024));
      req.end('"}');
    });
    assert.equal(status, 413);
    assert.equal((await call('/api/verify/nope')).status, 404);
  });
});

describe('the key never follows a redirect', () => {
  test('an upstream that redirects gets nothing: 502, and the redirect target sees no request', async () => {
    let redirected = 0;
    const target = createServer((req, res) => { redirected += 1; res.end('{}'); });
    const redirector = createServer((req, res) => {
      res.writeHead(307, { Location: `http://127.0.0.1:${target.address().port}${req.url}` }).end();
    });
    await Promise.all([target, redirector].map((s) => new Promise((r) => s.listen(0, '127.0.0.1', r))));
    const misled = await startWorker({
      emulatorUrl: `http://127.0.0.1:${redirector.address().port}`,
      name: 'worker-redirect',
      vars: { VERIFY_API_KEY: API_KEY, ALLOWED_COUNTRIES: '*' },
    });
    try {
      const r = await fetch(`${misled.url}/api/verify/sessions`, {
        method: 'POST', headers: { 'Content-Type': 'application/json' }, body: '{"destination":"+6581230400"}',
      });
      assert.equal(r.status, 502, await r.text());
      assert.equal(redirected, 0, 'the redirect was not followed');
    } finally {
      await misled.stop();
      target.close();
      redirector.close();
    }
  });
});

describe('proofs a backend checks with the public key set alone', () => {
  let proof;
  let handleNonce;
  before(async () => {
    const number = '+6581230300';
    handleNonce = 'login-7Hq2x9';
    const started = await start(number, { body: { nonce: handleNonce } });
    assert.equal(started.status, 200, started.text);
    const [message] = await messages(number);
    ({ proof } = (await check(started.json.sessionId, message.code)).json);
    assert.ok(proof);
  });

  test('the key set is public, cacheable, and has no private member', async () => {
    const r = await call('/.well-known/jwks.json', { headers: { Origin: 'https://anyone.example' } });
    assert.equal(r.status, 200);
    assert.match(r.headers.get('cache-control'), /max-age/);
    assert.equal(r.json.keys[0].kty, 'OKP');
    assert.equal(r.json.keys[0].alg, 'EdDSA');
    assert.ok(r.json.keys.every((k) => k.d === undefined));
    assert.deepEqual(r.json, worker.jwks);
  });

  test('jose accepts it: EdDSA, kid, iss, sub, aud, jti, iat, exp, nonce', async () => {
    const { payload, protectedHeader } = await jose.jwtVerify(proof, jose.createLocalJWKSet(await jwks()), {
      issuer: worker.url, audience: AUDIENCE, algorithms: ['EdDSA'],
    });
    assert.equal(protectedHeader.alg, 'EdDSA');
    assert.equal(protectedHeader.kid, worker.jwks.keys[0].kid);
    assert.equal(payload.sub, '+6581230300');
    assert.equal(payload.nonce, handleNonce);
    assert.equal(payload.exp - payload.iat, 300);
    assert.match(payload.jti, /^[0-9a-f-]{36}$/);
  });

  test('verifyProof accepts it with the key set, the audience and the nonce', async () => {
    const verified = await glue.verifyProof(proof, { jwks: await jwks(), audience: AUDIENCE, nonce: handleNonce, maxAge: 300 });
    assert.equal(verified.number, '+6581230300');
    assert.equal(verified.nonce, handleNonce);
  });

  test('verifyProof refuses what an attacker would try', async () => {
    const keys = await jwks();
    const refuses = async (token, options, code) => {
      await assert.rejects(glue.verifyProof(token, { jwks: keys, audience: AUDIENCE, ...options }), (e) => {
        assert.equal(e.code, code, `${e.code}: ${e.message}`);
        assert.equal(e.name, 'ProofError');
        return true;
      });
    };
    await refuses(proof, { audience: 'https://other.example' }, 'wrong_audience');
    await refuses(proof, { nonce: 'another-login' }, 'wrong_nonce');
    const [header, payload, signature] = proof.split('.');
    const none = `${Buffer.from('{"alg":"none","typ":"JWT"}').toString('base64url')}.${payload}.`;
    await refuses(none, {}, 'unsupported_algorithm');
    // HS256 keyed with the public key (the classic confusion attack).
    const publicJwk = keys.keys[0];
    const hs = await new jose.SignJWT(JSON.parse(Buffer.from(payload, 'base64url')))
      .setProtectedHeader({ alg: 'HS256', kid: publicJwk.kid })
      .sign(new TextEncoder().encode(JSON.stringify(publicJwk)));
    await refuses(hs, {}, 'unsupported_algorithm');
    // Another key (a different worker's set).
    const other = await jose.generateKeyPair('EdDSA', { extractable: true });
    const otherJwk = { ...(await jose.exportJWK(other.publicKey)), kid: publicJwk.kid };
    await assert.rejects(glue.verifyProof(proof, { jwks: { keys: [otherJwk] }, audience: AUDIENCE }), { code: 'bad_signature' });
    // Expired: signed by a key of ours, a minute past its exp.
    const expired = await new jose.SignJWT({ sub: '+6581230300', jti: 'x' })
      .setProtectedHeader({ alg: 'EdDSA', kid: 'k' })
      .setIssuer(worker.url).setAudience(AUDIENCE).setIssuedAt(Math.floor(Date.now() / 1000) - 400)
      .setExpirationTime(Math.floor(Date.now() / 1000) - 100)
      .sign(other.privateKey);
    await assert.rejects(
      glue.verifyProof(expired, { publicKey: await jose.exportJWK(other.publicKey), audience: AUDIENCE }),
      { code: 'expired' },
    );
    // Any altered byte of the signed parts or the signature.
    const signed = `${header}.${payload}`;
    for (let i = 0; i < proof.length; i += 1) {
      if (proof[i] === '.') continue;
      const altered = proof.slice(0, i) + (proof[i] === 'A' ? 'B' : 'A') + proof.slice(i + 1);
      await assert.rejects(glue.verifyProof(altered, { jwks: keys, audience: AUDIENCE }), `byte ${i} of ${signed.length}+${signature.length}`);
    }
  });
});
