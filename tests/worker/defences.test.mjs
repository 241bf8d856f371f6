// The defences against SMS pumping in workerd, each tripped and then
// recovering: address tiers (IPv4 /24, IPv6 /48), number ranges, the
// conversion breaker, the spend cap, starts per ASN, Turnstile against a fake
// siteverify on loopback, and 8x8's 403/1400 refunded.
//
// Time: what is counted is tested under windows of an hour, which no slow
// machine can outlast; that a limit lets starts through again is tested under
// windows of seconds by waiting as long as the refusal's Retry-After says, so
// the only assumption on the machine's speed is that two requests in a row
// take less than a few seconds. The pure rules are unit-tested under a fake
// clock (worker/src/rules.rs, worker/src/breaker.rs). The worker runs as `worker-build --release` builds it,
// on workerd through Miniflare (bench/workerd.mjs), so that each request can
// carry its own `request.cf` (`MF-CF-Blob`). Nothing leaves the machine.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';

import { startEdgeWorker } from '../../bench/workerd.mjs';
import { HIGH_LIMITS } from '../../bench/processes.mjs';
import { logged, startEmulator, startSiteverify } from '../support/servers.mjs';

const API_KEY = 'test-key';
let emulator;

before(async () => {
  emulator = await startEmulator({ apiKey: API_KEY, name: 'emulator-defences' });
});
after(async () => {
  await emulator?.stop();
});

const sleep = (ms) => new Promise((r) => setTimeout(r, ms));
/** Waits as long as a refusal's `Retry-After` (whole seconds) says, and a little more. */
const waitOut = (refusal) => sleep(Number(refusal.headers.get('retry-after')) * 1000 + 250);

