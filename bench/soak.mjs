// Soak: mixed traffic through the edge worker (workerd, run by Miniflare:
// bench/workerd.mjs) to
// the emulator, twice: clean, then with the emulator failing 20 % of calls
// with a 5xx and dropping 10 % of connections. Loopback only, bounded in
// count and time. Writes bench/soak.json.
//
//   node bench/soak.mjs      (SOAK_REQUESTS=10000, SOAK_CONCURRENCY=50)
//
// The mix per phase: starts to fresh destinations (25 %), repeat starts to a
// destination already started (2 %: each must be refused 429 `destination`,
// the only intended errors), status reads (45 %), code checks with the code
// read from the emulator's outbox (28 %). Limits are set so that nothing
// else is refused. The client retries what is safe to retry the way
// VerifyClient does (status reads after a 5xx or a lost connection, full
// jitter backoff from 100 ms, 4 retries); it never repeats a start or a code
// check.
import { writeFile } from 'node:fs/promises';
import { agent, drive, request } from './load.mjs';
import { root } from './lib.mjs';
import { HIGH_LIMITS, descendants, rssMb, startEmulator } from './processes.mjs';
import { startEdgeWorker } from './workerd.mjs';

const COUNT = Number(process.env.SOAK_REQUESTS || 10_000);
const CONCURRENCY = Number(process.env.SOAK_CONCURRENCY || 50);
const PHASE_LIMIT_MS = Number(process.env.SOAK_PHASE_SECONDS || 240) * 1000;
const JSON_HEADERS = { 'content-type': 'application/json' };

