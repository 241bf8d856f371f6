// Sizes side by side, gzip -9 and brotli (quality 11): the package (wasm +
// JS glue, one stream) beside libphonenumber-js min, mobile and max bundled
// and minified by esbuild (parse + isValid + getType, as bench/phone.mjs).
// The package's JS is bundled and minified the same way, from an entry that
// re-exports all of it (no tree shaking in its favour); the glue as shipped,
// unminified, is measured too. bench/size.mjs details the package itself.
//
//   node bench/compare-size.mjs   (needs pkg/; writes bench/out/compare-size.json)
import { readFile, readdir, writeFile, mkdir } from 'node:fs/promises';
import { execFileSync } from 'node:child_process';
import { brotliCompressSync, constants, gzipSync } from 'node:zlib';
import { figures, root, save } from './lib.mjs';

const gzip = (b) => gzipSync(b, { level: 9 }).length / 1024;
const brotli = (b) => brotliCompressSync(b, { params: { [constants.BROTLI_PARAM_QUALITY]: 11, [constants.BROTLI_PARAM_SIZE_HINT]: b.length } }).length / 1024;

const tmp = new URL('target/bench-size/', root);
await mkdir(tmp, { recursive: true });
const bundle = async (flavour) => {
  const entry = new URL(`entry-${flavour}.mjs`, tmp);
  const out = new URL(`lpn-${flavour}.js`, tmp);
  await writeFile(entry, `import { parsePhoneNumberWithError } from 'libphonenumber-js/${flavour}';
export function check(input, country) { const p = parsePhoneNumberWithError(input, { defaultCountry: country }); return [p.number, p.isValid(), p.getType()]; }\n`);
  execFileSync(new URL('node_modules/.bin/esbuild', root).pathname, [entry.pathname, '--bundle', '--minify', '--format=esm',
    '--log-level=warning', `--outfile=${out.pathname}`], { cwd: root.pathname });
  return readFile(out);
};

// The wasm, the glue and its snippets (what `import 'verify8x8'` loads in a browser).
const snippets = (await readdir(new URL('pkg/snippets/', root), { recursive: true }).catch(() => []))
  .filter((f) => f.endsWith('.js')).map((f) => new URL(`pkg/snippets/${f}`, root));
const parts = [new URL('pkg/verify8x8_bg.wasm', root), new URL('pkg/verify8x8.js', root), ...snippets];
const pkg = Buffer.concat(await Promise.all(parts.map((u) => readFile(u))));
// The same, bundled and minified by esbuild like libphonenumber-js.
const ownEntry = new URL('entry-verify8x8.mjs', tmp);
const ownOut = new URL('verify8x8.min.js', tmp);
const glueUrl = new URL('pkg/verify8x8.js', root).pathname;
await writeFile(ownEntry, `export * from '${glueUrl}';\nexport { default } from '${glueUrl}';\n`);
execFileSync(new URL('node_modules/.bin/esbuild', root).pathname, [ownEntry.pathname, '--bundle', '--minify', '--format=esm',
  '--log-level=error', `--outfile=${ownOut.pathname}`], { cwd: root.pathname });
const bundled = Buffer.concat([await readFile(parts[0]), await readFile(ownOut)]);
const lpn = {};
for (const flavour of ['min', 'mobile', 'max']) lpn[flavour] = await bundle(flavour);

const { list, add } = figures();
for (const [method, size] of [['gzip -9', gzip], ['brotli 11', brotli]]) {
  for (const flavour of ['min', 'mobile', 'max']) add(`size libphonenumber-js ${flavour} bundled+minified (${method})`, size(lpn[flavour]), 'KB');
  // The goal (issue 16) is on bench/size.mjs's row, measured per entry.
  add(`size package: wasm + JS bundled+minified, one stream (${method})`, size(bundled), 'KB', 'libphonenumber-js max bundled', size(lpn.max));
  add(`size package as shipped: wasm + unminified glue + snippets (${method})`, size(pkg), 'KB', 'libphonenumber-js max bundled', size(lpn.max));
}
await save('compare-size', list);
console.log(JSON.stringify(list, null, 2));
