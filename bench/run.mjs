// Runs every benchmark in turn (each a child process with a time limit),
// gathers their figures from bench/out/, prints a table and writes
// bench/results.json: [{name, value, unit, anchor?, anchorValue?, ratio?}],
// and the same as a Markdown table in bench/results.md.
//
//   node bench/run.mjs [name ...]     (scripts/bench builds what is needed first)
import { execFileSync } from 'node:child_process';
import { readFile, writeFile, rm } from 'node:fs/promises';
import { root } from './lib.mjs';

const benches = [
  // name, script, time limit (s), extra env
  ['size', 'bench/size.mjs', 60],
  ['compare-size', 'bench/compare-size.mjs', 60],
  ['phone', 'bench/phone.mjs', 120],
  ['browser', 'bench/browser.mjs', 120],
  ['validate', 'bench/validate.mjs', 90],
  ['worker', 'bench/worker.mjs', 300],
  ['worker-size', 'bench/worker-size.mjs', 240],
];
const wanted = process.argv.slice(2);
const failures = [];
for (const [name, script, seconds, env = {}] of benches) {
  if (wanted.length && !wanted.includes(name)) continue;
  await rm(new URL(`bench/out/${name}.json`, root), { force: true });
  const t0 = Date.now();
  process.stderr.write(`==> ${name} (${script}, at most ${seconds}s)\n`);
  try {
    execFileSync(process.execPath, [script], {
      cwd: root.pathname, timeout: seconds * 1000, killSignal: 'SIGTERM',
      stdio: ['ignore', 'ignore', 'inherit'], env: { ...process.env, ...env },
    });
    process.stderr.write(`    ${((Date.now() - t0) / 1000).toFixed(0)}s\n`);
  } catch (error) {
    failures.push(name);
    process.stderr.write(`    FAILED: ${error.message.split('\n')[0]}\n`);
  }
}

const order = ['compare-size', 'size', 'phone', 'browser', 'validate', 'worker', 'worker-size'];
const results = [];
for (const name of order) {
  try {
    results.push(...JSON.parse(await readFile(new URL(`bench/out/${name}.json`, root), 'utf8')));
  } catch { /* not run */ }
}
await writeFile(new URL('bench/results.json', root), JSON.stringify(results, null, 2) + '\n');

const fmt = (x) => (x === undefined ? '' : String(x));
const rows = results.map((f) => [f.name, `${f.value} ${f.unit}`, fmt(f.anchor), f.anchorValue === undefined ? '' : `${f.anchorValue} ${f.unit}`, f.ratio === undefined ? '' : `${f.ratio}x`]);
const head = ['figure', 'value', 'anchor (same run)', 'anchor value', 'ratio'];
const widths = head.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i].length)));
const line = (r) => r.map((c, i) => (i === 0 || i === 2 ? c.padEnd(widths[i]) : c.padStart(widths[i]))).join('  ');
console.log(line(head));
console.log(widths.map((w) => '-'.repeat(w)).join('  '));
for (const r of rows) console.log(line(r));
const md = ['| figure | value | anchor (same run) | anchor value | ratio |', '|---|--:|---|--:|--:|', ...rows.map((r) => `| ${r.join(' | ')} |`)];
await writeFile(new URL('bench/results.md', root), md.join('\n') + '\n');
console.log(`\nwrote bench/results.json and bench/results.md (${results.length} figures)`);
if (failures.length) {
  console.error(`failed: ${failures.join(', ')}`);
  process.exit(1);
}
