// Differential test of a trimmed phone build: the package's own command
// (pkg/trim-phone.mjs, as `npx verify8x8-trim-phone` runs it) trims
// verify8x8/phone to five countries; on the seeded corpus of
// tests/differential/corpus.mjs the trimmed build must answer exactly like
// the full phone entry (pkg/phone/) on every number of its countries, and on
// every other input (other countries, and what is no number at all) either
// exactly like it or "country not supported by this build"
// (UNSUPPORTED_COUNTRY, no E.164): never another verdict.
//
//   node --test tests/differential/trimmed.test.mjs      (needs `npm run build`)
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { buildCorpus } from './corpus.mjs';

const COUNTRIES = ['US', 'GB', 'FR', 'DE', 'SG'];
const COUNT = Number(process.env.PHONE_DIFF_COUNT || 100_000);
const pkg = new URL('../../pkg/', import.meta.url);

const dir = await mkdtemp(path.join(tmpdir(), 'verify8x8-trimmed-'));
test.after(() => rm(dir, { recursive: true, force: true }));
execFileSync(process.execPath, [new URL('trim-phone.mjs', pkg).pathname, '--out', dir, ...COUNTRIES], { stdio: 'ignore' });
const full = await import(new URL('phone/node.mjs', pkg));
const trimmed = await import(pathToFileURL(path.join(dir, 'node.mjs')));

const kept = new Set(trimmed.phoneRegions().map((r) => r.region));
const keptCodes = new Set(trimmed.phoneRegions().map((r) => r.callingCode));

test('the trimmed build keeps the listed countries and those sharing their calling codes, nothing else', () => {
  for (const c of COUNTRIES) assert.ok(kept.has(c), `${c} kept`);
  assert.ok(kept.has('CA') && kept.has('JE'), 'CA (+1 with US) and JE (+44 with GB) kept');
  assert.ok(!kept.has('IT') && !kept.has('JP'), 'IT and JP left out');
  assert.equal(keptCodes.size, 5);
});

test('a number of another country: "country not supported by this build", never a verdict', () => {
  for (const [input, country] of [['+39 06 4991 1234'], ['06 4991 1234', 'IT'], ['+81 90 1234 5678', 'FR']]) {
    const p = trimmed.parsePhone(input, country);
    assert.equal(p.reason, 'UNSUPPORTED_COUNTRY', `${input} ${country}`);
    assert.equal(p.valid, false);
    assert.equal(p.e164, null);
  }
  // A listed country's number with a left-out default country: `+` needs none.
  assert.equal(trimmed.parsePhone('+33 6 12 34 56 78', 'IT').e164, '+33612345678');
  assert.equal(trimmed.formatPhone('+390649911234', 'NATIONAL'), undefined);
});

test(`agrees with the full phone entry on every number of ${COUNTRIES.join(' ')} (${COUNT} inputs)`, () => {
  const corpus = buildCorpus(COUNT, Number(process.env.PHONE_DIFF_SEED || 20261123));
  let own = 0;
  let unsupported = 0;
  const wrong = [];
  for (const { input, country } of corpus) {
    const a = full.parsePhone(input, country);
    const b = trimmed.parsePhone(input, country);
    // A number of the kept countries: the full entry built its E.164 with a
    // kept calling code, reading it with a kept default country (or none).
    const ours = (!country || kept.has(country)) && a.e164 !== null && keptCodes.has(a.countryCallingCode);
    if (ours) {
      own++;
      if (JSON.stringify(a) !== JSON.stringify(b)) wrong.push({ input, country, full: a, trimmed: b });
    } else if (JSON.stringify(a) !== JSON.stringify(b)) {
      unsupported++;
      if (b.reason !== 'UNSUPPORTED_COUNTRY' || b.e164 !== null || b.valid) wrong.push({ input, country, full: a, trimmed: b });
    }
  }
  console.log(`# ${own} numbers of the kept countries, all equal; ${unsupported} others answered UNSUPPORTED_COUNTRY`);
  assert.ok(own >= 2000, `only ${own} inputs of the kept countries`);
  assert.deepEqual(wrong.slice(0, 5), [], `${wrong.length} disagreements`);
});

test('as-you-type and formatting agree on the kept countries', () => {
  for (const [e164, region] of [['+14155552671', 'US'], ['+447400123456', 'GB'], ['+33612345678', 'FR'], ['+4915123456789', 'DE'], ['+6587654321', 'SG']]) {
    for (const format of ['E.164', 'INTERNATIONAL', 'NATIONAL']) {
      assert.equal(trimmed.formatPhone(e164, format), full.formatPhone(e164, format), `${e164} ${format}`);
    }
    const national = full.formatPhone(e164, 'NATIONAL');
    const [x, y] = [new full.AsYouType(region), new trimmed.AsYouType(region)];
    for (let i = 1; i <= national.length; i++) assert.deepEqual(y.input(national.slice(0, i)), x.input(national.slice(0, i)));
  }
});
