// What a browser downloads for each entry of the npm package, beside
// libphonenumber-js min, mobile and max, all measured the same way in the
// same run: the entry bundled and minified by esbuild (`--bundle --minify
// --format=esm`), plus every file the bundle loads by
// `new URL('./file', import.meta.url)` (the .wasm, the phone metadata),
// each file compressed on its own (as a server sends them), gzip -9 and
// brotli 11, summed. libphonenumber-js is bundled from an entry calling
// parse + isValid + getType (as bench/phone.mjs).
//
// Entries: `verify8x8` (pkg/browser.js), `verify8x8/phone`
// (pkg/phone/browser.js), and the phone entry trimmed to five countries by
// the package's own command (pkg/trim-phone.mjs, run here into
// target/bench-size/trimmed/). Builds nothing else: run `npm run build`
// first. Prints a table, writes bench/out/size.json.
//
//   node bench/size.mjs
import { execFileSync } from 'node:child_process';
import { mkdir, readFile, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { brotliCompressSync, constants, gzipSync } from 'node:zlib';
import { figures, root, save } from './lib.mjs';

/** The countries of the trimmed build. */
export const TRIMMED = ['US', 'GB', 'FR', 'DE', 'SG'];
/** Goals, KB gzip -9 (issue 16). */
const GOALS = { 'verify8x8': 64, 'verify8x8/phone': 32, [`verify8x8/phone trimmed to ${TRIMMED.join(' ')}`]: 16 };

const ROOT = fileURLToPath(root);
const tmp = path.join(ROOT, 'target/bench-size');
const esbuild = path.join(ROOT, 'node_modules/.bin/esbuild');
const gzip = (b) => gzipSync(b, { level: 9 }).length;
const brotli = (b) =>
  brotliCompressSync(b, { params: { [constants.BROTLI_PARAM_QUALITY]: 11, [constants.BROTLI_PARAM_SIZE_HINT]: b.length } }).length;

/** Bundles and minifies `entry`; returns the files a browser downloads. */
async function downloads(name, entry) {
  const out = path.join(tmp, `${name.replace(/\W+/g, '-')}.min.js`);
  execFileSync(esbuild, [entry, '--bundle', '--minify', '--format=esm', '--log-level=error', `--outfile=${out}`], { cwd: ROOT });
  const js = await readFile(out);
  const files = [{ file: path.basename(out), bytes: js }];
  const assets = new Set([...js.toString().matchAll(/new URL\(\s*["']\.\/([^"']+)["']\s*,\s*import\.meta\.url\s*\)/g)].map((m) => m[1]));
  for (const asset of assets) files.push({ file: asset, bytes: await readFile(path.join(path.dirname(entry), asset)) });
  return files;
}

await rm(tmp, { recursive: true, force: true });
await mkdir(tmp, { recursive: true });
const pkg = path.join(ROOT, 'pkg');
const builds = [];
for (const flavour of ['min', 'mobile', 'max']) {
  const entry = path.join(tmp, `lpn-${flavour}.mjs`);
  await writeFile(entry, `import { parsePhoneNumberWithError } from 'libphonenumber-js/${flavour}';
export function check(input, country) { const p = parsePhoneNumberWithError(input, { defaultCountry: country }); return [p.number, p.isValid(), p.getType()]; }\n`);
  builds.push([`libphonenumber-js ${flavour}`, entry]);
}
builds.push(['verify8x8', path.join(pkg, 'browser.js')]);
builds.push(['verify8x8/phone', path.join(pkg, 'phone/browser.js')]);
const trimmed = path.join(tmp, 'trimmed');
execFileSync(process.execPath, [path.join(pkg, 'trim-phone.mjs'), '--out', trimmed, ...TRIMMED], { cwd: ROOT, stdio: ['ignore', 'ignore', 'inherit'] });
builds.push([`verify8x8/phone trimmed to ${TRIMMED.join(' ')}`, path.join(trimmed, 'browser.js')]);

const { list, add } = figures();
const table = [];
let max;
for (const [name, entry] of builds) {
  const files = await downloads(name, entry);
  const sum = (f) => files.reduce((n, x) => n + f(x.bytes), 0) / 1024;
  const [raw, gz, br] = [sum((b) => b.length), sum(gzip), sum(brotli)];
  const oneStream = gzip(Buffer.concat(files.map((x) => x.bytes))) / 1024;
  if (name === 'libphonenumber-js max') max = gz;
  const goal = GOALS[name] ? `; goal <= ${GOALS[name]} KB` : '';
  add(`size ${name}: bundled+minified, files ${files.map((x) => x.file).join(' + ')} (gzip -9${goal})`, gz, 'KB', max !== undefined && name !== 'libphonenumber-js max' ? 'libphonenumber-js max' : undefined, max);
  add(`size ${name}: bundled+minified (brotli 11)`, br, 'KB');
  add(`size ${name}: bundled+minified, raw`, raw, 'KB');
  add(`size ${name}: bundled+minified as one gzip -9 stream`, oneStream, 'KB');
  for (const x of files) add(`size ${name}: ${x.file} (gzip -9)`, gzip(x.bytes) / 1024, 'KB');
  table.push([name, raw, gz, br, GOALS[name]]);
}
// As shipped: what a page without a bundler downloads (the entry, the glue
// and its snippets unminified, the wasm, the metadata).
async function shipped(dir, entry) {
  const files = [entry];
  const seen = new Set(files);
  for (let i = 0; i < files.length; i++) {
    if (!files[i].endsWith('.js')) continue;
    const text = await readFile(path.join(dir, files[i]), 'utf8');
    const refs = [...text.matchAll(/(?:from\s*|import\s*\(?\s*)["'](\.[^"']+)["']|new URL\(\s*["'](\.\/[^"']+)["']/g)].map((m) => m[1] ?? m[2]);
    for (const ref of refs) {
      const file = path.normalize(path.join(path.dirname(files[i]), ref));
      const exists = await readFile(path.join(dir, file)).then(() => true, () => false); // (refs in comments)
      if (!seen.has(file) && exists) { seen.add(file); files.push(file); }
    }
  }
  return Promise.all(files.map((f) => readFile(path.join(dir, f))));
}
for (const [name, dir] of [['verify8x8', pkg], ['verify8x8/phone', path.join(pkg, 'phone')]]) {
  const files = await shipped(dir, 'browser.js');
  const gz = files.reduce((n, b) => n + gzip(b), 0) / 1024;
  add(`size ${name} as shipped, no bundler: ${files.length} files unminified (gzip -9)`, gz, 'KB');
  table.push([`${name} as shipped (no bundler, unminified)`, files.reduce((n, b) => n + b.length, 0) / 1024, gz, files.reduce((n, b) => n + brotli(b), 0) / 1024]);
}
await save('size', list);

const kb = (n) => n.toFixed(1).padStart(8);
console.log(`${'entry (esbuild --bundle --minify, + wasm and data)'.padEnd(52)}  raw KB  gzip-9 KB  brotli KB  goal`);
for (const [name, raw, gz, br, goal] of table) {
  console.log(`${name.padEnd(52)}${kb(raw)}   ${kb(gz)}   ${kb(br)}  ${goal ? `<= ${goal}${gz <= goal ? ' met' : ' NOT met'}` : ''}`);
}
console.log(`size: wrote bench/out/size.json`);
