// The `package` test group (scripts/test package): makes sure pkg/ holds the
// current npm package (builds it only when Rust sources or packaging inputs
// are newer), packs it once into a temporary directory, then runs every
// tests/package/*.test.mjs with `node --test` against that tarball. Each test
// installs the tarball into its own temporary consumer project.
import { execFileSync, spawnSync } from 'node:child_process';
import { readdirSync, statSync } from 'node:fs';
import path from 'node:path';
import { ROOT, pack, tempDir } from './helpers.mjs';

/** Newest modification time under `paths` (files or directories). */
function newest(paths) {
  let latest = 0;
  for (const p of paths) {
    let info;
    try { info = statSync(p); } catch { continue; }
    if (info.isDirectory()) latest = Math.max(latest, newest(readdirSync(p).map((f) => path.join(p, f))));
    else latest = Math.max(latest, info.mtimeMs);
  }
  return latest;
}
const at = (...p) => p.map((f) => path.join(ROOT, f));
const mtime = (file) => { try { return statSync(path.join(ROOT, file)).mtimeMs; } catch { return 0; } };

if (newest(at('src', 'Cargo.toml', 'Cargo.lock')) > mtime('pkg/verify8x8_bg.wasm')) {
  console.log('package tests: pkg/ is missing or older than the sources; building it (npm run build)');
  execFileSync('bash', ['scripts/build'], { cwd: ROOT, stdio: 'inherit', env: { ...process.env, VERIFY8X8_SKIP_BOOTSTRAP: '1' } });
} else if (newest(at('scripts/package', 'npm')) > mtime('pkg/package.json')) {
  console.log('package tests: packaging inputs changed; re-assembling pkg/ (no Rust rebuild)');
  execFileSync('node', ['scripts/package/assemble.mjs'], { cwd: ROOT, stdio: 'inherit' });
  execFileSync('node', ['scripts/smoke.mjs'], { cwd: ROOT, stdio: 'inherit' });
}

const tmp = await tempDir('tarball');
let status = 1;
try {
  const { tarball, report } = pack(tmp.dir);
  console.log(`package tests: ${report.filename}, ${report.size} B packed, ${report.unpackedSize} B unpacked, ${report.entryCount} files`);
  const files = readdirSync(path.join(ROOT, 'tests/package')).filter((f) => f.endsWith('.test.mjs')).sort();
  const run = spawnSync(process.execPath, ['--test', ...files.map((f) => path.join(ROOT, 'tests/package', f))], {
    cwd: ROOT,
    stdio: 'inherit',
    env: { ...process.env, VERIFY8X8_TARBALL: tarball },
  });
  status = run.status ?? 1;
} finally {
  await tmp.remove();
}
process.exit(status);
