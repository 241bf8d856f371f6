// A Vite app (`vite build`, Vite from the workspace) importing the packed
// tarball by name, served statically and run in headless Chromium. Named
// imports: the bundler must keep the entry's wasm loading (sideEffects).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { readdirSync } from 'node:fs';
import path from 'node:path';
import { BIN, checkProbe, consumer, staticServer } from './helpers.mjs';
import { REPORTER, inChromium, runProbe } from './browsers.mjs';

test('Vite: vite build, then the app in headless Chromium', { timeout: 180_000 }, async (t) => {
  const dir = await consumer(t, 'vite', {
    'index.html': `<!doctype html>
<html><head><meta charset="utf-8"><title>verify8x8 in Vite</title>${REPORTER}</head>
<body><script type="module" src="/main.js"></script></body></html>`,
    'main.js': `import { parsePhone, validateVerification, init } from 'verify8x8';
${runProbe('{ parsePhone, validateVerification, init }')}`,
  });
  execFileSync(path.join(BIN, 'vite'), ['build', '--logLevel', 'warn'], { cwd: dir, stdio: ['ignore', 'ignore', 'inherit'] });
  const assets = readdirSync(path.join(dir, 'dist/assets'));
  assert.equal(assets.filter((f) => f.endsWith('.wasm')).length, 1, `one .wasm in dist/assets: ${assets}`);

  const server = await staticServer(t, path.join(dir, 'dist'));
  const { result } = await inChromium(t, server.url, server);
  checkProbe(result);
});
