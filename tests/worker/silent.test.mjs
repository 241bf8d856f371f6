// Issue 18 at the worker: the SMS text bound to the page's origin in the
// person's language, silent authentication checked with no code, its
// fallback to a code by the same owner, and the page's settings route; the
// emulator's outbox is the witness of what a phone receives.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';

import { caller } from '../support/http.mjs';
import { startEmulator, startWorker } from '../support/servers.mjs';

let emulator;
let worker;

before(async () => {
  emulator = await startEmulator({ name: 'emulator-silent' });
  worker = await startWorker({
    emulatorUrl: emulator.url,
    name: 'worker-silent',
    vars: {
      ALLOWED_COUNTRIES: '*',
      CHANNELS: 'sms,sma',
      BRAND: 'Acme',
      RESENDING_INTERVAL: '10',
      LIMIT_IP: '1000/1h',
    },
  });
});

after(async () => {
  await worker?.stop();
  await emulator?.stop();
});

const call = caller(() => worker.url, { ip: '198.51.100.9' });
const start = (body, ip) => call('/api/verify/sessions', { method: 'POST', body, ip });
const newest = async (destination) => (await emulator.outbox({ destination, limit: 1 }))[0];
const host = () => new URL(worker.url).host;

test('the SMS ends with the origin-bound line, in the page\'s language, with the brand', async () => {
  // English is 8x8's own default text, which ends without a full stop.
  for (const [language, wording, stop] of [['fr-FR', 'Votre code de vérification est', '.'], ['de-DE', 'Ihr Bestätigungscode lautet', '.'], [undefined, 'Your verification code is', '']]) {
    const destination = `+658123400${language ? language.charCodeAt(0) % 10 : 9}`;
    const started = await start({ destination, ...(language ? { language } : {}) });
    assert.equal(started.status, 200, started.text);
    const sms = await newest(destination);
    assert.equal(sms.text, `Acme: ${wording} ${sms.code}${stop}\n\n@${host()} #${sms.code}`);
  }
});

test('the page reads which channels it may offer and the code\'s shape', async () => {
  const settings = await call('/api/verify/config');
  assert.equal(settings.status, 200, settings.text);
  assert.deepEqual(settings.json, {
    channels: ['sms', 'sma'], whatsappTemplates: [], codeLength: 6, codeType: 'NUMERIC',
    codeValidity: 300, resendingInterval: 10, maxAttempts: 5, turnstileSiteKey: null,
  });
});

test('silent, covered: verified with no code sent; the proof only from a check with {}', async () => {
  const destination = '+6581234100';
  const gateway = '100.64.1.2'; // a mobile gateway of the emulator's defaults
  assert.equal((await call('/api/verify/coverage', { method: 'POST', body: { destination }, ip: gateway })).json.isAvailable, true);
  const started = await start({ destination, channel: 'sma' }, gateway);
  assert.equal(started.json.status, 'VERIFIED', started.text);
  const read = await call(`/api/verify/sessions/${started.json.sessionId}`, { ip: gateway });
  assert.equal(read.json.proof, undefined);
  const checked = await call(`/api/verify/sessions/${started.json.sessionId}/check`, { method: 'POST', body: {}, ip: gateway });
  assert.equal(checked.json.status, 'VERIFIED', checked.text);
  assert.match(checked.json.proof, /^ey/);
  assert.deepEqual((await emulator.outbox({ destination })).map((m) => [m.channel, m.code]), [['sma', null]]);
});

test('silent, not verified in time: the same owner falls back to a code by SMS', async () => {
  const destination = '+6581234101';
  const started = await start({ destination, channel: 'sma' });
  assert.equal(started.json.status, 'WAITING', started.text);
  const handle = started.json.sessionId;
  // Anyone else is still refused while the silent session waits.
  assert.equal((await start({ destination, channel: 'sms' }, '203.0.113.50')).status, 409);
  // Too early for 8x8: its resending interval.
  const early = await call(`/api/verify/sessions/${handle}/resend`, { method: 'POST', body: { channel: 'sms' } });
  assert.equal(early.status, 403, early.text);
  await fetch(`${emulator.url}/_emulator/clock`, { method: 'POST', body: JSON.stringify({ advanceSeconds: 11 }) });
  const fallback = await call(`/api/verify/sessions/${handle}/resend`, { method: 'POST', body: { channel: 'sms' } });
  assert.equal(fallback.status, 200, fallback.text);
  const sms = await newest(destination);
  assert.equal(sms.channel, 'sms');
  assert.match(sms.text, new RegExp(`\\n@${host().replace(/\./g, '\\.')} #${sms.code}$`));
  const checked = await call(`/api/verify/sessions/${fallback.json.sessionId}/check`, { method: 'POST', body: { code: sms.code } });
  assert.equal(checked.json.status, 'VERIFIED', checked.text);
  assert.match(checked.json.proof, /^ey/);
});

test('only a silent session changes channel on a resend, and only to a configured one', async () => {
  const destination = '+6581234102';
  const started = await start({ destination });
  const resend = (body) => call(`/api/verify/sessions/${started.json.sessionId}/resend`, { method: 'POST', body });
  const switched = await resend({ channel: 'sma' });
  assert.equal(switched.status, 400, switched.text);
  assert.equal(switched.json.violations[0].path, 'channel');
  const extra = await resend({ codeLength: 4 });
  assert.equal(extra.status, 400, extra.text);
  const silent = await start({ destination: '+6581234103', channel: 'sma' });
  const call_ = await call(`/api/verify/sessions/${silent.json.sessionId}/resend`, { method: 'POST', body: { channel: 'call' } });
  assert.equal(call_.status, 403, call_.text); // call is not in CHANNELS
  assert.equal((await emulator.outbox({ destination })).length, 1, 'nothing re-sent');
});

test('a silent session that ended unverified frees the number once its owner reads it; a new start goes through', async () => {
  const destination = '+6597654104'; // another prefix: the file's others used up LIMIT_PREFIX
  const started = await start({ destination, channel: 'sma' });
  assert.equal(started.json.status, 'WAITING', started.text);
  // Until the owner learns that 8x8 ended it, the number stays claimed.
  assert.equal((await start({ destination, channel: 'sms' })).status, 409);
  // 8x8 ends it (its clock passes the session's expiry)...
  await fetch(`${emulator.url}/_emulator/clock`, { method: 'POST', body: JSON.stringify({ advanceSeconds: 400 }) });
  // ...the owner's poll sees it...
  const read = await call(`/api/verify/sessions/${started.json.sessionId}`);
  assert.equal(read.json.status, 'EXPIRED', read.text);
  // ...and the number is free: a code by SMS, a new session, verified.
  const again = await start({ destination, channel: 'sms' });
  assert.equal(again.status, 200, again.text);
  const sms = await newest(destination);
  assert.equal(sms.channel, 'sms');
  const checked = await call(`/api/verify/sessions/${again.json.sessionId}/check`, { method: 'POST', body: { code: sms.code } });
  assert.equal(checked.json.status, 'VERIFIED', checked.text);
  // The old handle no longer acts for anyone.
  const stale = await call(`/api/verify/sessions/${started.json.sessionId}/resend`, { method: 'POST', body: { channel: 'sms' } });
  assert.equal(stale.status, 404, stale.text);
});
