// Node 20 consumers of the packed tarball: an ES module (`import`) and a
// CommonJS module (`require`), each calling the package and its
// `verify8x8/phone` entry with no init step; and the package's command that
// trims the phone entry to a few countries.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { PROBE, checkProbe, consumer } from './helpers.mjs';

function run(dir, file) {
  const out = spawnSync(process.execPath, [file], { cwd: dir, encoding: 'utf8' });
  assert.equal(out.status, 0, `node ${file} failed:\n${out.stderr}`);
  assert.equal(out.stderr, '', `node ${file} wrote to stderr (a warning?)`);
  return JSON.parse(out.stdout);
}

test('Node ESM: import { parsePhone, validateVerification } from "verify8x8"', async (t) => {
  const dir = await consumer(t, 'node-esm', {
    'index.mjs': `import * as v from 'verify8x8';
import * as p from 'verify8x8/phone';
import { parsePhone } from 'verify8x8';
${PROBE}
if (parsePhone !== v.parsePhone) throw new Error('named and namespace imports differ');
console.log(JSON.stringify(await probe(v, p)));`,
  });
  checkProbe(run(dir, 'index.mjs'));
});

test('Node CommonJS: require("verify8x8") in a "type": "commonjs" project', async (t) => {
  const dir = await consumer(t, 'node-cjs', {
    'package.json': JSON.stringify({ name: 'consumer-node-cjs', private: true, type: 'commonjs' }),
    'index.js': `'use strict';
const v = require('verify8x8');
const p = require('verify8x8/phone');
const { parsePhone } = require('verify8x8');
${PROBE}
if (parsePhone !== v.parsePhone) throw new Error('two module instances');
probe(v, p).then((r) => console.log(JSON.stringify(r)));`,
  });
  checkProbe(run(dir, path.join(dir, 'index.js')));
});

test('Node: import and require share one module instance (no dual-package hazard)', async (t) => {
  const dir = await consumer(t, 'node-dual', {
    'index.mjs': `import { createRequire } from 'node:module';
import * as esm from 'verify8x8';
import * as phone from 'verify8x8/phone';
const require = createRequire(import.meta.url);
console.log(JSON.stringify({
  same: require('verify8x8').parsePhone === esm.parsePhone,
  samePhone: require('verify8x8/phone').parsePhone === phone.parsePhone,
}));`,
  });
  assert.deepEqual(run(dir, 'index.mjs'), { same: true, samePhone: true });
});

test('npx verify8x8-trim-phone: a phone build for five countries, imported by path (ESM) and installed (CJS)', async (t) => {
  const dir = await consumer(t, 'trim', {
    'index.mjs': `import * as p from './phone-trimmed/node.mjs';
const fr = p.parsePhone('06 12 34 56 78', 'FR');
const it = p.parsePhone('+39 06 4991 1234');
console.log(JSON.stringify({ e164: fr.e164, type: fr.type, it: it.reason, regions: p.phoneRegions().map((r) => r.region).includes('IT') }));`,
    'index.cjs': `const p = require('verify8x8-phone-trimmed');
console.log(JSON.stringify({ e164: p.parsePhone('+65 8765 4321').e164, de: p.parsePhone('030 123456', 'DE').valid, jp: p.parsePhone('090-1234-5678', 'JP').reason }));`,
  });
  const trim = spawnSync(path.join(dir, 'node_modules/.bin/verify8x8-trim-phone'), ['--out', 'phone-trimmed', 'US', 'GB', 'FR', 'DE', 'SG'], { cwd: dir, encoding: 'utf8' });
  assert.equal(trim.status, 0, `verify8x8-trim-phone failed:\n${trim.stderr}`);
  assert.deepEqual(run(dir, 'index.mjs'), { e164: '+33612345678', type: 'MOBILE', it: 'UNSUPPORTED_COUNTRY', regions: false });
  spawnSync('npm', ['install', '--no-audit', '--no-fund', '--loglevel=error', './phone-trimmed'], { cwd: dir });
  assert.deepEqual(run(dir, path.join(dir, 'index.cjs')), { e164: '+6587654321', de: true, jp: 'UNSUPPORTED_COUNTRY' });
});
