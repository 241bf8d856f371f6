// Differential test: our parser (the release package in pkg/, built by
// `npm run build`) against libphonenumber-js `max` on the same seeded corpus,
// in the same Node process. Compares (E.164, valid, type); requires at least
// 99.99 % agreement and prints every class of disagreement with examples
// (explained in docs/phone-differences.md).
//
//   node --test tests/differential/phone.test.mjs
//   PHONE_DIFF_COUNT=200000 PHONE_DIFF_SHOW=20 node --test tests/differential/
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { parsePhoneNumberWithError } from 'libphonenumber-js/max';
import { buildCorpus } from './corpus.mjs';

const COUNT = Number(process.env.PHONE_DIFF_COUNT || 100_000);
const SHOW = Number(process.env.PHONE_DIFF_SHOW || 3);
const MIN_AGREEMENT = 0.9999;

const pkg = new URL('../../pkg/', import.meta.url);
const glue = await import(new URL('verify8x8.js', pkg));
glue.initSync({ module: await readFile(new URL('verify8x8_bg.wasm', pkg)) });
// verify8x8/phone: its own wasm, the metadata file handed over at start.
const phoneGlue = await import(new URL('phone/verify8x8_phone.js', pkg));
phoneGlue.initSync({ module: await readFile(new URL('phone/verify8x8_phone_bg.wasm', pkg)) });
assert.ok(phoneGlue.loadPhoneMetadata(await readFile(new URL('phone/metadata.bin', pkg))));

/**
 * libphonenumber-js's answer. Without a country, 8x8 (and we) read a number
 * typed without `+` as international, after an optional `00` or `011`;
 * libphonenumber-js gives up (INVALID_COUNTRY). For those inputs the
 * reference is libphonenumber-js's answer for the same digits after `+`
 * (docs/phone-differences.md, "no country, no +").
 */
function reference(input, country) {
  if (!country) {
    const start = input.search(/[+\uff0b0-9\uff10-\uff19\u0660-\u0669\u06f0-\u06f9]/);
    if (start >= 0 && !/[+\uff0b]/.test(input[start])) {
      const rest = toAscii(input.slice(start)).replace(/^(?:011|00)(?=[1-9])/, '');
      return parseReference(`+${rest}`, undefined);
    }
  }
  return parseReference(input, country);
}

/** Unicode digits (those libphonenumber-js knows) to ASCII. */
function toAscii(text) {
  return text.replace(/[\uff10-\uff19\u0660-\u0669\u06f0-\u06f9]/g, (c) => {
    const code = c.charCodeAt(0);
    const zero = code >= 0xff10 ? 0xff10 : code >= 0x06f0 ? 0x06f0 : 0x0660;
    return String(code - zero);
  });
}

function parseReference(input, country) {
  try {
    const p = parsePhoneNumberWithError(input, country ? { defaultCountry: country } : undefined);
    const valid = p.isValid();
    return { e164: p.number, valid, type: valid ? p.getType() ?? null : null };
  } catch {
    return { e164: null, valid: false, type: null };
  }
}

function ours(input, country) {
  const p = glue.parsePhone(input, country);
  return { e164: p.e164, valid: p.valid, type: p.type };
}

/** Names the kind of a disagreement, to group them. */
function classify(c, a, b) {
  if (/[\uff0b]/.test(c.input)) return 'full-width plus';
  if (!c.country && !/^[^0-9\uff10-\uff19\u0660-\u0669\u06f0-\u06f9]*[+]/.test(c.input)) return 'no country, no +';
  if (a.e164 === null && b.e164 !== null) return `we parse, libphonenumber-js throws`;
  if (a.e164 !== null && b.e164 === null) return `libphonenumber-js parses, we fail`;
  if (a.e164 !== b.e164) return 'different E.164';
  if (a.valid !== b.valid) return 'different validity';
  return 'different type';
}

const corpus = buildCorpus(COUNT, Number(process.env.PHONE_DIFF_SEED || 20261123));

test(`corpus covers every region (${COUNT} inputs)`, () => {
  assert.ok(corpus.length >= 100_000 || COUNT < 100_000);
  const regions = new Set(corpus.map((c) => c.country).filter(Boolean));
  assert.ok(regions.size >= 240, `only ${regions.size} regions`);
});

test(`agrees with libphonenumber-js max on at least ${MIN_AGREEMENT * 100} %`, () => {
  const classes = new Map();
  let agree = 0;
  for (const c of corpus) {
    const a = reference(c.input, c.country);
    const b = ours(c.input, c.country);
    if (a.e164 === b.e164 && a.valid === b.valid && a.type === b.type) {
      agree++;
      continue;
    }
    const kind = classify(c, a, b);
    if (!classes.has(kind)) classes.set(kind, []);
    classes.get(kind).push({ ...c, libphonenumber: a, ours: b });
  }
  const rate = agree / corpus.length;
  console.log(`# agreement: ${agree}/${corpus.length} = ${(rate * 100).toFixed(3)} %`);
  for (const [kind, list] of classes) {
    console.log(`# ${kind}: ${list.length}`);
    for (const d of list.slice(0, SHOW)) console.log(`#   ${JSON.stringify(d)}`);
  }
  assert.ok(rate >= MIN_AGREEMENT, `agreement ${(rate * 100).toFixed(3)} % < ${MIN_AGREEMENT * 100} %`);
});

test('the verify8x8/phone entry answers exactly like the whole package', () => {
  let differ = 0;
  const shown = [];
  for (const { input, country } of corpus) {
    const a = glue.parsePhone(input, country);
    const b = phoneGlue.parsePhone(input, country);
    if (JSON.stringify(a) !== JSON.stringify(b)) {
      differ++;
      if (shown.length < SHOW) shown.push({ input, country, whole: a, phone: b });
    }
  }
  assert.equal(differ, 0, `${differ} differences: ${JSON.stringify(shown)}`);
});

test('batch and single calls agree', () => {
  const sample = corpus.slice(0, 2000).filter((c) => c.country === 'FR' || c.country === undefined);
  const byCountry = new Map();
  for (const c of sample) {
    const key = c.country ?? '';
    if (!byCountry.has(key)) byCountry.set(key, []);
    byCountry.get(key).push(c.input);
  }
  for (const [country, inputs] of byCountry) {
    const batch = glue.parsePhones(inputs, country || undefined);
    assert.equal(batch.length, inputs.length);
    inputs.forEach((input, i) => assert.deepEqual(batch[i], glue.parsePhone(input, country || undefined)));
  }
});
