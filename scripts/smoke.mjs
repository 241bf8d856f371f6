// Loads the release package exactly as built and calls into it. Fails (exit 1)
// if the wasm does not instantiate or answers wrongly: the guard against a
// wasm-opt that silently breaks release builds. Then checks the Node entries
// of the npm package (node.mjs for `import`, node.cjs for `require`), each in
// its own process, and prints the package's size.
import { execFileSync, spawnSync } from 'node:child_process';
import { readFile, stat } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';

const pkg = new URL('../pkg/', import.meta.url);
const wasmBytes = await readFile(new URL('verify8x8_bg.wasm', pkg));
const glue = await import(new URL('verify8x8.js', pkg));

try {
  glue.initSync({ module: wasmBytes });
} catch (error) {
  console.error('smoke test: the release wasm failed to instantiate:', error);
  process.exit(1);
}

const checks = [
  ['isValidSubAccountId("acme_corp_hq")', glue.isValidSubAccountId('acme_corp_hq'), true],
  ['isValidSubAccountId("ab")', glue.isValidSubAccountId('ab'), false],
  ['parsePhone("+44 7400 123456").e164', glue.parsePhone('+44 7400 123456').e164, '+447400123456'],
];
let failed = 0;
for (const [what, got, want] of checks) {
  if (got !== want) {
    console.error(`smoke test: ${what} returned ${got}, expected ${want}`);
    failed++;
  }
}
if (failed) process.exit(1);

// The Node entries: loaded with no init call, every export of the glue (but
// its loaders) present, and calls answer. A warning on stderr fails too.
const exported = Object.keys(glue).filter((name) => name !== 'default' && name !== 'initSync');
const probe = `
  const want = ${JSON.stringify(exported)};
  const missing = want.concat('init').filter((name) => !(name in v));
  if (missing.length) throw new Error('missing exports: ' + missing.join(', '));
  const phone = v.parsePhone('06 12 34 56 78', 'FR').e164;
  const verdict = v.validateVerification({ destination: '8765 4321', country: 'SG' });
  if (phone !== '+33612345678' || !verdict.ok) throw new Error('wrong answers: ' + phone + ' ' + JSON.stringify(verdict));
`;
// verify8x8/phone: its own wasm and metadata file, phone functions only.
const phoneProbe = `
  const p = v.parsePhone('06 12 34 56 78', 'FR');
  if (p.e164 !== '+33612345678' || p.type !== 'MOBILE') throw new Error('wrong answer: ' + JSON.stringify(p));
  if (v.formatPhone('+33612345678', 'NATIONAL') !== '06 12 34 56 78') throw new Error('wrong format');
  if ('validateVerification' in v) throw new Error('verify8x8/phone exports request validation');
`;
const entries = [
  ['node.mjs (import)', ['--input-type=module', '-e', `import * as v from ${JSON.stringify(new URL('node.mjs', pkg).href)};${probe}`]],
  ['node.cjs (require)', ['-e', `const v = require(${JSON.stringify(fileURLToPath(new URL('node.cjs', pkg)))});${probe}`]],
  ['phone/node.mjs (import)', ['--input-type=module', '-e', `import * as v from ${JSON.stringify(new URL('phone/node.mjs', pkg).href)};${phoneProbe}`]],
  ['phone/node.cjs (require)', ['-e', `const v = require(${JSON.stringify(fileURLToPath(new URL('phone/node.cjs', pkg)))});${phoneProbe}`]],
];
for (const [name, args] of entries) {
  const run = spawnSync(process.execPath, args, { encoding: 'utf8' });
  if (run.status !== 0 || run.stderr.trim()) {
    console.error(`smoke test: entry ${name} failed (exit ${run.status}):\n${run.stderr}`);
    process.exit(1);
  }
}

const jsBytes = (await stat(new URL('verify8x8.js', pkg))).size;
const gz = gzipSync(Buffer.concat([wasmBytes, await readFile(new URL('verify8x8.js', pkg))]), { level: 9 }).length;
console.log(`smoke test: ok (wasm ${wasmBytes.length} B + glue ${jsBytes} B, ${(gz / 1024).toFixed(1)} KB gzipped; entries ${entries.map(([n]) => n).join(', ')})`);

// What `npm pack` would publish (nothing is written).
const [tarball] = JSON.parse(
  execFileSync('npm', ['pack', '--dry-run', '--json', '--loglevel=error'], { cwd: pkg, encoding: 'utf8' }),
);
const kb = (bytes) => `${(bytes / 1024).toFixed(1)} KB`;
console.log(
  `package: ${tarball.filename} ${kb(tarball.size)} packed, ${kb(tarball.unpackedSize)} unpacked, ${tarball.entryCount} files`,
);
