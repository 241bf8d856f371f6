// A Vite app importing the packed tarball by name, with no Vite config: the
// production build (`vite build`, served statically) and the dev server
// (`vite`, dependency pre-bundling included), each run in headless
// Chromium. Named imports: the bundler must keep the entry's wasm loading.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { readdirSync } from 'node:fs';
import path from 'node:path';
import { BIN, checkProbe, consumer, freePort, startProcess, staticServer, waitFor } from './helpers.mjs';
import { inChromium, reporter, runProbe } from './browsers.mjs';

const app = (resultUrl) => ({
  'index.html': `<!doctype html>
<html><head><meta charset="utf-8"><title>verify8x8 in Vite</title>${reporter(resultUrl)}</head>
<body><script type="module" src="/main.js"></script></body></html>`,
  'main.js': `import { parsePhone, validateVerification, init } from 'verify8x8';
import * as p from 'verify8x8/phone';
${runProbe('{ parsePhone, validateVerification, init }, p')}`,
});

test('Vite: vite build, then the app in headless Chromium', { timeout: 180_000 }, async (t) => {
  const dir = await consumer(t, 'vite-build', app('/result'));
  execFileSync(path.join(BIN, 'vite'), ['build', '--logLevel', 'warn'], { cwd: dir, stdio: ['ignore', 'ignore', 'inherit'] });
  const assets = readdirSync(path.join(dir, 'dist/assets'));
  assert.equal(assets.filter((f) => f.endsWith('.wasm')).length, 2, `two .wasm (verify8x8, verify8x8/phone) in dist/assets: ${assets}`);

  const server = await staticServer(t, path.join(dir, 'dist'));
  const { result } = await inChromium(t, server.url, server);
  checkProbe(result);
});

test('Vite: the dev server, in headless Chromium', { timeout: 180_000 }, async (t) => {
  const results = await staticServer(t, null); // receives the page's result only
  const dir = await consumer(t, 'vite-dev', app(`${results.url}result`));
  const port = await freePort();
  const vite = startProcess(t, path.join(BIN, 'vite'), ['--host', '127.0.0.1', '--port', String(port), '--strictPort'], { cwd: dir });
  const url = `http://127.0.0.1:${port}/`;
  // Stopped before the after-hooks remove its directory (they run in order of
  // registration, the directory's first).
  try {
    await waitFor('the Vite dev server', async () => {
      if (vite.child.exitCode !== null) throw Object.assign(new Error(`vite exited:\n${vite.output.text}`), { fatal: true });
      return (await fetch(url)).ok || undefined;
    }, 60_000);
    const { result } = await inChromium(t, url, results);
    checkProbe(result);
  } finally {
    await vite.stop();
  }
});
