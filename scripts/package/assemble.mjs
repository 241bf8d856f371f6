// Turns wasm-pack's `--target web` output in pkg/ into the npm package users
// install: one .wasm and its wasm-bindgen glue (left exactly where they are:
// the sample page, tests and benchmarks load them directly), plus one small
// entry per environment, shared TypeScript types, package.json, README and
// licenses.
//
// The entries re-export the glue with `export *`, so the export list is never
// written down here: a function added to the crate appears in every entry.
//
// The same again for `verify8x8/phone` in pkg/phone/ (its wasm built by
// scripts/package/phone-wasm.sh): entries from entries/phone/, the phone
// metadata as its own file (metadata.bin), and the command that trims it to
// an app's countries (npm/trim-phone.mjs, the package's `bin`).
//
//   node scripts/package/assemble.mjs [pkg-dir]
import { copyFile, readFile, readdir, rm, stat, writeFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import path from 'node:path';

const here = path.dirname(fileURLToPath(import.meta.url));
const root = path.resolve(here, '../..');
const pkg = path.resolve(process.argv[2] ?? path.join(root, 'pkg'));
const GLUE = 'verify8x8.js';
const GLUE_TYPES = 'verify8x8.d.ts';
const WASM = 'verify8x8_bg.wasm';
const PHONE = 'phone';
const PHONE_GLUE = 'verify8x8_phone.js';
const PHONE_GLUE_TYPES = 'verify8x8_phone.d.ts';
const PHONE_WASM = 'verify8x8_phone_bg.wasm';
const TRIM = 'trim-phone.mjs';

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

// wasm-bindgen types a re-exported class as `unknown` (it ignores
// `typescript_type` on reexports): each error class is typed by its
// `...Class` interface (src/js/error.rs), so `instanceof` narrows.
function classTyped(types) {
  return types.replace(/^export let (\w+Error): unknown;$/gm, (line, name) =>
    (types.includes(`export interface ${name}Class `) ? `export const ${name}: ${name}Class;` : line));
}

// 3. Types shared by every entry: the glue's declarations without its loader
// (InitInput, initSync, the default init: the entries load the wasm
// themselves, and those types need the DOM lib), plus `init()`.
async function writeTypes(dir, glueTypesFile, name, example, hidden = []) {
  const glueTypes = classTyped(await readFile(path.join(dir, glueTypesFile), 'utf8'));
  await writeFile(path.join(dir, glueTypesFile), glueTypes);
  const loaderAt = glueTypes.search(/^export type InitInput\b/m);
  if (loaderAt < 0) fail(`${glueTypesFile} has no 'export type InitInput': the wasm-bindgen layout changed`);
  let api = glueTypes
    .slice(0, loaderAt)
    .replace(/^\/\* tslint:disable \*\/\n\/\* eslint-disable \*\/\n/, '')
    .trimEnd();
  // Exports the entries call themselves (with their doc comment).
  for (const fn of hidden) {
    const before = api.length;
    api = api.replace(new RegExp(`\\n(?:/\\*\\*(?:(?!\\*/)[\\s\\S])*\\*/\\n)?export function ${fn}\\([^\\n]*\\n`), '\n');
    if (api.length === before) fail(`${glueTypesFile} declares no ${fn}`);
  }
  // `[Symbol.dispose]` (on classes) is typed by lib esnext.disposable or
  // @types/node; declaring the symbol here keeps the types valid with neither.
  const disposable = api.includes('Symbol.dispose')
    ? '\ndeclare global {\n    interface SymbolConstructor {\n        readonly dispose: unique symbol;\n    }\n}\n'
    : '';
  const types = `// Types of ${name}, shared by every entry (browser, bundlers, Node import
// and require, Cloudflare Workers).
${disposable}
${api}

/**
 * Resolves when ${name} is ready to call. Every entry of this package has
 * loaded its WebAssembly by the time \`import\` (or \`require\`) returns, so this
 * resolves at once; it exists for code that wants one explicit "ready" step.
 *
 * \`\`\`ts
 * import { init, parsePhone } from "${name}";
 * await init(); // optional
 * ${example}
 * \`\`\`
 */
export function init(): Promise<void>;
`;
  await writeFile(path.join(dir, 'index.d.ts'), types);
  await writeFile(path.join(dir, 'index.d.cts'), types);
}
await writeTypes(pkg, GLUE_TYPES, 'verify8x8', 'parsePhone("+44 7400 123456").valid; // true');

// 3b. verify8x8/phone: its wasm and glue (pkg/phone/, scripts/package/phone-wasm.sh),
// entries, the phone metadata as its own file, types; and the trim command.
const phoneDir = path.join(pkg, PHONE);
for (const file of [PHONE_GLUE, PHONE_GLUE_TYPES, PHONE_WASM]) {
  if (!(await exists(path.join(phoneDir, file)))) fail(`${PHONE}/${file} is missing: run scripts/package/phone-wasm.sh`);
}
const phoneEntries = ['browser.js', 'node.mjs', 'node.cjs', 'workerd.js'];
for (const entry of phoneEntries) {
  await copyFile(path.join(here, 'entries', PHONE, entry), path.join(phoneDir, entry));
}
await copyFile(path.join(root, 'phone/src/metadata.bin'), path.join(phoneDir, 'metadata.bin'));
await writeTypes(phoneDir, PHONE_GLUE_TYPES, 'verify8x8/phone', 'parsePhone("+44 7400 123456").valid; // true', ['loadPhoneMetadata']);
await copyFile(path.join(root, 'npm', TRIM), path.join(pkg, TRIM));

// 3c. The shipped glue without its JSDoc: a page without a bundler loads it
// as it is, and the docs live on in the .d.ts files (editors read those).
for (const glueFile of [path.join(pkg, GLUE), path.join(phoneDir, PHONE_GLUE)]) {
  const text = await readFile(glueFile, 'utf8');
  await writeFile(glueFile, text.replace(/^[ \t]*\/\*\*[\s\S]*?\*\/\n/gm, ''));
}

// 3d. verify8x8/phone's glue with its one snippet folded in: wasm-bindgen
// writes the `inline_js` of phone/src/js.rs to snippets/…/inline0.js, which a
// page without a bundler fetches only after the glue; folded in, the entry
// loads in one round trip less. The snippet runs in a scope of its own, so
// only the names the glue imported reach the glue. Idempotent: a glue
// folded already has no snippet import.
{
  const gluePath = path.join(phoneDir, PHONE_GLUE);
  let glue = await readFile(gluePath, 'utf8');
  const imports = [...glue.matchAll(/^import (\{[^}]*\}|\* as (\w+)) from ["'](\.\/snippets\/[^"']+)["'];?\n/gm)];
  const files = [...new Set(imports.map((m) => m[3]))];
  if (files.length > 1) fail(`${PHONE}/${PHONE_GLUE} imports ${files.length} snippets; the fold expects one`);
  if (files.length === 1) {
    const source = await readFile(path.join(phoneDir, files[0]), 'utf8');
    const exported = [...source.matchAll(/^export function (\w+)/gm)].map((m) => m[1]);
    if (/^export (?!function )/m.test(source)) fail(`${files[0]}: only \`export function\` can be folded into the glue`);
    let folded = `// ${files[0]}: the inline JavaScript of phone/src/js.rs, folded in by scripts/package/assemble.mjs.\n`
      + `const phoneSnippet = (() => {\n${source.replace(/^export function /gm, 'function ')}\nreturn { ${exported.join(', ')} };\n})();\n`;
    for (const [line, named, namespace] of imports) {
      glue = glue.replace(line, '');
      folded += namespace ? `const ${namespace} = phoneSnippet;\n` : `const ${named} = phoneSnippet;\n`;
    }
    const firstLineEnd = glue.indexOf('\n') + 1; // after `/* @ts-self-types=… */`
    glue = glue.slice(0, firstLineEnd) + folded + glue.slice(firstLineEnd);
    await writeFile(gluePath, glue);
    await rm(path.join(phoneDir, 'snippets'), { recursive: true, force: true });
  }
}