const emulator = await startEmulator();
const stops = [emulator.stop];
const report = { settings: { requests: COUNT, concurrency: CONCURRENCY, phaseLimitSeconds: PHASE_LIMIT_MS / 1000, limits: { ...HIGH_LIMITS, LIMIT_DESTINATION: '1/1h' }, loadGenerator: 'bench/load.mjs (Node http.request, keep-alive agent)' } };
try {
  const worker = await startEdgeWorker({ emulatorUrl: emulator.url, vars: report.settings.limits });
  stops.push(worker.stop);
  const pool = agent(CONCURRENCY);
  const ip = (i) => `198.18.${(i >> 8) & 255}.${i & 255}`;
  const pids = { emulator: await descendants('verify8x8-emulator'), workerd: await descendants('workerd') };
  const memory = { emulator: [], workerd: [] };
  const sample = async () => {
    for (const [name, list] of Object.entries(pids)) memory[name].push((await Promise.all(list.map(rssMb))).reduce((a, b) => a + b, 0));
  };
  await sample();
  const sampler = setInterval(sample, 500);

  let nextNumber = 0;
  const call = (path, options = {}) => request(pool, `${worker.url}${path}`, options);
  const sleep = (ms) => new Promise((r) => setTimeout(r, ms));
  const codeOf = async (destination) => (await emulator.outbox({ destination, limit: 1 }))[0]?.code;

  async function phase(name) {
    const sessions = []; // {handle, destination, verified}
    const tally = {};
    const count = (key) => { tally[key] = (tally[key] ?? 0) + 1; };
    const errors = [];
    const safe = { calls: 0, firstTry: 0, withinRetries: 0 };
    const starts = { attempted: 0, ok: 0, destinations: new Set() };
    const attempted = new Set();
    const fail = (what, r) => { count(`${what} ${r.status}`); if (errors.length < 20) errors.push(`${what}: ${r.status} ${(r.body ?? String(r.error)).slice(0, 160)}`); };

    const start = async (i) => {
      const destination = `+6581${String(1_000_000 + nextNumber++).slice(1)}`;
      starts.attempted++;
      attempted.add(destination);
      const r = await call('/api/verify/sessions', { method: 'POST', headers: { ...JSON_HEADERS, 'cf-connecting-ip': ip(i % 256) }, body: JSON.stringify({ destination }) });
      if (r.status === 200) {
        starts.ok++;
        starts.destinations.add(destination);
        sessions.push({ handle: JSON.parse(r.body).sessionId, destination, verified: false });
        count('start ok');
      } else fail('start', r);
    };
    const repeat = async (i) => {
      const { destination } = sessions[i % sessions.length];
      const r = await call('/api/verify/sessions', { method: 'POST', headers: { ...JSON_HEADERS, 'cf-connecting-ip': ip(i % 256) }, body: JSON.stringify({ destination }) });
      // A pending number is refused (409); a verified one by its limit (1/1h).
      if (r.status === 409 || (r.status === 429 && JSON.parse(r.body).limit === 'destination')) count('repeat start refused (intended)');
      else fail('repeat start', r);
    };
    const read = async (i) => {
      const session = sessions[i % sessions.length];
      safe.calls++;
      for (let attempt = 1; ; attempt++) {
        const r = await call(`/api/verify/sessions/${session.handle}`, { headers: { 'cf-connecting-ip': ip(i % 256) } });
        if (r.status === 200) {
          if (attempt === 1) safe.firstTry++;
          safe.withinRetries++;
          return count('status read ok');
        }
        const retryable = r.status === 0 || r.status >= 500;
        if (!retryable || attempt > 4) return fail('status read', r);
        await sleep(Math.random() * Math.min(2000, 100 * 2 ** (attempt - 1)));
      }
    };
    const check = async (i) => {
      const session = sessions.find((s, k) => !s.verified && k % 7 === i % 7) ?? sessions[i % sessions.length];
      const code = await codeOf(session.destination);
      const r = await call(`/api/verify/sessions/${session.handle}/check`, { method: 'POST', headers: { ...JSON_HEADERS, 'cf-connecting-ip': ip(i % 256) }, body: JSON.stringify({ code }) });
      if (r.status === 200 && JSON.parse(r.body).status === 'VERIFIED') {
        session.verified = true;
        count('code check ok');
      } else if (r.status === 404) {
        // The code is always right here: the session was verified by this
        // or a concurrent check, and only that check's answer has the proof.
        session.verified = true;
        count('check of a verified session 404 (intended)');
      } else fail('code check', r);
    };

    const t0 = Date.now();
    const { results } = await drive(COUNT, CONCURRENCY, async (i) => {
      const slot = i % 100;
      if (sessions.length < CONCURRENCY || slot < 25) await start(i);
      else if (slot < 27) await repeat(i);
      else if (slot < 72) await read(i);
      else await check(i);
      return true;
    }, PHASE_LIMIT_MS);
    const seconds = (Date.now() - t0) / 1000;

    // Faults off: every session started in this phase must still verify.
    await fetch(`${emulator.url}/_emulator/faults`, { method: 'DELETE' });
    let verifiable = 0;
    await drive(sessions.length, CONCURRENCY, async (k) => {
      const session = sessions[k];
      if (session.verified) { verifiable++; return true; }
      const code = await codeOf(session.destination);
      const r = await call(`/api/verify/sessions/${session.handle}/check`, { method: 'POST', headers: { ...JSON_HEADERS, 'cf-connecting-ip': ip(k % 256) }, body: JSON.stringify({ code }) });
      if (r.status === 200 && JSON.parse(r.body).status === 'VERIFIED') verifiable++;
      else if (errors.length < 20) errors.push(`final check: ${r.status} ${(r.body ?? '').slice(0, 160)}`);
      return true;
    }, 120_000);

    // No OTP twice: outbox messages per destination of this phase.
    const outbox = await emulator.outbox({ limit: 50_000 });
    const sent = new Map();
    for (const m of outbox) {
      const d = m.destination.startsWith('+') ? m.destination : `+${m.destination}`;
      if (attempted.has(d)) sent.set(d, (sent.get(d) ?? 0) + 1);
    }
    const mine = [...sent];
    const errorCount = Object.entries(tally).filter(([k]) => !/ ok$|intended/.test(k)).reduce((a, [, n]) => a + n, 0);
    return {
      name, requests: results.length, seconds: Math.round(seconds), requestsPerSecond: Math.round(results.length / seconds),
      outcomes: tally, errorsBesidesIntended429: errorCount, sampleErrors: errors,
      startsAttempted: starts.attempted, startsSucceeded: starts.ok,
      sessionsVerifiableAtEnd: `${verifiable}/${sessions.length}`,
      safeCalls: { ...safe, firstTryRate: safe.firstTry / safe.calls, withinRetriesRate: safe.withinRetries / safe.calls },
      otp: {
        destinationsWithAMessage: mine.length,
        destinationsWithMoreThanOne: mine.filter(([, n]) => n > 1).length,
        successfulStartsWithoutAMessage: [...starts.destinations].filter((d) => !sent.has(d)).length,
        messagesForFailedStarts: mine.filter(([d]) => !starts.destinations.has(d)).length,
      },
    };
  }

  report.clean = await phase('clean');
  await sample();
  const afterClean = memory.workerd.length;
  await fetch(`${emulator.url}/_emulator/faults`, { method: 'POST', headers: JSON_HEADERS, body: JSON.stringify({ errorRate: 0.2, dropRate: 0.1 }) });
  report.faults = await phase('faults: 20 % 5xx, 10 % dropped connections');
  await sleep(2000);
  clearInterval(sampler);
  await sample();
  // The first phase warms a process up (V8 heap, SQLite caches, the
  // emulator's stores); steady means the second phase, as many requests
  // again, barely grows it.
  const mb = (xs) => ({
    startMb: Math.round(xs[0]), afterFirstPhaseMb: Math.round(xs[afterClean - 1]), peakMb: Math.round(Math.max(...xs)),
    endMb: Math.round(xs.at(-1)), secondPhaseGrowthMb: Math.round(xs.at(-1) - xs[afterClean - 1]), samples: xs.length,
  });
  report.memory = { emulator: mb(memory.emulator), workerd: mb(memory.workerd), processes: { emulator: pids.emulator.length, workerd: pids.workerd.length } };
} catch (error) {
  console.error(`soak failed: ${error.stack}\nlast lines of the emulator:\n${emulator.log().split('\n').slice(-40).join('\n')}`);
  process.exitCode = 1;
  throw error;
} finally {
  for (const stop of stops.reverse()) await stop();
}

