// `tsc --noEmit` (the workspace's TypeScript) on a TypeScript consumer of the
// packed tarball that imports each entry point: Node `import` and `require`
// (module nodenext), bundlers (moduleResolution bundler), the `workerd`
// condition, and `verify8x8/web`. Strict, no skipLibCheck: the package's own
// .d.ts files are checked too. `@ts-expect-error` lines fail the run if the
// types ever degrade to `any`.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { BIN, consumer } from './helpers.mjs';

const USE = (v) => `const phone: ${v}ParsedPhone = ${v}parsePhone('06 12 34 56 78', 'FR');
const e164: string | null = phone.e164;
const verdict: ${v}VerificationVerdict = ${v}validateVerification({ destination: '8765 4321', country: 'SG' });
const paths: string[] = verdict.errors.map((e) => e.path);
const ready: Promise<void> = ${v}init();
// @ts-expect-error: a number is not a phone number
${v}parsePhone(42);
// @ts-expect-error: destination is required
${v}validateVerification({ country: 'SG' });
export { e164, paths, ready };
`;

const tsconfig = (options, files) => JSON.stringify({
  compilerOptions: { strict: true, noEmit: true, target: 'es2022', types: [], ...options },
  files,
});

// verify8x8/phone: its own types, no request validation in them.
const PHONE_USE = `import { parsePhone, formatPhone, AsYouType, phoneRegions, init, type ParsedPhone } from 'verify8x8/phone';
const phone: ParsedPhone = parsePhone('06 12 34 56 78', 'FR');
const national: string | undefined = formatPhone('+33612345678', 'NATIONAL');
const text: string = new AsYouType('FR').input('0612').text;
const count: number = phoneRegions().length;
const ready: Promise<void> = init();
// @ts-expect-error: the phone entry has no request validation
import { validateVerification } from 'verify8x8/phone';
// @ts-expect-error: not a format
formatPhone('+33612345678', 'LOCAL');
export { phone, national, text, count, ready, validateVerification };
`;

const FILES = {
  // Node: `import` and `require` (module nodenext), no DOM, no @types/node.
  'esm.mts': `import { parsePhone, validateVerification, init } from 'verify8x8';
import type { ParsedPhone, VerificationVerdict } from 'verify8x8';
${USE('')}`,
  'cjs.cts': `import v = require('verify8x8');
type ParsedPhone = v.ParsedPhone;
type VerificationVerdict = v.VerificationVerdict;
${USE('v.').replace(/v\.(ParsedPhone|VerificationVerdict)/g, '$1')}`,
  'phone.mts': PHONE_USE,
  'phone-cjs.cts': `import p = require('verify8x8/phone');
const phone: p.ParsedPhone = p.parsePhone('06 12 34 56 78', 'FR');
// @ts-expect-error: the phone entry has no request validation
p.validateVerification({ destination: '+6587654321' });
export = phone.e164;
`,
  'tsconfig.node.json': tsconfig({ module: 'nodenext', moduleResolution: 'nodenext', lib: ['es2022'] }, ['esm.mts', 'cjs.cts', 'phone.mts', 'phone-cjs.cts']),
  // Bundlers and browsers (Vite, webpack), and the raw glue with its loader.
  'app.ts': `import { parsePhone, validateVerification, init, type ParsedPhone, type VerificationVerdict } from 'verify8x8';
${USE('')}`,
  'web.ts': `import initWasm, { parsePhone } from 'verify8x8/web';
await initWasm();
export const valid: boolean = parsePhone('+33 6 12 34 56 78').valid;`,
  'phone.ts': PHONE_USE,
  'tsconfig.bundler.json': tsconfig({ module: 'esnext', moduleResolution: 'bundler', lib: ['es2022', 'dom'] }, ['app.ts', 'web.ts', 'phone.ts']),
  // Cloudflare Workers (the condition wrangler resolves with).
  'worker.ts': `import { parsePhone, validateVerification, init, type ParsedPhone, type VerificationVerdict } from 'verify8x8';
${USE('')}`,
  'tsconfig.workerd.json': tsconfig({ module: 'esnext', moduleResolution: 'bundler', customConditions: ['workerd'], lib: ['es2022'] }, ['worker.ts']),
};

/** Runs tsc on one project; returns the package files it read. */
function tsc(dir, project) {
  const out = spawnSync(path.join(BIN, 'tsc'), ['-p', project, '--listFiles'], { cwd: dir, encoding: 'utf8' });
  assert.equal(out.status, 0, `tsc -p ${project} failed:\n${out.stdout}${out.stderr}`);
  return out.stdout.split('\n').filter((f) => f.includes('/node_modules/verify8x8/')).map((f) => path.basename(f)).sort();
}

test('tsc --noEmit on a TypeScript consumer of every entry point', { timeout: 120_000 }, async (t) => {
  const dir = await consumer(t, 'types', FILES);
  await t.test('Node import (.mts) and require (.cts), module nodenext', () => {
    assert.deepEqual(tsc(dir, 'tsconfig.node.json'), ['index.d.cts', 'index.d.cts', 'index.d.ts', 'index.d.ts']);
  });
  await t.test('bundler resolution (browser entry) and verify8x8/web', () => {
    assert.deepEqual(tsc(dir, 'tsconfig.bundler.json'), ['index.d.ts', 'index.d.ts', 'verify8x8.d.ts']);
  });
  await t.test('workerd condition', () => {
    assert.deepEqual(tsc(dir, 'tsconfig.workerd.json'), ['index.d.ts']);
  });
});
