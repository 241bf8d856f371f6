// The size of the built npm package: the wasm, the JS glue, and both
// together, raw, gzip -9 and brotli (quality 11), as a browser downloads
// them. Builds nothing: run `npm run build` first. Prints a table and writes
// bench/out/size.json (an array of {name, value, unit}) for `npm run bench`.
//
//   node bench/size.mjs            # reads pkg/
//   node bench/size.mjs some/pkg/  # reads another build of the package
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { brotliCompressSync, constants, gzipSync } from 'node:zlib';

const root = new URL('../', import.meta.url);
const pkg = process.argv[2] ? new URL(`file://${process.argv[2].replace(/\/?$/, '/')}`) : new URL('pkg/', root);

let wasm, glue;
try {
  wasm = await readFile(new URL('verify8x8_bg.wasm', pkg));
  glue = await readFile(new URL('verify8x8.js', pkg));
} catch (error) {
  console.error(`size: cannot read the package in ${pkg.pathname} (run \`npm run build\` first): ${error.message}`);
  process.exit(1);
}

const gzip = (bytes) => gzipSync(bytes, { level: 9 }).length;
const brotli = (bytes) =>
  brotliCompressSync(bytes, {
    params: {
      [constants.BROTLI_PARAM_QUALITY]: 11,
      [constants.BROTLI_PARAM_SIZE_HINT]: bytes.length,
    },
  }).length;

// "package" compresses wasm and glue as one stream, the way scripts/smoke.mjs
// reports it; a server sends them as two files, each compressed on its own
// (the sum of the two rows above it).
const parts = [
  ['wasm', wasm],
  ['glue', glue],
  ['package', Buffer.concat([wasm, glue])],
];
const figures = [];
for (const [part, bytes] of parts) {
  figures.push({ name: `size.${part}.raw`, value: bytes.length, unit: 'B' });
  figures.push({ name: `size.${part}.gzip9`, value: gzip(bytes), unit: 'B' });
  figures.push({ name: `size.${part}.brotli`, value: brotli(bytes), unit: 'B' });
}

const kb = (n) => (n / 1024).toFixed(1).padStart(7);
console.log('part        raw KB  gzip-9 KB  brotli KB');
for (const [part] of parts) {
  const [raw, gz, br] = figures.filter((f) => f.name.startsWith(`size.${part}.`)).map((f) => f.value);
  console.log(`${part.padEnd(9)} ${kb(raw)}    ${kb(gz)}    ${kb(br)}`);
}

const out = new URL('bench/out/', root);
await mkdir(out, { recursive: true });
await writeFile(new URL('size.json', out), `${JSON.stringify(figures, null, 2)}\n`);
console.log(`size: wrote ${new URL('size.json', out).pathname}`);