/** A worker with every defence out of the way except what `vars` sets. */
async function worker(vars, options = {}) {
  const logs = [];
  const w = await startEdgeWorker({
    emulatorUrl: emulator.url,
    vars: { ...HIGH_LIMITS, VERIFY_API_KEY: API_KEY, ALLOWED_COUNTRIES: '*', ...vars },
    onLog: (line) => logs.push(line),
    ...options,
  });
  const call = async (path, body, { ip = '198.51.100.1', cf = {} } = {}) => {
    const response = await fetch(`${w.url}${path}`, {
      method: body === undefined ? 'GET' : 'POST',
      headers: { 'content-type': 'application/json', 'cf-connecting-ip': ip, 'mf-cf-blob': JSON.stringify(cf) },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const text = await response.text();
    return { status: response.status, headers: response.headers, json: text ? JSON.parse(text) : null, text };
  };
  const start = (destination, options) => call('/api/verify/sessions', { destination, ...(options?.body ?? {}) }, options);
  return { ...w, logs, call, start };
}

const sent = async (predicate) => (await emulator.outbox({ limit: 50000 })).filter((m) => predicate(m.destination)).length;

/** Starts `count` numbers made by `number(i)`; the statuses in order. */
async function starts(w, count, number, options = (i) => ({})) {
  const out = [];
  for (let i = 0; i < count; i++) out.push(await w.start(number(i), options(i)));
  return out;
}

describe('address tiers', () => {
  test('an IPv4 /24 is counted beside each address', async () => {
    const w = await worker({ LIMIT_IP_24: '3/1h' });
    try {
      const answers = await starts(w, 4, (i) => `+6581110${String(i).padStart(3, '0')}`, (i) => ({ ip: `203.0.113.${i + 1}` }));
      assert.deepEqual(answers.map((a) => a.status), [200, 200, 200, 429]);
      assert.equal(answers[3].json.limit, 'ip_24');
      assert.ok(Number(answers[3].headers.get('retry-after')) >= 1);
      // Another /24 is another count.
      assert.equal((await w.start('+6581110100', { ip: '203.0.114.1' })).status, 200);
    } finally {
      await w.stop();
    }
  });

  test('rotating /64s inside one IPv6 /48 are counted as one /48', async () => {
    const w = await worker({ LIMIT_IP_48: '3/1h' });
    try {
      const answers = await starts(w, 5, (i) => `+6581120${String(i).padStart(3, '0')}`, (i) => ({ ip: `2001:db8:48:${(i + 1).toString(16)}::1` }));
      assert.deepEqual(answers.map((a) => a.status), [200, 200, 200, 429, 429]);
      assert.equal(answers[4].json.limit, 'ip_48');
      assert.equal((await w.start('+6581120100', { ip: '2001:db8:49::1' })).status, 200);
    } finally {
      await w.stop();
    }
  });
});

test('a number range (last 6 digits dropped) is counted across its 10,000-number blocks', async () => {
  const w = await worker({ LIMIT_RANGE: '3/1h', LIMIT_PREFIX: '10/1h' });
  try {
    // Four blocks of the range +6582 1xx xxxx.
    const answers = await starts(w, 4, (i) => `+6582${i}30000`, (i) => ({ ip: `198.18.0.${i}` }));
    assert.deepEqual(answers.map((a) => a.status), [200, 200, 200, 429]);
    assert.equal(answers[3].json.limit, 'range');
    assert.equal(await sent((d) => d.startsWith('+6582')), 3);
    // Another range is another count.
    assert.equal((await w.start('+6583130000', { ip: '198.18.0.9' })).status, 200);
  } finally {
    await w.stop();
  }
});

test('the conversion breaker pauses new starts to a country whose codes are not entered, logs once, spares sessions under way, recovers', async () => {
  // Seconds: a start is judged 2 s after it was made, the window is 8 s, a
  // trip pauses for 4 s. Every wait below is measured from when the start it
  // waits on was answered, so a slow machine only makes the test longer.
  const grace = 2000, window = 8000, cooldown = 4000;
  const w = await worker({
    BREAKER_WINDOW: `${window / 1000}s`, BREAKER_MIN_STARTS: '3', BREAKER_MIN_CONVERSION: '50',
    BREAKER_COOLDOWN: `${cooldown / 1000}s`, BREAKER_GRACE: `${grace / 1000}s`,
  });
  try {
    // Three Philippine numbers in three ranges: nobody enters a code.
    const first = await starts(w, 3, (i) => `+6391${i + 5}5550000`, (i) => ({ ip: `198.18.1.${i}` }));
    assert.deepEqual(first.map((a) => a.status), [200, 200, 200]);
    const thirdAnswered = Date.now();
    // The third start is younger than the grace period: nothing is judged yet.
    const pending = await w.start('+639185550000', { ip: '198.18.1.8' });
    assert.equal(pending.status, 200, pending.text);
    await sleep(grace + 250);
    const tripped = await w.start('+639195550000', { ip: '198.18.1.9' });
    const trippedAnswered = Date.now();
    assert.equal(tripped.status, 429, tripped.text);
    assert.equal(tripped.json.limit, 'conversion');
    assert.match(tripped.json.message, /too few of the codes sent there were entered/);
    assert.equal(tripped.headers.get('retry-after'), String(cooldown / 1000));
    const again = await w.start('+639205550000', { ip: '198.18.1.10' });
    assert.equal(again.json.limit, 'conversion');
    // Logged once, naming the country, never a number.
    const trips = w.logs.filter((l) => l.includes('conversion breaker tripped'));
    assert.equal(trips.length, 1, w.logs.join('\n'));
    assert.match(trips[0], /country:PH/);
    assert.ok(!trips[0].includes('639'), trips[0]);
    // Another country is not paused.
    assert.equal((await w.start('+6581130000', { ip: '198.18.1.11' })).status, 200);
    // A session under way is checked as usual.
    const [message] = await emulator.outbox({ destination: '+639185550000' });
    const check = await w.call(`/api/verify/sessions/${pending.json.sessionId}/check`, { code: message.code }, { ip: '198.18.1.8' });
    assert.equal(check.json.status, 'VERIFIED', check.text);
    // Once the cool-down is over and the unconverted starts have left the
    // window, starts go through again.
    await sleep(Math.max(trippedAnswered + cooldown, thirdAnswered + window) + 250 - Date.now());
    assert.equal((await w.start('+639195550000', { ip: '198.18.1.12' })).status, 200);
  } finally {
    await w.stop();
  }
});

test('verifications keep the breaker closed', async () => {
  const w = await worker({
    BREAKER_WINDOW: '1h', BREAKER_MIN_STARTS: '3', BREAKER_MIN_CONVERSION: '50', BREAKER_COOLDOWN: '1h', BREAKER_GRACE: '1s',
  });
  try {
    for (let i = 0; i < 6; i++) {
      const destination = `+66812${i}45678`;
      const started = await w.start(destination, { ip: `198.18.2.${i}` });
      assert.equal(started.status, 200, `${i}: ${started.text}`);
      if (i % 2 === 0) {
        const [message] = await emulator.outbox({ destination });
        const check = await w.call(`/api/verify/sessions/${started.json.sessionId}/check`, { code: message.code }, { ip: `198.18.2.${i}` });
        assert.equal(check.json.status, 'VERIFIED');
      }
      await sleep(400);
    }
  } finally {
    await w.stop();
  }
});

test('countries nobody has verified in share one budget; a verification warms a country up', async () => {
  const w = await worker({
    BREAKER_WINDOW: '1h', BREAKER_MIN_STARTS: '100', BREAKER_GRACE: '1s', LIMIT_COLD_COUNTRIES: '3/1h',
  });
  try {
    // A spreader over cold countries: three through, whatever the country.
    const spread = ['+93701234567', '+994401234567', '+8801812345678', '+375294911911', '+85591234567'];
    const answers = await starts(w, spread.length, (i) => spread[i], (i) => ({ ip: `198.18.7.${i}` }));
    assert.deepEqual(answers.map((a) => a.status), [200, 200, 200, 429, 429]);
    assert.equal(answers[3].json.limit, 'cold_countries');
    // Singapore, once a number there is verified, is no longer cold.
    const first = await w.start('+6581180000', { ip: '198.18.7.20' });
    assert.equal(first.status, 429, 'cold like the others until verified');
    const w2 = await worker({ BREAKER_WINDOW: '1h', BREAKER_MIN_STARTS: '100', LIMIT_COLD_COUNTRIES: '1/1h' });
    try {
      const sg = await w2.start('+6581180001', { ip: '198.18.7.21' });
      assert.equal(sg.status, 200, sg.text);
      const [message] = await emulator.outbox({ destination: '+6581180001' });
      assert.equal((await w2.call(`/api/verify/sessions/${sg.json.sessionId}/check`, { code: message.code }, { ip: '198.18.7.21' })).json.status, 'VERIFIED');
      for (let i = 2; i < 6; i++) {
        const r = await w2.start(`+658118000${i}`, { ip: `198.18.7.2${i}` });
        assert.equal(r.status, 200, `${i}: ${r.text}`);
      }
      // Another country is still cold, and the budget (1) is spent.
      assert.equal((await w2.start('+93701234568', { ip: '198.18.7.30' })).json.limit, 'cold_countries');
    } finally {
      await w2.stop();
    }
  } finally {
    await w.stop();
  }
});

test('a start refused after the breakers counted it is taken back from them', async () => {
  const w = await worker({
    BREAKER_WINDOW: '1h', BREAKER_MIN_STARTS: '2', BREAKER_GRACE: '1s', LIMIT_COLD_COUNTRIES: '1/1h',
  });
  try {
    assert.equal((await w.start('+93701000001', { ip: '198.18.8.1' })).status, 200);
    for (let i = 2; i < 5; i++) {
      assert.equal((await w.start(`+9370100000${i}`, { ip: `198.18.8.${i}` })).json.limit, 'cold_countries');
    }
    await sleep(1200);
    // One settled start in Afghanistan, not four: under BREAKER_MIN_STARTS (2), so
    // the refusal is still the cold budget's, not the breaker's.
    assert.equal((await w.start('+93701000009', { ip: '198.18.8.9' })).json.limit, 'cold_countries');
  } finally {
    await w.stop();
  }
});

test('the spend cap refuses every start and resend once reached, with a clear message', async () => {
  const w = await worker({ LIMIT_GLOBAL: '3/1h' });
  try {
    const answers = await starts(w, 4, (i) => `+4479111${String(i).padStart(5, '0')}`, (i) => ({ ip: `198.18.3.${i}` }));
    assert.deepEqual(answers.map((a) => a.status), [200, 200, 200, 429]);
    assert.equal(answers[3].json.limit, 'global');
    assert.match(answers[3].json.message, /as many verification codes as it allows/);
    // A start refused by the cap sent nothing and left the number free.
    assert.equal(await sent((d) => d === '+447911100003'), 0);
    // A resend is a message too: refused by the cap before 8x8 is asked.
    const resend = await w.call(`/api/verify/sessions/${answers[0].json.sessionId}/resend`, {}, { ip: '198.18.3.0' });
    assert.equal(resend.status, 429, resend.text);
    assert.equal(resend.json.limit, 'global');
    assert.equal(await sent((d) => d === '+447911100000'), 1);
  } finally {
    await w.stop();
  }
});

test('starts per ASN when the platform gives one, skipped when it gives none', async () => {
  const w = await worker({ LIMIT_ASN: '2/1h' });
  try {
    const cf = { asn: 64500 };
    const answers = await starts(w, 3, (i) => `+6581140${String(i).padStart(3, '0')}`, (i) => ({ ip: `198.18.4.${i}`, cf }));
    assert.deepEqual(answers.map((a) => a.status), [200, 200, 429]);
    assert.equal(answers[2].json.limit, 'asn');
    assert.equal((await w.start('+6581140100', { ip: '198.18.4.20', cf: { asn: 64501 } })).status, 200);
    // No `cf.asn` (as under wrangler dev): not counted at all.
    const bare = await starts(w, 4, (i) => `+6581141${String(i).padStart(3, '0')}`, (i) => ({ ip: `198.18.5.${i}`, cf: {} }));
    assert.deepEqual(bare.map((a) => a.status), [200, 200, 200, 200]);
  } finally {
    await w.stop();
  }
});

test('every counted limit lets starts through again once its Retry-After has passed', async () => {
  // One worker per limit, side by side: a start, a second one refused by the
  // limit under test, then the same second start after the wait it was told.
  const cases = [
    { limit: 'ip_24', vars: { LIMIT_IP_24: '1/4s' }, a: ['+6581190000', { ip: '203.0.113.1' }], b: ['+6581191000', { ip: '203.0.113.2' }] },
    { limit: 'ip_48', vars: { LIMIT_IP_48: '1/4s' }, a: ['+6581192000', { ip: '2001:db8:48:1::1' }], b: ['+6581193000', { ip: '2001:db8:48:2::1' }] },
    { limit: 'range', vars: { LIMIT_RANGE: '1/4s' }, a: ['+6584110000', { ip: '198.18.9.1' }], b: ['+6584120000', { ip: '198.18.9.2' }] },
    { limit: 'asn', vars: { LIMIT_ASN: '1/4s' }, a: ['+6581194000', { ip: '198.18.9.3', cf: { asn: 64510 } }], b: ['+6581195000', { ip: '198.18.9.4', cf: { asn: 64510 } }] },
    { limit: 'global', vars: { LIMIT_GLOBAL: '1/4s' }, a: ['+6581196000', { ip: '198.18.9.5' }], b: ['+6581197000', { ip: '198.18.9.6' }] },
  ];
  await Promise.all(cases.map(async ({ limit, vars, a, b }) => {
    const w = await worker(vars);
    try {
      assert.equal((await w.start(...a)).status, 200, limit);
      const refused = await w.start(...b);
      assert.equal(refused.status, 429, `${limit}: ${refused.text}`);
      assert.equal(refused.json.limit, limit);
      assert.equal(await sent((d) => d === b[0]), 0, `${limit}: nothing sent while refused`);
      await waitOut(refused);
      const later = await w.start(...b);
      assert.equal(later.status, 200, `${limit}: ${later.text}`);
    } finally {
      await w.stop();
    }
  }));
});

test('exactly LIMIT_SESSION_CHECKS checks of one session reach 8x8, from 30 clients at once', async () => {
  // Under 8x8's 5 attempts, so the session stays open and every check past
  // the limit is the limit's refusal (worker.test.mjs has the default, 10).
  const w = await worker({ LIMIT_SESSION_CHECKS: '3/1h' });
  try {
    const started = await w.start('+6581198000', { ip: '198.18.10.1' });
    assert.equal(started.status, 200, started.text);
    const [message] = await emulator.outbox({ destination: '+6581198000' });
    const reached = () => emulator.log().split('\n').filter((l) => l.includes(`/sessions/${message.sessionId}`)).length;
    const before = reached();
    const checks = await Promise.all(Array.from({ length: 30 }, (_, i) =>
      w.call(`/api/verify/sessions/${started.json.sessionId}/check`, { code: '000000' }, { ip: `198.18.${11 + i}.1` })));
    const counts = checks.reduce((c, a) => ({ ...c, [a.status]: (c[a.status] ?? 0) + 1 }), {});
    assert.deepEqual(counts, { 200: 3, 429: 27 });
    assert.ok(checks.filter((r) => r.status === 429).every((r) => r.json.limit === 'session_checks'));
    assert.equal(await logged(() => reached() - before, 3), 3, 'three checks reached 8x8');
  } finally {
    await w.stop();
  }
});

describe('Turnstile', () => {
  let siteverify;
  const seen = [];
  const used = new Set();

  before(async () => {
    // A fake siteverify: `good-*` once (then timeout-or-duplicate), `expired`,
    // `elsewhere-*` issued on another hostname, `login-*` for another action.
    siteverify = await startSiteverify((form) => {
      const token = form.response;
      if (form.secret !== 'turnstile-test-secret') return { success: false, 'error-codes': ['invalid-input-secret'] };
      if (token === 'expired' || used.has(token)) return { success: false, 'error-codes': ['timeout-or-duplicate'] };
      if (!/^(good|elsewhere|login)-/.test(token)) return { success: false, 'error-codes': ['invalid-input-response'] };
      used.add(token);
      return {
        success: true,
        hostname: token.startsWith('elsewhere-') ? 'evil.example' : '127.0.0.1',
        action: token.startsWith('login-') ? 'login' : 'verify',
        'error-codes': [],
      };
    }, seen);
  });
  after(() => siteverify?.close());

  test('missing, invalid, expired, reused, foreign tokens are refused 403 before anything is counted or sent', async () => {
    const w = await worker({
      TURNSTILE_SECRET: 'turnstile-test-secret',
      TURNSTILE_SITE_KEY: '1x00000000000000000000AA',
      TURNSTILE_VERIFY_URL: siteverify.url,
      LIMIT_IP: '2/1h',
    });
    try {
      const config = await w.call('/api/verify/config');
      assert.equal(config.json.turnstileSiteKey, '1x00000000000000000000AA');
      const ip = '198.18.6.1';
      const number = '+6581150000';
      const refused = [
        await w.start(number, { ip }),
        await w.start(number, { ip, body: { turnstileToken: 'nonsense' } }),
        await w.start(number, { ip, body: { turnstileToken: 'expired' } }),
        await w.start(number, { ip, body: { turnstileToken: 'elsewhere-1' } }),
        await w.start(number, { ip, body: { turnstileToken: 'login-1' } }),
        await w.start(number, { ip, body: { turnstileToken: 42 } }),
      ];
      for (const r of refused) {
        assert.equal(r.status, 403, r.text);
        assert.match(r.json.message, /nothing was sent/);
      }
      assert.match(refused[0].json.message, /turnstileToken is required/);
      assert.match(refused[2].json.message, /expired or was already used/);
      assert.equal(await sent((d) => d === number), 0);
      // None of them was counted: LIMIT_IP (2) still lets two through.
      const ok = await w.start(number, { ip, body: { turnstileToken: 'good-1' } });
      assert.equal(ok.status, 200, ok.text);
      const reused = await w.start('+6581150001', { ip, body: { turnstileToken: 'good-1' } });
      assert.equal(reused.status, 403);
      assert.match(reused.json.message, /expired or was already used/);
      assert.equal((await w.start('+6581150002', { ip, body: { turnstileToken: 'good-2' } })).status, 200);
      assert.equal((await w.start('+6581150003', { ip, body: { turnstileToken: 'good-3' } })).json.limit, 'ip');
      // What siteverify was asked: the secret, the token, the client's address, an idempotency key.
      const last = seen.at(-1);
      assert.equal(last.remoteip, ip);
      assert.match(last.idempotency_key, /^[0-9a-f-]{36}$/);
      assert.equal(new Set(seen.map((s) => s.idempotency_key)).size, seen.length);
      // The secret never reaches an answer.
      assert.ok(!JSON.stringify(refused.map((r) => r.text)).includes('turnstile-test-secret'));
    } finally {
      await w.stop();
    }
  });

  test('without Turnstile settings the page is told there is no widget', async () => {
    const w = await worker({});
    try {
      assert.equal((await w.call('/api/verify/config')).json.turnstileSiteKey, null);
      assert.equal((await w.start('+6581160000', { body: { turnstileToken: 'ignored' } })).status, 200);
    } finally {
      await w.stop();
    }
  });
});

test("8x8's 403/1400 (nothing sent) is not counted against the number's range", async () => {
  // Two workers on one emulator: the second's start of a number the first
  // has just started is refused by 8x8 with 403/1400 (resend too soon).
  const first = await worker({});
  const second = await worker({ LIMIT_PREFIX: '1/1h', LIMIT_RANGE: '1/1h' });
  try {
    assert.equal((await first.start('+6581170000')).status, 200);
    const refused = await second.start('+6581170000');
    assert.equal(refused.status, 403, refused.text);
    assert.equal(refused.json.code, 1400);
    // The prefix and the range (1 each) are still free.
    const next = await second.start('+6581170001');
    assert.equal(next.status, 200, next.text);
    assert.equal((await second.start('+6581170002')).json.limit, 'prefix');
  } finally {
    await first.stop();
    await second.stop();
  }
});
