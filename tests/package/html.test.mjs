// A plain HTML page, no bundler: <script type="module"> imports the package
// by name through an import map pointing into node_modules, served from a
// static server on 127.0.0.1; run in headless Chromium and Firefox ESR.
import { test } from 'node:test';
import { checkProbe, consumer, staticServer } from './helpers.mjs';
import { reporter, inChromium, inFirefox, runProbe } from './browsers.mjs';

const PAGE = `<!doctype html>
<html><head><meta charset="utf-8"><title>verify8x8, plain ES modules</title>
<script type="importmap">{ "imports": { "verify8x8": "./node_modules/verify8x8/browser.js",
  "verify8x8/phone": "./node_modules/verify8x8/phone/browser.js" } }</script>
${reporter()}
</head><body>
<script type="module" onerror="report({ error: 'the module graph failed to load' })">
import * as v from 'verify8x8';
import * as p from 'verify8x8/phone';
${runProbe('v, p')}
</script>
</body></html>`;

const browsers = { Chromium: inChromium, Firefox: inFirefox };
for (const [name, open] of Object.entries(browsers)) {
  test(`plain HTML page with an import map, in headless ${name}`, { timeout: 120_000 }, async (t) => {
    const dir = await consumer(t, `html-${name.toLowerCase()}`, { 'index.html': PAGE });
    const server = await staticServer(t, dir);
    const { result } = await open(t, server.url, server);
    checkProbe(result);
  });
}
