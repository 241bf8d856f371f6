// Request validation per second in Node (validateVerification on a
// realistic mix: SMS, call, WhatsApp, templates, national numbers with a
// country, about a quarter of them invalid), and instantiation and first-call
// latency in fresh Node processes.
//
// Anchor of validation: libphonenumber-js max parse + isValid of the same
// destinations only (the least a JavaScript validator would do; it checks
// none of the other fields).
//
//   node bench/validate.mjs     (needs pkg/; writes bench/out/validate.json)
import { readFile } from 'node:fs/promises';
import { execFileSync } from 'node:child_process';
import { performance } from 'node:perf_hooks';
import { parsePhoneNumberWithError } from 'libphonenumber-js/max';
import { buildCorpus, rng } from '../tests/differential/corpus.mjs';
import { figures, root, save } from './lib.mjs';

const glue = await import(new URL('pkg/verify8x8.js', root));
glue.initSync({ module: await readFile(new URL('pkg/verify8x8_bg.wasm', root)) });

const COUNT = 5_000;
const ROUNDS = 7;
const random = rng(7);
const pick = (xs) => xs[Math.floor(random() * xs.length)];
const shapes = [
  (d) => ({ ...d, brand: 'ACME' }),
  (d) => ({ ...d, channel: 'sms', codeLength: 6, codeValidity: 300, language: 'en-GB', sms: { encoding: 'GSM7' } }),
  (d) => ({ ...d, channel: 'call', codeLength: 4, call: { speed: 1.2, repetition: 2 }, language: 'en-US' }),
  (d) => ({ ...d, channel: 'whatsapp', whatsapp: { templateName: 'otp_code' } }),
  (d) => ({ ...d, brand: 'Shop', template: 'Your {brand} code is {code}', codeType: 'ALPHANUMERIC_EASY', resendingInterval: 60 }),
  (d) => ({ ...d, codeLength: 42 }), // invalid: out of range
  (d) => ({ ...d, chanel: 'sms' }), // invalid: unknown field
];
// Form submissions: mostly numbers that are valid (as libphonenumber-js
// judges them), some not; one request shape in six is invalid by design.
const isValid = ({ input, country }) => {
  try { return parsePhoneNumberWithError(input, country ? { defaultCountry: country } : undefined).isValid(); } catch { return false; }
};
const corpus = buildCorpus(4 * COUNT, 99);
const valid = corpus.filter(isValid), invalid = corpus.filter((c) => !isValid(c));
const valids = shapes.slice(0, 5), invalids = shapes.slice(5);
const requests = Array.from({ length: COUNT }, () => {
  const { input, country } = pick(random() < 0.9 ? valid : invalid);
  const destination = country ? { destination: input, country } : { destination: input };
  return pick(random() < 5 / 6 ? valids : invalids)(destination);
});

const ours = () => {
  let ok = 0;
  for (const request of requests) if (glue.validateVerification(request).ok) ok++;
  return ok;
};
const anchor = () => {
  let ok = 0;
  for (const { destination, country } of requests) {
    try {
      if (parsePhoneNumberWithError(destination, country ? { defaultCountry: country } : undefined).isValid()) ok++;
    } catch { /* not a number */ }
  }
  return ok;
};
const best = [0, 0];
[ours, anchor].forEach((run) => run());
for (let r = 0; r < ROUNDS; r++) {
  [ours, anchor].forEach((run, k) => {
    const t0 = performance.now();
    run();
    best[k] = Math.max(best[k], requests.length / ((performance.now() - t0) / 1000));
  });
}
const { list, add } = figures();
const okShare = ours() / requests.length;
add('libphonenumber-js max parse+isValid of the destination only (Node)', best[1], 'ops/s');
add(`request validation, validateVerification, realistic mix (${Math.round(okShare * 100)} % valid) (Node)`, best[0], 'req/s', 'libphonenumber-js max destination only', best[1]);

// Start-up in fresh processes (median of 5).
const node = (script) => JSON.parse(execFileSync(process.execPath, ['--input-type=module', '-e', script], { cwd: root.pathname }).toString());
const median = (xs) => xs.sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const oursRuns = [], lpnRuns = [];
for (let i = 0; i < 5; i++) {
  oursRuns.push(node(`
    import { readFileSync } from 'node:fs';
    const t0 = performance.now();
    const glue = await import('./pkg/verify8x8.js');
    glue.initSync({ module: readFileSync('./pkg/verify8x8_bg.wasm') });
    const t1 = performance.now();
    const p = glue.parsePhone('06 12 34 56 78', 'FR');
    const t2 = performance.now();
    if (!p.valid) throw new Error('wrong');
    console.log(JSON.stringify([t1 - t0, t2 - t1]));`));
  lpnRuns.push(node(`
    const t0 = performance.now();
    const { parsePhoneNumberWithError } = await import('libphonenumber-js/max');
    const t1 = performance.now();
    const p = parsePhoneNumberWithError('06 12 34 56 78', { defaultCountry: 'FR' });
    if (!p.isValid()) throw new Error('wrong');
    console.log(JSON.stringify([t1 - t0, performance.now() - t1]));`));
}
const [oursLoad, oursFirst] = [0, 1].map((k) => median(oursRuns.map((x) => x[k])));
const [lpnLoad, lpnFirst] = [0, 1].map((k) => median(lpnRuns.map((x) => x[k])));
add('load, libphonenumber-js max: import (Node)', lpnLoad, 'ms', undefined, undefined, 2);
add('instantiate: import glue + read + compile + instantiate wasm (Node)', oursLoad, 'ms', 'libphonenumber-js max import', lpnLoad, 2);
add('first parse after load, libphonenumber-js max (Node)', lpnFirst, 'ms', undefined, undefined, 3);
add('first parse after instantiate (Node)', oursFirst, 'ms', 'libphonenumber-js max first parse', lpnFirst, 3);
await save('validate', list);
console.log(JSON.stringify(list, null, 2));
