// The workers of the benchmark and the soak on workerd, driven through
// Miniflare (the library `wrangler dev` is built on, pinned to the version wrangler 4.86.0 uses):
// the edge worker as worker-build built it (worker/build/), with its
// Durable Objects on SQLite in memory, and the pass-through anchor.
//
// Not `wrangler dev`: it attaches a DevTools inspector and a proxy to every
// worker, and they keep data per request. Measured on the pass-through alone:
// under wrangler dev workerd grew by about 40 MB per 2,000 requests without
// end; under Miniflare it levels off at about 150 MB. The tests keep using
// wrangler dev (what a developer runs); numbers come from here.
import { execFileSync } from 'node:child_process';
import { existsSync, statSync } from 'node:fs';
import { readdir } from 'node:fs/promises';
import { join } from 'node:path';
import { Miniflare } from 'miniflare';
import { makeKeys } from '../scripts/keys.mjs';
import { root } from '../tests/support/servers.mjs';

const COMPATIBILITY_DATE = '2026-04-01'; // worker/wrangler.toml

/** The newest modification time under `dir` (ms). */
async function newest(dir) {
  let latest = 0;
  for (const entry of await readdir(dir, { withFileTypes: true, recursive: true })) {
    if (entry.isFile()) latest = Math.max(latest, statSync(join(entry.parentPath, entry.name)).mtimeMs);
  }
  return latest;
}

/** Builds worker/build/ with worker-build (installed tools only) unless it is newer than the sources. */
export async function buildWorker() {
  const output = join(root, 'worker/build/index_bg.wasm');
  const sources = Math.max(await newest(join(root, 'worker/src')), await newest(join(root, 'src')), statSync(join(root, 'Cargo.lock')).mtimeMs);
  if (existsSync(output) && statSync(output).mtimeMs > sources) return;
  process.stderr.write('building the edge worker (worker-build --release)\n');
  execFileSync('worker-build', ['--release'], { cwd: join(root, 'worker'), stdio: ['ignore', 'ignore', 'inherit'] });
}

/** Settings the edge worker needs against the emulator (scripts/worker-dev.sh --emulator). */
const EMULATOR_VARS = {
  VERIFY_API_KEY: 'test-key',
  VERIFY_SUBACCOUNT_ID: 'test-account',
  ALLOWED_COUNTRIES: '*',
};

async function serve(options) {
  const mf = new Miniflare({
    host: '127.0.0.1',
    port: 0,
    compatibilityDate: COMPATIBILITY_DATE,
    modules: true,
    handleStructuredLogs: () => {}, // the edge worker's log line per request: written, not printed
    ...options,
  });
  const url = (await mf.ready).toString().replace(/\/$/, '');
  return { url, stop: () => mf.dispose() };
}

/**
 * The edge worker on workerd, talking to `emulatorUrl`, with `vars` on top of
 * the emulator's settings and fresh HANDLE_SECRET and PROOF_SIGNING_KEY;
 * `cf`: Miniflare's `request.cf` (a request may send its own in an
 * `MF-CF-Blob` header); `onLog(line)` receives the worker's log lines.
 */
export async function startEdgeWorker({ emulatorUrl, vars = {}, cf, onLog }) {
  await buildWorker();
  const { HANDLE_SECRET, PROOF_SIGNING_KEY } = await makeKeys();
  return serve({
    scriptPath: join(root, 'worker/build/index.js'),
    modulesRules: [{ type: 'CompiledWasm', include: ['**/*.wasm'] }],
    bindings: { ...EMULATOR_VARS, HANDLE_SECRET, PROOF_SIGNING_KEY, VERIFY_BASE_URL: emulatorUrl, ...vars },
    durableObjects: { RATE_LIMITER: { className: 'RateLimiter', useSQLite: true } },
    ...(cf ? { cf } : {}),
    ...(onLog ? { handleStructuredLogs: ({ message }) => { onLog(message); } } : {}),
  });
}

/** The pass-through anchor (bench/passthrough/worker.mjs) on workerd, forwarding to `upstream`. */
export function startPassthroughWorker(upstream) {
  return serve({
    scriptPath: join(root, 'bench/passthrough/worker.mjs'),
    bindings: { UPSTREAM: upstream, SUB_ACCOUNT: 'test-account', API_KEY: 'test-key' },
  });
}