const c = report.clean, f = report.faults;
report.goals = {
  'clean: 0 errors besides intended 429s': c.errorsBesidesIntended429 === 0,
  'clean: every started session verifiable': c.sessionsVerifiableAtEnd.split('/')[0] === c.sessionsVerifiableAtEnd.split('/')[1],
  'faults: safe calls succeed >= 99.9 % within retries': f.safeCalls.withinRetriesRate >= 0.999,
  'faults: no OTP sent twice': f.otp.destinationsWithMoreThanOne === 0 && c.otp.destinationsWithMoreThanOne === 0,
  'faults: every successful start sent exactly one OTP': f.otp.successfulStartsWithoutAMessage === 0,
  // Steady: once warm, 10,000 more requests grow a process by at most 64 MB
  // (the emulator keeps every session and the last 50,000 messages by design).
  'memory steady: emulator (second phase grows it <= 64 MB)': report.memory.emulator.secondPhaseGrowthMb <= 64,
  'memory steady: workerd (second phase grows it <= 64 MB)': report.memory.workerd.secondPhaseGrowthMb <= 64,
  'clean: all requests done within the time limit': c.requests === COUNT,
  'faults: all requests done within the time limit': f.requests === COUNT,
};
await writeFile(new URL('bench/soak.json', root), JSON.stringify(report, null, 2) + '\n');
console.log(JSON.stringify(report, null, 2));
const failed = Object.entries(report.goals).filter(([, ok]) => !ok);
console.log(failed.length ? `soak: goals not reached: ${failed.map(([g]) => g).join('; ')}` : 'soak: every goal reached');
process.exitCode = failed.length ? 1 : 0;
