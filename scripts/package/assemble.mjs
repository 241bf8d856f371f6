// Turns wasm-pack's `--target web` output in pkg/ into the npm package users
// install: one .wasm and its wasm-bindgen glue (left exactly where they are:
// the sample page, tests and benchmarks load them directly), plus one small
// entry per environment, shared TypeScript types, package.json, README and
// licenses.
//
// The entries re-export the glue with `export *`, so the export list is never
// written down here: a function added to the crate appears in every entry.
//
//   node scripts/package/assemble.mjs [pkg-dir]
import { copyFile, readFile, readdir, stat, writeFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import path from 'node:path';

const here = path.dirname(fileURLToPath(import.meta.url));
const root = path.resolve(here, '../..');
const pkg = path.resolve(process.argv[2] ?? path.join(root, 'pkg'));
const GLUE = 'verify8x8.js';
const GLUE_TYPES = 'verify8x8.d.ts';
const WASM = 'verify8x8_bg.wasm';

function fail(message) {
  console.error(`package: ${message}`);
  process.exit(1);
}

const exists = (file) => stat(file).then(() => true, () => false);

// 1. What wasm-pack produced, and what the entries rely on in it.
const built = JSON.parse(await readFile(path.join(pkg, 'package.json'), 'utf8'));
const glue = await readFile(path.join(pkg, GLUE), 'utf8');
if (!/export \{[^}]*\binitSync\b[^}]*\bas default\b[^}]*\}/.test(glue)) {
  fail(`${GLUE} does not export initSync and a default init: is it a wasm-bindgen --target web build?`);
}
if (!(await exists(path.join(pkg, WASM)))) fail(`${WASM} is missing from ${pkg}`);

// 2. The entries, verbatim.
const entries = ['browser.js', 'node.mjs', 'node.cjs', 'workerd.js'];
for (const entry of entries) {
  await copyFile(path.join(here, 'entries', entry), path.join(pkg, entry));
}

// 3. Types shared by every entry: the glue's declarations without its loader
// (InitInput, initSync, the default init: the entries load the wasm
// themselves, and those types need the DOM lib), plus `init()`.
const glueTypes = await readFile(path.join(pkg, GLUE_TYPES), 'utf8');
const loaderAt = glueTypes.search(/^export type InitInput\b/m);
if (loaderAt < 0) fail(`${GLUE_TYPES} has no 'export type InitInput': the wasm-bindgen layout changed`);
const api = glueTypes
  .slice(0, loaderAt)
  .replace(/^\/\* tslint:disable \*\/\n\/\* eslint-disable \*\/\n/, '')
  .trimEnd();
// `[Symbol.dispose]` (on classes) is typed by lib esnext.disposable or
// @types/node; declaring the symbol here keeps the types valid with neither.
const disposable = api.includes('Symbol.dispose')
  ? '\ndeclare global {\n    interface SymbolConstructor {\n        readonly dispose: unique symbol;\n    }\n}\n'
  : '';
const types = `// Types of verify8x8, shared by every entry of the package (browser,
// bundlers, Node import and require, Cloudflare Workers).
${disposable}
${api}

/**
 * Resolves when verify8x8 is ready to call. Every entry of this package has
 * loaded its WebAssembly by the time \`import\` (or \`require\`) returns, so this
 * resolves at once; it exists for code that wants one explicit "ready" step
 * (and for \`verify8x8/web\`, whose default export is the real loader).
 *
 * \`\`\`ts
 * import { init, parsePhone } from "verify8x8";
 * await init(); // optional
 * parsePhone("+44 7400 123456").valid; // true
 * \`\`\`
 */
export function init(): Promise<void>;
`;
await writeFile(path.join(pkg, 'index.d.ts'), types);
await writeFile(path.join(pkg, 'index.d.cts'), types);

// 4. README and licenses for npm.
await copyFile(path.join(root, 'npm', 'README.md'), path.join(pkg, 'README.md'));
const licenses = (await readdir(path.join(root, 'npm'))).filter((f) => f.startsWith('LICENSE'));
for (const license of licenses) await copyFile(path.join(root, 'npm', license), path.join(pkg, license));

// 5. package.json.
const esm = (file) => ({ types: './index.d.ts', default: `./${file}` });
const snippets = (await exists(path.join(pkg, 'snippets'))) ? ['snippets/'] : [];
const manifest = {
  name: 'verify8x8',
  version: built.version,
  description: built.description,
  license: built.license,
  repository: built.repository,
  keywords: ['8x8', 'verify', 'otp', 'phone', 'e164', 'sms', 'validation', 'webassembly', 'cloudflare-workers'],
  type: 'module',
  engines: { node: '>=20.19' },
  exports: {
    '.': {
      // Order matters: wrangler resolves with workerd, worker and browser.
      workerd: esm('workerd.js'),
      worker: esm('workerd.js'),
      browser: esm('browser.js'),
      node: {
        require: { types: './index.d.cts', default: './node.cjs' },
        default: esm('node.mjs'),
      },
      default: esm('browser.js'),
    },
    // The wasm-bindgen glue itself: call its default export (async) or
    // initSync yourself, e.g. to host the .wasm elsewhere.
    './web': { types: `./${GLUE_TYPES}`, default: `./${GLUE}` },
    './verify8x8_bg.wasm': `./${WASM}`,
    './package.json': './package.json',
  },
  main: './node.cjs',
  module: './browser.js',
  types: './index.d.ts',
  // The entries instantiate the wasm when imported: bundlers must keep them.
  sideEffects: entries.map((e) => `./${e}`).concat(snippets.map((s) => `./${s}*`)),
  files: [WASM, GLUE, GLUE_TYPES, ...entries, 'index.d.ts', 'index.d.cts', ...snippets, 'README.md', ...licenses],
};
await writeFile(path.join(pkg, 'package.json'), `${JSON.stringify(manifest, null, 2)}\n`);

for (const file of manifest.files) {
  if (!(await exists(path.join(pkg, file)))) fail(`files lists ${file}, which is not in ${pkg}`);
}
console.log(`package: ${manifest.name}@${manifest.version} assembled in ${path.relative(root, pkg) || '.'}`);
