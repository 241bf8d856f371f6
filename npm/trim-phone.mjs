#!/usr/bin/env node
// Writes a copy of the `verify8x8/phone` entry whose phone metadata keeps
// only the numbering plans of the countries you list: an app that serves a
// known list of countries ships only theirs. Plain Node (20.19+), no Rust
// toolchain: it rewrites the metadata file, the wasm is the package's own.
//
//   npx verify8x8-trim-phone --out src/phone-trimmed US GB FR DE SG
//
// Then import from the copy instead of the package, e.g.
// `import { parsePhone } from './phone-trimmed/browser.js'` (or install the
// directory, which has its own package.json: `npm install ./src/phone-trimmed`
// and `import ... from 'verify8x8-phone-trimmed'`). Numbers of any other
// country get `reason: "UNSUPPORTED_COUNTRY"` ("country not supported by
// this build"), never a verdict from the wrong rules. Countries that share a
// calling code with a listed one (all of +1 with US, GG IM JE with GB, ...)
// are kept too: without their rules a number could not be told apart.
import { copyFileSync, cpSync, existsSync, mkdirSync, readFileSync, realpathSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const here = path.dirname(fileURLToPath(import.meta.url));
const PHONE = path.join(here, 'phone');
const COPIED = ['browser.js', 'node.mjs', 'node.cjs', 'workerd.js', 'verify8x8_phone.js', 'verify8x8_phone_bg.wasm',
  'verify8x8_phone.d.ts', 'index.d.ts', 'index.d.cts'];
const LAYOUT = 2;
const END_OF_REGEX = 17;
const TYPE_COUNT = 10;
const STREAMS = ['plans', 'national', 'types', 'formatPatterns', 'formatLeading', 'strings', 'smallRegexes'];

function usage(message) {
  if (message) console.error(`trim-phone: ${message}`);
  console.error('usage: verify8x8-trim-phone [--out DIR] COUNTRY... (ISO 3166-1 codes, e.g. US GB FR DE SG)');
  process.exit(message ? 1 : 0);
}

/** Reads a metadata.bin into its header and its plans, each plan's fields as raw bytes. */
export function readMetadata(bytes) {
  let at = 0;
  const u8 = () => {
    if (at >= bytes.length) throw new Error('metadata.bin ends early');
    return bytes[at++];
  };
  if (u8() !== LAYOUT) throw new Error(`metadata.bin is not of layout ${LAYOUT}`);
  const count = u8() | (u8() << 8);
  const dictLen = u8();
  const dict = bytes.subarray(at, at + 2 * dictLen);
  at += 2 * dictLen;
  const lens = STREAMS.map(() => {
    let value = 0;
    for (let shift = 0; ; shift += 7) {
      const b = u8();
      value += (b & 0x7f) * 2 ** shift;
      if (!(b & 0x80)) return value;
    }
  });
  const s = {};
  for (const [i, name] of STREAMS.entries()) {
    s[name] = { bytes: bytes.subarray(at, at + lens[i]), at: 0 };
    at += lens[i];
  }
  const take = (name, n) => {
    const st = s[name];
    if (st.at + n > st.bytes.length) throw new Error(`metadata.bin: stream ${name} ends early`);
    const out = st.bytes.subarray(st.at, st.at + n);
    st.at += n;
    return out;
  };
  const until = (name, end) => {
    const st = s[name];
    const stop = st.bytes.indexOf(end, st.at);
    if (stop < 0) throw new Error(`metadata.bin: stream ${name} ends early`);
    return take(name, stop - st.at + 1); // with its terminator
  };
  const plans = [];
  for (let i = 0; i < count; i++) {
    const head = take('plans', 7); // region, calling code, lengths
    const fields = [
      ['smallRegexes', until('smallRegexes', END_OF_REGEX)],
      ['national', until('national', END_OF_REGEX)],
      ['strings', until('strings', 0)],
      ['strings', until('strings', 0)],
      ['smallRegexes', until('smallRegexes', END_OF_REGEX)],
      ['strings', until('strings', 0)],
      ['smallRegexes', until('smallRegexes', END_OF_REGEX)],
      ['strings', until('strings', 0)],
    ];
    const presentBytes = take('plans', 2);
    const present = presentBytes[0] | (presentBytes[1] << 8);
    fields.push(['plans', presentBytes]);
    for (let k = 0; k < TYPE_COUNT; k++) {
      if (present & (1 << k)) fields.push(['types', until('types', END_OF_REGEX)], ['plans', take('plans', 3)]);
    }
    const formatCount = take('plans', 1);
    fields.push(['plans', formatCount]);
    for (let f = 0; f < formatCount[0]; f++) {
      fields.push(['formatPatterns', until('formatPatterns', END_OF_REGEX)], ['strings', until('strings', 0)],
        ['formatLeading', until('formatLeading', END_OF_REGEX)], ['strings', until('strings', 0)], ['strings', until('strings', 0)]);
    }
    const region = head[0] ? String.fromCharCode(head[0], head[1]) : null;
    const callingCode = head[2] | (head[3] << 8);
    const stub = fields[1][1].length === 1;
    plans.push({ region, callingCode, head, fields, stub });
  }
  return { dict, plans };
}

/** A stub: the region and its calling code, no rules ("not supported by this build"). */
function stub(plan) {
  const head = Uint8Array.from([plan.head[0], plan.head[1], plan.head[2], plan.head[3], 0, 0, 0]);
  const r = Uint8Array.of(END_OF_REGEX);
  const z = Uint8Array.of(0);
  const fields = [['smallRegexes', r], ['national', r], ['strings', z], ['strings', z], ['smallRegexes', r],
    ['strings', z], ['smallRegexes', r], ['strings', z], ['plans', Uint8Array.of(0, 0)], ['plans', Uint8Array.of(0)]];
  return { ...plan, head, fields, stub: true };
}

/** Writes metadata in the layout phone/src/metadata.rs reads. */
export function writeMetadata({ dict, plans }) {
  const streams = Object.fromEntries(STREAMS.map((n) => [n, []]));
  for (const plan of plans) {
    streams.plans.push(plan.head);
    for (const [name, bytes] of plan.fields) streams[name].push(bytes);
  }
  const joined = STREAMS.map((n) => Buffer.concat(streams[n]));
  const header = [LAYOUT, plans.length & 0xff, plans.length >> 8, dict.length / 2, ...dict];
  for (const stream of joined) {
    let v = stream.length;
    while (v >= 0x80) { header.push((v & 0x7f) | 0x80); v = Math.floor(v / 128); }
    header.push(v);
  }
  return Buffer.concat([Buffer.from(header), ...joined]);
}

/**
 * Keeps the plans of `regions` (and of every region sharing a calling code
 * with one of them); every other plan becomes a stub. Returns the new
 * metadata and the regions kept.
 */
export function trim(metadata, regions) {
  const known = new Map(metadata.plans.filter((p) => p.region).map((p) => [p.region, p]));
  const unknown = regions.filter((r) => !known.has(r));
  if (unknown.length) throw new Error(`unknown countries: ${unknown.join(', ')}`);
  const dropped = regions.filter((r) => known.get(r).stub);
  if (dropped.length) throw new Error(`this metadata is trimmed already and lacks: ${dropped.join(', ')}`);
  const codes = new Set(regions.map((r) => known.get(r).callingCode));
  const plans = metadata.plans.map((p) => (codes.has(p.callingCode) && !p.stub ? p : stub(p)));
  const kept = plans.filter((p) => !p.stub && p.region).map((p) => p.region);
  return { metadata: { dict: metadata.dict, plans }, kept };
}

function main(argv) {
  let out;
  const regions = [];
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    if (a === '--help' || a === '-h') usage();
    else if (a === '--out') out = argv[++i];
    else if (a.startsWith('--out=')) out = a.slice(6);
    else if (a.startsWith('-')) usage(`unknown option ${a}`);
    else regions.push(...a.split(',').filter(Boolean).map((r) => r.trim().toUpperCase()));
  }
  if (!regions.length) usage('no country given');
  if (!out) out = `verify8x8-phone-${regions.join('-').toLowerCase()}`;
  let result;
  try {
    result = trim(readMetadata(readFileSync(path.join(PHONE, 'metadata.bin'))), [...new Set(regions)]);
  } catch (error) {
    usage(error.message);
  }
  const bytes = writeMetadata(result.metadata);
  mkdirSync(out, { recursive: true });
  for (const file of COPIED) copyFileSync(path.join(PHONE, file), path.join(out, file));
  // wasm-bindgen's inline JavaScript, imported by the glue.
  if (existsSync(path.join(PHONE, 'snippets'))) cpSync(path.join(PHONE, 'snippets'), path.join(out, 'snippets'), { recursive: true });
  writeFileSync(path.join(out, 'metadata.bin'), bytes);
  const own = JSON.parse(readFileSync(path.join(here, 'package.json'), 'utf8'));
  const esm = (file) => ({ types: './index.d.ts', default: `./${file}` });
  const manifest = {
    name: 'verify8x8-phone-trimmed',
    version: own.version,
    description: `verify8x8/phone ${own.version} trimmed to ${result.kept.join(' ')} (verify8x8-trim-phone)`,
    license: own.license,
    private: true,
    type: 'module',
    exports: {
      '.': {
        workerd: esm('workerd.js'),
        worker: esm('workerd.js'),
        browser: esm('browser.js'),
        node: { require: { types: './index.d.cts', default: './node.cjs' }, default: esm('node.mjs') },
        default: esm('browser.js'),
      },
      './package.json': './package.json',
    },
    types: './index.d.ts',
    sideEffects: ['./browser.js', './node.mjs', './node.cjs', './workerd.js'],
  };
  writeFileSync(path.join(out, 'package.json'), `${JSON.stringify(manifest, null, 2)}\n`);
  console.log(`trim-phone: wrote ${out} (metadata.bin ${bytes.length} B) for ${result.kept.join(' ')}`);
}

// Run as a command (also through npm's bin link), not when imported.
const invoked = process.argv[1] && realpathSync(process.argv[1]) === realpathSync(fileURLToPath(import.meta.url));
if (invoked) main(process.argv.slice(2));
