// Node 20 consumers of the packed tarball: an ES module (`import`) and a
// CommonJS module (`require`), each calling the package with no init step.
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
import { parsePhone } from 'verify8x8';
${PROBE}
if (parsePhone !== v.parsePhone) throw new Error('named and namespace imports differ');
console.log(JSON.stringify(await probe(v)));`,
  });
  checkProbe(run(dir, 'index.mjs'));
});

test('Node CommonJS: require("verify8x8") in a "type": "commonjs" project', async (t) => {
  const dir = await consumer(t, 'node-cjs', {
    'package.json': JSON.stringify({ name: 'consumer-node-cjs', private: true, type: 'commonjs' }),
    'index.js': `'use strict';
const v = require('verify8x8');
const { parsePhone } = require('verify8x8');
${PROBE}
if (parsePhone !== v.parsePhone) throw new Error('two module instances');
probe(v).then((r) => console.log(JSON.stringify(r)));`,
  });
  checkProbe(run(dir, path.join(dir, 'index.js')));
});

test('Node: import and require share one module instance (no dual-package hazard)', async (t) => {
  const dir = await consumer(t, 'node-dual', {
    'index.mjs': `import { createRequire } from 'node:module';
import * as esm from 'verify8x8';
const cjs = createRequire(import.meta.url)('verify8x8');
console.log(JSON.stringify({ same: cjs.parsePhone === esm.parsePhone }));`,
  });
  assert.deepEqual(run(dir, 'index.mjs'), { same: true });
});
