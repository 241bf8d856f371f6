#!/usr/bin/env node
// Generates phone/src/metadata.bin from libphonenumber-js's metadata.max.json
// (the version pinned in package.json). Run by hand after updating that pin:
//
//   node tools/phonegen/generate.mjs           writes phone/src/metadata.bin
//   node tools/phonegen/generate.mjs --check   fails if the committed file differs
//
// The layout is read by phone/src/metadata.rs; see the comment there. Every
// regular expression is compiled by ./regex.mjs into the bytecode that
// phone/src/matcher.rs runs.
import { readFileSync, writeFileSync, existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { compileRegex } from './regex.mjs';

const require = createRequire(import.meta.url);
const root = new URL('../../', import.meta.url);
const out = new URL('phone/src/metadata.bin', root);

const pinned = JSON.parse(readFileSync(new URL('package.json', root))).devDependencies['libphonenumber-js'];
const installed = require('libphonenumber-js/package.json').version;
if (installed !== pinned) {
  console.error(`phonegen: node_modules has libphonenumber-js ${installed}, package.json pins ${pinned}: run npm ci`);
  process.exit(1);
}
const metadata = require('libphonenumber-js/metadata.max.json');

// The order of type patterns in libphonenumber-js's compressed metadata.
export const TYPE_ORDER = [
  'FIXED_LINE', 'MOBILE', 'TOLL_FREE', 'PREMIUM_RATE', 'PERSONAL_NUMBER',
  'VOICEMAIL', 'UAN', 'PAGER', 'VOIP', 'SHARED_COST',
];

// The file is columnar: seven streams, each holding one kind of field for
// every numbering plan in turn, so that similar bytes sit together (gzip,
// applied by whoever serves the wasm, compresses them far better that way).
const STREAMS = ['plans', 'national', 'types', 'formatPatterns', 'formatLeading', 'strings', 'smallRegexes'];
const streams = Object.fromEntries(STREAMS.map((s) => [s, []]));
let current = streams.plans;
const to = (name) => { current = streams[name]; };
const u8 = (v) => {
  if (!(Number.isInteger(v) && v >= 0 && v < 256)) throw new Error(`byte out of range: ${v}`);
  current.push(v);
};
const u16 = (v) => { u8(v & 0xff); u8(v >> 8); };
const varint = (v) => {
  while (v >= 0x80) { u8((v & 0x7f) | 0x80); v >>>= 7; }
  u8(v);
};
// Fields end with a terminator byte instead of a length (it compresses
// better): regexes with END_OF_REGEX, strings with 0.
const END_OF_REGEX = 17;
const field = (name, arr, terminator) => { to(name); for (const b of arr) u8(b); u8(terminator); to('plans'); };
const rx = (name, arr) => field(name, arr, END_OF_REGEX);
const str = (arr) => field('strings', arr, 0);
const lengths = (list) => {
  let mask = 0;
  for (const l of list || []) {
    if (l > 23) throw new Error(`length ${l} does not fit`);
    mask |= 1 << l;
  }
  u8(mask & 0xff); u8((mask >> 8) & 0xff); u8((mask >> 16) & 0xff);
};
// Strings: ASCII, with `$n` (a captured group) written as the byte n.
const text = (s) => {
  const arr = [];
  if (!s) return arr;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c === 36 && /[1-9]/.test(s[i + 1])) { arr.push(s.charCodeAt(i + 1) - 48); i++; continue; }
    if (c < 32 || c > 126) throw new Error(`non-ASCII in ${JSON.stringify(s)}`);
    arr.push(c);
  }
  return arr;
};

// Digit classes: the most frequent masks get one-byte opcodes (CLASS_DICT +
// index), the rest stay CLASS lo hi.
const CLASS = 11;
const CLASS_DICT = 48;
const CLASS_DICT_SIZE = 80;
const allRegexes = [];
for (const plan of Object.values({ ...metadata.countries, ...metadata.nonGeographic })) {
  allRegexes.push(plan[1], plan[2], plan[7], plan[10]);
  for (const t of plan[11] || []) if (t) allRegexes.push(t[0]);
  for (const f of plan[4] || []) allRegexes.push(f[0], f[2] && f[2][f[2].length - 1]);
}
const maskCount = new Map();
for (const r of allRegexes) {
  if (typeof r !== 'string' || !r) continue;
  const code = compileRegex(r);
  walkClasses(code, (mask) => maskCount.set(mask, (maskCount.get(mask) || 0) + 1));
}
const dict = [...maskCount].sort((a, b) => b[1] - a[1] || a[0] - b[0]).slice(0, CLASS_DICT_SIZE).map(([mask]) => mask);
const dictIndex = new Map(dict.map((mask, i) => [mask, i]));

