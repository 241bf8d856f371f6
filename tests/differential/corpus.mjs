// A seeded corpus of phone inputs across every region: example numbers and
// random ones, written national, international, with an international
// prefix, and messily, plus perturbations. Shared by the differential test
// and bench/phone.mjs, so both measure the same inputs.
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);
const metadata = require('libphonenumber-js/metadata.max.json');
const examples = require('libphonenumber-js/examples.mobile.json');

/** mulberry32: a small, good, seeded generator. */
export function rng(seed) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const REGIONS = Object.keys(metadata.countries).sort();
const FULL_WIDTH = '０１２３４５６７８９';
const ARABIC_INDIC = '٠١٢٣٤٥٦٧٨٩';
const SEPARATORS = [' ', ' ', ' ', '-', '.', '\u00a0', '/', ''];

/**
 * Builds `count` cases `{ input, country }` (country may be undefined) with
 * the seeded generator.
 */
export function buildCorpus(count, seed = 20261123) {
  const random = rng(seed);
  const pick = (list) => list[Math.floor(random() * list.length)];
  const digit = () => String(Math.floor(random() * 10));
  const cases = [];

  // A national significant number for a region.
  const nationalFor = (region) => {
    const plan = metadata.countries[region];
    const lengths = plan[3];
    const example = examples[region];
    const roll = random();
    if (example && roll < 0.6) {
      // The example with its last digits changed: mostly valid numbers.
      const keep = Math.max(1, example.length - 1 - Math.floor(random() * 4));
      let n = example.slice(0, keep);
      while (n.length < example.length) n += digit();
      return n;
    }
    if (example && roll < 0.7) return example;
    // Random digits of a possible length, first digit not 0.
    const len = pick(lengths);
    let n = String(1 + Math.floor(random() * 9));
    while (n.length < len) n += digit();
    return n;
  };

  const perturb = (n) => {
    const roll = random();
    if (roll < 0.25) return n + digit(); // one digit more
    if (roll < 0.5) return n.slice(0, -1); // one digit less
    if (roll < 0.65) return digit() + n.slice(1); // another first digit
    if (roll < 0.8) { // random digits
      let r = '';
      const len = 1 + Math.floor(random() * 18);
      while (r.length < len) r += digit();
      return r;
    }
    const i = Math.floor(random() * n.length); // one digit changed
    return n.slice(0, i) + digit() + n.slice(i + 1);
  };

  const group = (digits) => {
    // Random grouping with separators, sometimes brackets around the first group.
    let out = '';
    let i = 0;
    const sep = pick(SEPARATORS);
    let first = true;
    while (i < digits.length) {
      const size = 1 + Math.floor(random() * 4);
      const part = digits.slice(i, i + size);
      out += first && random() < 0.15 ? `(${part})` : part;
      i += size;
      if (i < digits.length) out += random() < 0.8 ? sep : pick(SEPARATORS);
      first = false;
    }
    return out;
  };

  const messy = (text) => {
    const roll = random();
    if (roll < 0.05) return [...text].map((c) => (c >= '0' && c <= '9' ? FULL_WIDTH[c] : c)).join('');
    if (roll < 0.1) return [...text].map((c) => (c >= '0' && c <= '9' ? ARABIC_INDIC[c] : c)).join('');
    if (roll < 0.15) return `  ${text}  `;
    if (roll < 0.2) return `tel: ${text}`;
    if (roll < 0.24) return `${text} ext. ${1 + Math.floor(random() * 999)}`;
    if (roll < 0.26) return `${text} x${Math.floor(random() * 99)}`;
    return text;
  };

  const nationalPrefix = (region) => {
    const np = metadata.countries[region][5];
    return typeof np === 'string' ? np : '';
  };

  const simpleIdd = (region) => {
    const idd = metadata.countries[region][1];
    return typeof idd === 'string' && /^\d+$/.test(idd) ? idd : '00';
  };

  // Non-geographic numbers too.
  const nonGeo = Object.entries(metadata.nonGeographic).map(([cc, plan]) => [cc, plan[3]]);

  for (let k = 0; cases.length < count; k++) {
    const region = REGIONS[k % REGIONS.length];
    const cc = metadata.countries[region][0];
    let national = nationalFor(region);
    if (random() < 0.2) national = perturb(national);
    const style = random();
    if (style < 0.3) {
      // National, with the trunk prefix (sometimes a wrong one), default region given.
      let prefix = nationalPrefix(region);
      const r = random();
      if (r < 0.1) prefix = pick(['0', '8', '1', '06', '00']);
      else if (r < 0.3) prefix = '';
      cases.push({ input: messy(group(prefix + national)), country: region });
    } else if (style < 0.55) {
      // International with +, any or no default region.
      const country = random() < 0.5 ? undefined : pick(REGIONS);
      cases.push({ input: messy(`+${cc} ${group(national)}`), country });
    } else if (style < 0.7) {
      // With the international prefix of the default region.
      const country = pick(REGIONS);
      cases.push({ input: messy(`${simpleIdd(country)} ${cc} ${group(national)}`), country });
    } else if (style < 0.8) {
      // Calling code without + (the default region's own).
      cases.push({ input: messy(`${cc}${national}`), country: region });
    } else if (style < 0.84) {
      // No country and no +: 8x8 reads it as international.
      const prefix = pick(['', '', '00', '011']);
      cases.push({ input: messy(`${prefix}${cc} ${group(national)}`), country: undefined });
    } else if (style < 0.88) {
      // E.164 as is.
      cases.push({ input: `+${cc}${national}`, country: undefined });
    } else if (style < 0.92) {
      // Non-geographic.
      const [code, lengths] = pick(nonGeo);
      let n = String(1 + Math.floor(random() * 9));
      const len = pick(lengths);
      while (n.length < len) n += digit();
      cases.push({ input: `+${code} ${group(n)}`, country: undefined });
    } else if (style < 0.935) {
      // Fuzz: random strings over digits, punctuation, extension labels.
      const alphabet = ['1', '2', '3', '0', '7', '9', ' ', '-', '+', '(', ')', '.', '#', 'x', ';', ',', 'ext', 'a', '*', '\uff0b', '\u00a0', '/', '~', 'int', ';ext='];
      let text = random() < 0.5 ? `+${cc}` : '';
      const len = Math.floor(random() * 16);
      for (let j = 0; j < len; j++) text += random() < 0.6 ? digit() : pick(alphabet);
      cases.push({ input: text, country: random() < 0.5 ? region : undefined });
    } else if (style < 0.96) {
      // Junk and near-junk.
      const junk = pick(['', 'abc', '+', '++44', '12', '1', '+0 123 456', '+999 123456', 'call me', '(((', '#123', `+${cc}`]);
      cases.push({ input: junk, country: random() < 0.5 ? region : undefined });
    } else {
      // A national number under the wrong region.
      cases.push({ input: group(nationalPrefix(region) + national), country: pick(REGIONS) });
    }
  }
  return cases;
}
