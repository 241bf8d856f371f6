// The edge worker in workerd: latency (p50, p99) and throughput of a status
// read (GET /api/verify/sessions/{handle}, no code) through the worker,
// against the same read directly on the emulator and through a trivial
// JavaScript pass-through worker on the same workerd (both run by Miniflare,
// bench/workerd.mjs).
//
// Load generator: bench/load.mjs (Node http.request, keep-alive agent),
// CONCURRENCY requests in flight, REQUESTS per target per round, ROUNDS
// rounds with the targets taking turns, each run capped at 15 s; a warm-up
// of 200 requests per target first. Latency also at concurrency 1 (2 rounds
// of 200 per target), where no request waits for another. Client addresses
// (CF-Connecting-IP) cycle through 256 addresses, as many browsers polling
// would; each address is counted by the read limit (LIMIT_IP_READS, in the
// isolate's memory), raised so that none is refused.
//
//   node bench/worker.mjs        (needs the emulator built and target/site; writes bench/out/worker.json)
import { agent, drive, request } from './load.mjs';
import { figures, percentile, save } from './lib.mjs';
import { HIGH_LIMITS, startEmulator } from './processes.mjs';
import { startEdgeWorker, startPassthroughWorker } from './workerd.mjs';

const CONCURRENCY = Number(process.env.WORKER_BENCH_CONCURRENCY || 8);
const REQUESTS = Number(process.env.WORKER_BENCH_REQUESTS || 1500);
const ROUNDS = Number(process.env.WORKER_BENCH_ROUNDS || 2);
const LIMIT_MS = 15_000;
const SEQUENTIAL = 1000; // requests per target per round at concurrency 1 (latency without queueing; enough for a p99)

const emulator = await startEmulator();
const stops = [emulator.stop];
try {
  const worker = await startEdgeWorker({ emulatorUrl: emulator.url, vars: { ...HIGH_LIMITS, BRAND: 'BENCH' } });
  stops.push(worker.stop);
  const passthrough = await startPassthroughWorker(emulator.url);
  stops.push(passthrough.stop);

  const started = await fetch(`${worker.url}/api/verify/sessions`, {
    method: 'POST', headers: { 'content-type': 'application/json', 'cf-connecting-ip': '203.0.113.9' },
    body: JSON.stringify({ destination: '+6587654321' }),
  });
  if (started.status !== 200) throw new Error(`start failed: ${started.status} ${await started.text()}`);
  const handle = (await started.json()).sessionId;
  const [{ sessionId }] = await emulator.outbox({ destination: '+6587654321' });

  const ip = (i) => `198.18.${(i >> 8) & 255}.${i & 255}`;
  const targets = {
    worker: (i) => request(pool, `${worker.url}/api/verify/sessions/${handle}`, { headers: { 'cf-connecting-ip': ip(i % 256) } }),
    direct: () => request(pool, `${emulator.url}/api/v2/subaccounts/test-account/sessions/${sessionId}`, { headers: { authorization: 'Bearer test-key' } }),
    passthrough: () => request(pool, `${passthrough.url}/api/verify/sessions/${sessionId}`),
  };
  const pool = agent(CONCURRENCY);
  for (const task of Object.values(targets)) await drive(200, CONCURRENCY, task, LIMIT_MS);
  /** Latency percentiles and rate per target; the targets take turns each round. */
  const measure = async (concurrency, requests, rounds) => {
    const samples = Object.fromEntries(Object.keys(targets).map((k) => [k, []]));
    const time = Object.fromEntries(Object.keys(targets).map((k) => [k, 0]));
    for (let round = 0; round < rounds; round++) {
      for (const [name, task] of Object.entries(targets)) {
        const { results, ms } = await drive(requests, concurrency, task, LIMIT_MS);
        const bad = results.filter((r) => r.status !== 200);
        if (bad.length) throw new Error(`${name}: ${bad.length} failed requests, e.g. ${bad[0].status} ${bad[0].body ?? bad[0].error}`);
        samples[name].push(...results.map((r) => r.ms));
        time[name] += ms;
      }
    }
    return Object.fromEntries(Object.keys(targets).map((name) => {
      const sorted = samples[name].sort((a, b) => a - b);
      return [name, { p50: percentile(sorted, 50), p99: percentile(sorted, 99), rps: sorted.length / (time[name] / 1000) }];
    }));
  };
  const one = await measure(1, SEQUENTIAL, 2);
  const many = await measure(CONCURRENCY, REQUESTS, ROUNDS);

  const { list, add } = figures();
  const labels = { direct: 'emulator direct', passthrough: 'JS pass-through worker', worker: 'edge worker' };
  const anchorOf = { direct: undefined, passthrough: 'direct', worker: 'passthrough' };
  for (const [stats, setting] of [[one, `c=1, 2x${SEQUENTIAL} req`], [many, `c=${CONCURRENCY}, ${ROUNDS}x${REQUESTS} req or ${LIMIT_MS / 1000} s`]]) {
    for (const p of ['p50', 'p99']) {
      for (const [name, label] of Object.entries(labels)) {
        const anchor = anchorOf[name];
        add(`status read ${p}, ${label} (${setting})`, stats[name][p], 'ms', anchor && labels[anchor], anchor && stats[anchor][p], 2);
      }
    }
    add(`status read p99 added by the edge worker over direct (${setting}; goal <= 1 ms)`, stats.worker.p99 - stats.direct.p99, 'ms', undefined, undefined, 2);
    add(`status read p99 added by the edge worker over the pass-through (${setting})`, stats.worker.p99 - stats.passthrough.p99, 'ms', undefined, undefined, 2);
  }
  for (const [name, label] of Object.entries(labels)) {
    const anchor = anchorOf[name];
    const goal = name === 'worker' ? '; goal >= 0.9 of pass-through' : '';
    add(`status reads/s, ${label} (c=${CONCURRENCY}${goal})`, many[name].rps, 'req/s', anchor && labels[anchor], anchor && many[anchor].rps);
  }
  await save('worker', list);
  console.log(JSON.stringify(list, null, 2));
} finally {
  for (const stop of stops.reverse()) await stop();
}
