// Phone throughput, instantiation and first-call latency in headless
// Chromium (playwright-core on /usr/bin/chromium): the same seeded corpus as
// bench/phone.mjs, the same page, both libraries; libphonenumber-js `max`
// bundled and minified by esbuild, as an app would ship it.
//
//   node bench/browser.mjs      (needs pkg/; writes bench/out/browser.json)
import { createServer } from 'node:http';
import { readFile, mkdir, writeFile } from 'node:fs/promises';
import { execFileSync } from 'node:child_process';
import { launchChromium } from '../tests/support/chromium.mjs';
import { buildCorpus } from '../tests/differential/corpus.mjs';
import { figures, root, save } from './lib.mjs';

const CORPUS_SIZE = Number(process.env.PHONE_BENCH_COUNT || 20_000);
const ROUNDS = Number(process.env.PHONE_BENCH_ROUNDS || 7);
const STARTS = 5; // fresh pages per start-up figure (median)

const tmp = new URL('target/bench-browser/', root);
await mkdir(tmp, { recursive: true });
await writeFile(new URL('entry.mjs', tmp), "export { parsePhoneNumberWithError } from 'libphonenumber-js/max';\n");
execFileSync(new URL('node_modules/.bin/esbuild', root).pathname, [new URL('entry.mjs', tmp).pathname, '--bundle', '--minify',
  '--format=esm', '--log-level=warning', `--outfile=${new URL('lpn.js', tmp).pathname}`], { cwd: root.pathname });
const files = {
  '/': ['text/html', '<!doctype html><title>bench</title>'],
  '/lpn.js': ['text/javascript', await readFile(new URL('lpn.js', tmp))],
  '/corpus.json': ['application/json', JSON.stringify(buildCorpus(CORPUS_SIZE, 424242))],
};
const types = { js: 'text/javascript', wasm: 'application/wasm' };
const server = createServer(async (req, res) => {
  const path = new URL(req.url, 'http://x').pathname;
  let file = files[path];
  if (!file && path.startsWith('/pkg/') && !path.includes('..')) {
    const bytes = await readFile(new URL(`.${path}`, root)).catch(() => null);
    if (bytes) file = [types[path.split('.').pop()] ?? 'application/octet-stream', bytes];
  }
  if (!file) return res.writeHead(404).end();
  res.writeHead(200, { 'content-type': file[0], 'cache-control': 'no-store' }).end(file[1]);
});
await new Promise((r) => server.listen(0, '127.0.0.1', r));
const origin = `http://127.0.0.1:${server.address().port}`;
const browser = await launchChromium();