function walkClasses(code, visit) {
  for (let i = 0; i < code.length; i++) {
    if (code[i] === CLASS) { visit((code[i + 1] - 64) | ((code[i + 2] - 64) << 5)); i += 2; } else if (code[i] === 16) i += 2;
  }
}
function regex(source) {
  if (typeof source !== 'string' || !source) return [];
  const code = compileRegex(source);
  const outCode = [];
  for (let i = 0; i < code.length; i++) {
    const b = code[i];
    if (b === CLASS) {
      const mask = (code[i + 1] - 64) | ((code[i + 2] - 64) << 5);
      if (dictIndex.has(mask)) outCode.push(CLASS_DICT + dictIndex.get(mask));
      else outCode.push(b, code[i + 1], code[i + 2]);
      i += 2;
    } else if (b === 16) {
      outCode.push(b, code[i + 1], code[i + 2]);
      i += 2;
    } else outCode.push(b);
  }
  return outCode;
}

function record(code, plan) {
  // Not carried: national_prefix_is_optional_when_formatting (only for
  // formatting without the prefix) and default IDD prefix (only for dialling
  // from abroad).
  const [cc, idd, national, possible, formats, np, npRule, npp, transform, , leading, types, , ext] = plan;
  to('plans');
  u8(code.charCodeAt(0) || 0); u8(code.charCodeAt(1) || 0);
  u16(Number(cc));
  lengths(possible);
  rx('smallRegexes', regex(idd));
  rx('national', regex(national));
  str(text(np || ''));
  str(text(npRule || ''));
  // libphonenumber-js falls back to the national prefix itself.
  rx('smallRegexes', regex(npp || np || ''));
  str(text(transform || ''));
  rx('smallRegexes', regex(leading));
  str(text(ext || ''));
  let present = 0;
  const list = types || [];
  TYPE_ORDER.forEach((_, k) => { if (list[k]) present |= 1 << k; });
  u16(present);
  TYPE_ORDER.forEach((_, k) => {
    if (!list[k]) return;
    rx('types', regex(list[k][0]));
    lengths(list[k][1]);
  });
  const fmts = formats || [];
  u8(fmts.length);
  for (const f of fmts) {
    const [pattern, format, leadingDigits, rule, , intl] = f;
    rx('formatPatterns', regex(pattern));
    str(text(format));
    // Only the last (most precise) leading-digits pattern is used to choose a
    // format; the as-you-type formatter matches it partially instead of
    // stepping through the shorter ones.
    rx('formatLeading', leadingDigits && leadingDigits.length ? regex(leadingDigits[leadingDigits.length - 1]) : []);
    str(text(rule || ''));
    str(intl && intl !== format ? text(intl) : []);
  }
}

const callingCodes = Object.keys(metadata.country_calling_codes).map(Number);
for (const cc of Object.keys(metadata.nonGeographic)) if (!callingCodes.includes(Number(cc))) callingCodes.push(Number(cc));
callingCodes.sort((a, b) => a - b);
const plans = [];
for (const cc of callingCodes) {
  const countries = metadata.country_calling_codes[cc] || [];
  const geo = countries.filter((c) => c.length === 2);
  if (geo.length) for (const c of geo) plans.push([c, metadata.countries[c]]);
  else plans.push(['', metadata.nonGeographic[cc]]);
}
for (const [code, plan] of plans) {
  if (!plan) throw new Error(`no metadata for ${code}`);
  record(code, plan);
}

// Header: layout version, plan count, class dictionary, stream lengths.
const header = [];
current = header;
u8(2);
u16(plans.length);
u8(dict.length);
for (const mask of dict) u16(mask);
for (const name of STREAMS) varint(streams[name].length);
if (process.env.PHONEGEN_STATS) for (const name of STREAMS) console.error(name, streams[name].length, (await import("node:zlib")).gzipSync(Buffer.from(streams[name]), { level: 9 }).length);
const bytes = header.concat(...STREAMS.map((name) => streams[name]));
const buffer = Buffer.from(bytes);
if (process.argv.includes('--check')) {
  const committed = existsSync(out) ? readFileSync(out) : Buffer.alloc(0);
  if (!committed.equals(buffer)) {
    console.error('phonegen: phone/src/metadata.bin is stale: run node tools/phonegen/generate.mjs and commit it');
    process.exit(1);
  }
  console.log(`phonegen: metadata.bin is up to date (${buffer.length} bytes, libphonenumber-js ${pinned}, ${plans.length} numbering plans)`);
} else {
  writeFileSync(out, buffer);
  console.log(`phonegen: wrote phone/src/metadata.bin (${buffer.length} bytes, ${plans.length} numbering plans)`);
}