// 4. README and licenses for npm.
await copyFile(path.join(root, 'npm', 'README.md'), path.join(pkg, 'README.md'));
const licenses = (await readdir(path.join(root, 'npm'))).filter((f) => f.startsWith('LICENSE'));
for (const license of licenses) await copyFile(path.join(root, 'npm', license), path.join(pkg, license));

// 5. package.json.
const esm = (file) => ({ types: './index.d.ts', default: `./${file}` });
const snippets = (await exists(path.join(pkg, 'snippets'))) ? ['snippets/'] : [];
const phoneSnippets = (await exists(path.join(phoneDir, 'snippets'))) ? [`${PHONE}/snippets/`] : [];
const phoneFiles = [...phoneEntries, PHONE_GLUE, PHONE_GLUE_TYPES, PHONE_WASM, 'metadata.bin', 'index.d.ts', 'index.d.cts']
  .map((f) => `${PHONE}/${f}`);
const phoneEsm = (file) => ({ types: `./${PHONE}/index.d.ts`, default: `./${PHONE}/${file}` });
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
    // Phone numbers only, in their own small wasm (same conditions).
    './phone': {
      workerd: phoneEsm('workerd.js'),
      worker: phoneEsm('workerd.js'),
      browser: phoneEsm('browser.js'),
      node: {
        require: { types: `./${PHONE}/index.d.cts`, default: `./${PHONE}/node.cjs` },
        default: phoneEsm('node.mjs'),
      },
      default: phoneEsm('browser.js'),
    },
    './phone/metadata.bin': `./${PHONE}/metadata.bin`,
    './phone/verify8x8_phone_bg.wasm': `./${PHONE}/${PHONE_WASM}`,
    // The wasm-bindgen glue itself: call its default export (async) or
    // initSync yourself, e.g. to host the .wasm elsewhere.
    './web': { types: `./${GLUE_TYPES}`, default: `./${GLUE}` },
    './verify8x8_bg.wasm': `./${WASM}`,
    './package.json': './package.json',
  },
  // Trims verify8x8/phone to an app's countries (see README).
  bin: { 'verify8x8-trim-phone': `./${TRIM}` },
  main: './node.cjs',
  module: './browser.js',
  types: './index.d.ts',
  // The entries instantiate the wasm when imported: bundlers must keep them.
  sideEffects: [...entries, ...phoneEntries.map((e) => `${PHONE}/${e}`), ...snippets, ...phoneSnippets].map((e) =>
    e.endsWith('/') ? `./${e}*` : `./${e}`),
  files: [WASM, GLUE, GLUE_TYPES, ...entries, 'index.d.ts', 'index.d.cts', ...snippets, ...phoneFiles, ...phoneSnippets,
    TRIM, 'README.md', ...licenses],
};
await writeFile(path.join(pkg, 'package.json'), `${JSON.stringify(manifest, null, 2)}\n`);

for (const file of manifest.files) {
  if (!(await exists(path.join(pkg, file)))) fail(`files lists ${file}, which is not in ${pkg}`);
}
console.log(`package: ${manifest.name}@${manifest.version} assembled in ${path.relative(root, pkg) || '.'}`);
