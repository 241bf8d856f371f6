// Loads the release package exactly as built and calls into it. Fails (exit 1)
// if the wasm does not instantiate or answers wrongly: the guard against a
// wasm-opt that silently breaks release builds.
import { readFile, stat } from 'node:fs/promises';
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
];
let failed = 0;
for (const [what, got, want] of checks) {
  if (got !== want) {
    console.error(`smoke test: ${what} returned ${got}, expected ${want}`);
    failed++;
  }
}
if (failed) process.exit(1);

const jsBytes = (await stat(new URL('verify8x8.js', pkg))).size;
const gz = gzipSync(Buffer.concat([wasmBytes, await readFile(new URL('verify8x8.js', pkg))]), { level: 9 }).length;
console.log(`smoke test: ok (wasm ${wasmBytes.length} B + glue ${jsBytes} B, ${(gz / 1024).toFixed(1)} KB gzipped)`);