try {
  const { list, add } = figures();
  const median = (xs) => xs.sort((a, b) => a - b)[Math.floor(xs.length / 2)];

  // Start-up: each measurement in a fresh context (empty cache, new isolate).
  const startup = async (script) => {
    const context = await browser.newContext();
    const page = await context.newPage();
    await page.goto(origin);
    const result = await page.evaluate(script);
    await context.close();
    return result;
  };
  const ours = [], lpn = [], phone = [];
  for (let i = 0; i < STARTS; i++) {
    phone.push(await startup(async () => {
      const t0 = performance.now();
      const glue = await import('/pkg/phone/verify8x8_phone.js');
      const [, metadata] = await Promise.all([
        glue.default({ module_or_path: '/pkg/phone/verify8x8_phone_bg.wasm' }),
        fetch('/pkg/phone/metadata.bin').then((r) => r.arrayBuffer()),
      ]);
      glue.loadPhoneMetadata(new Uint8Array(metadata));
      const t1 = performance.now();
      const p = glue.parsePhone('06 12 34 56 78', 'FR');
      const t2 = performance.now();
      if (!p.valid) throw new Error('wrong');
      return [t1 - t0, t2 - t1];
    }));
    ours.push(await startup(async () => {
      const t0 = performance.now();
      const glue = await import('/pkg/verify8x8.js');
      await glue.default({ module_or_path: '/pkg/verify8x8_bg.wasm' });
      const t1 = performance.now();
      const p = glue.parsePhone('06 12 34 56 78', 'FR');
      const t2 = performance.now();
      if (!p.valid) throw new Error('wrong');
      return [t1 - t0, t2 - t1];
    }));
    lpn.push(await startup(async () => {
      const t0 = performance.now();
      const { parsePhoneNumberWithError } = await import('/lpn.js');
      const t1 = performance.now();
      const p = parsePhoneNumberWithError('06 12 34 56 78', { defaultCountry: 'FR' });
      if (!p.isValid()) throw new Error('wrong');
      return [t1 - t0, performance.now() - t1];
    }));
  }
  const [oursLoad, oursFirst] = [0, 1].map((k) => median(ours.map((x) => x[k])));
  const [lpnLoad, lpnFirst] = [0, 1].map((k) => median(lpn.map((x) => x[k])));
  add('load, libphonenumber-js max bundle: fetch + import (Chromium)', lpnLoad, 'ms', undefined, undefined, 2);
  add('instantiate: fetch + import glue + compile + instantiate wasm (Chromium)', oursLoad, 'ms', 'libphonenumber-js max load', lpnLoad, 2);
  add('first parse after load, libphonenumber-js max (Chromium)', lpnFirst, 'ms', undefined, undefined, 3);
  add('first parse after instantiate (Chromium)', oursFirst, 'ms', 'libphonenumber-js max first parse', lpnFirst, 3);
  const [phoneLoad, phoneFirst] = [0, 1].map((k) => median(phone.map((x) => x[k])));
  add('verify8x8/phone instantiate: glue + wasm + metadata.bin, fetched in parallel (Chromium)', phoneLoad, 'ms', 'libphonenumber-js max load', lpnLoad, 2);
  add('verify8x8/phone first parse after instantiate (Chromium)', phoneFirst, 'ms', 'verify8x8 first parse', oursFirst, 3);

  // Throughput: one page, both libraries, the runners taking turns each round.
  const context = await browser.newContext();
  const page = await context.newPage();
  await page.goto(origin);
  const [lib, single, batch, phoneSingle] = await page.evaluate(async (rounds) => {
    const glue = await import('/pkg/verify8x8.js');
    await glue.default({ module_or_path: '/pkg/verify8x8_bg.wasm' });
    const phone = await import('/pkg/phone/verify8x8_phone.js');
    await phone.default({ module_or_path: '/pkg/phone/verify8x8_phone_bg.wasm' });
    phone.loadPhoneMetadata(new Uint8Array(await (await fetch('/pkg/phone/metadata.bin')).arrayBuffer()));
    const { parsePhoneNumberWithError } = await import('/lpn.js');
    const corpus = await (await fetch('/corpus.json')).json();
    const batches = new Map();
    for (const { input, country } of corpus) {
      const key = country ?? '';
      if (!batches.has(key)) batches.set(key, []);
      batches.get(key).push(input);
    }
    const runners = [
      () => {
        let valid = 0;
        for (const { input, country } of corpus) {
          try {
            const p = parsePhoneNumberWithError(input, country ? { defaultCountry: country } : undefined);
            if (p.isValid() && p.getType() !== undefined) valid++;
          } catch { /* not a number */ }
        }
        return valid;
      },
      () => {
        let valid = 0;
        for (const { input, country } of corpus) {
          const p = glue.parsePhone(input, country);
          if (p.valid && p.type !== null) valid++;
        }
        return valid;
      },
      () => {
        let valid = 0;
        for (const [country, inputs] of batches) {
          for (const p of glue.parsePhones(inputs, country || undefined)) if (p.valid && p.type !== null) valid++;
        }
        return valid;
      },
      () => {
        let valid = 0;
        for (const { input, country } of corpus) {
          const p = phone.parsePhone(input, country);
          if (p.valid && p.type !== null) valid++;
        }
        return valid;
      },
    ];
    for (const run of runners) run();
    const best = runners.map(() => 0);
    for (let r = 0; r < rounds; r++) {
      runners.forEach((run, k) => {
        const t0 = performance.now();
        run();
        best[k] = Math.max(best[k], corpus.length / ((performance.now() - t0) / 1000));
      });
    }
    return best;
  }, ROUNDS);
  await context.close();
  add('phone parse+valid+type, libphonenumber-js max (Chromium)', lib, 'ops/s');
  add('phone parse+valid+type, single calls (Chromium)', single, 'ops/s', 'libphonenumber-js max', lib);
  add('phone parse+valid+type, batch parsePhones (Chromium)', batch, 'ops/s', 'libphonenumber-js max', lib);
  add('phone parse+valid+type, verify8x8/phone single calls (Chromium; goal >= 3x)', phoneSingle, 'ops/s', 'libphonenumber-js max', lib);
  await save('browser', list);
  console.log(JSON.stringify(list, null, 2));
} finally {
  await browser.close();
  server.close();
}
