// A Cloudflare Worker written in JavaScript importing the packed tarball,
// run under `wrangler dev` (workerd, offline) and answering a request. The
// package's `workerd` condition imports the .wasm as a module.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import path from 'node:path';
import { BIN, PROBE, checkProbe, consumer, freePort, startProcess, waitFor } from './helpers.mjs';

test('Cloudflare Worker under wrangler dev answers a request', { timeout: 180_000 }, async (t) => {
  const dir = await consumer(t, 'worker', {
    'wrangler.toml': `name = "verify8x8-consumer"
main = "src/index.js"
compatibility_date = "2026-04-01"
`,
    'src/index.js': `import * as v from 'verify8x8';
import * as p from 'verify8x8/phone';
${PROBE}
export default {
  async fetch() {
    try {
      return Response.json(await probe(v, p));
    } catch (error) {
      return Response.json({ error: String(error && error.stack || error) }, { status: 500 });
    }
  },
};`,
  });
  const [port, inspector] = [await freePort(), await freePort()];
  const wrangler = startProcess(t, path.join(BIN, 'wrangler'), ['dev', '--ip', '127.0.0.1', '--port', String(port),
    '--inspector-port', String(inspector), '--show-interactive-dev-session=false', '--log-level', 'warn'], {
    cwd: dir,
    env: {
      ...process.env,
      WRANGLER_SEND_METRICS: 'false',
      CLOUDFLARE_CF_FETCH_ENABLED: 'false',
      WRANGLER_LOG_PATH: path.join(dir, '.wrangler-logs'),
      CI: '1',
    },
  });
  // Stopped before the after-hooks remove its directory (they run in order of
  // registration, the directory's first).
  try {
    const response = await waitFor('wrangler dev to answer', async () => {
      if (wrangler.child.exitCode !== null) throw Object.assign(new Error('wrangler exited'), { fatal: true });
      return await fetch(`http://127.0.0.1:${port}/`);
    }, 120_000).catch((error) => {
      throw new Error(`${error.message}\nwrangler output:\n${wrangler.output.text}`);
    });
    const body = await response.json();
    assert.equal(response.status, 200, `worker answered ${response.status}: ${JSON.stringify(body)}\n${wrangler.output.text}`);
    checkProbe(body);
  } finally {
    await wrangler.stop();
  }
});
