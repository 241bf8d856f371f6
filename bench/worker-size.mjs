// The edge worker's upload size: `wrangler deploy --dry-run --outdir`
// (offline; builds with worker-build), every file it would upload, raw and
// gzip -9 (what Cloudflare's size limit counts).
//
//   node bench/worker-size.mjs   (writes bench/out/worker-size.json)
import { readdir, readFile, rm, stat } from 'node:fs/promises';
import { execFileSync } from 'node:child_process';
import { gzipSync } from 'node:zlib';
import { join } from 'node:path';
import { figures, root, save } from './lib.mjs';

const out = new URL('target/worker-dry-run/', root).pathname;
await rm(out, { recursive: true, force: true });
execFileSync('bash', ['-c', `source scripts/env.sh && cd worker && wrangler deploy --dry-run --outdir ${out}`], {
  cwd: root.pathname, stdio: ['ignore', 'ignore', 'inherit'], env: { ...process.env, WRANGLER_LOG: 'warn' },
});
const files = [];
const walk = async (dir) => {
  for (const entry of await readdir(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) await walk(path);
    else if (!entry.name.endsWith('.map')) files.push(path);
  }
};
await walk(out);
let raw = 0, gz = 0;
for (const file of files) {
  const bytes = await readFile(file);
  raw += (await stat(file)).size;
  gz += gzipSync(bytes, { level: 9 }).length;
}
const { list, add } = figures();
// Anchor: TOOLCHAIN.md's measurement of a minimal workers-rs router worker (66 KB gzipped).
add(`worker upload size, raw (${files.length} files)`, raw / 1024, 'KB');
add('worker upload size (gzip -9)', gz / 1024, 'KB', 'minimal workers-rs router worker (TOOLCHAIN.md)', 66);
await save('worker-size', list);
console.log(JSON.stringify(list, null, 2));
