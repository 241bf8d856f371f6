// The processes the worker benchmark and the soak need, on free loopback
// ports: the emulator and the edge worker (tests/support/servers.mjs), and the
// pass-through anchor worker (bench/passthrough/) under wrangler dev.
import { spawn } from 'node:child_process';
import { readFile, readdir, readlink } from 'node:fs/promises';
import { freePort, root, startEmulator, startWorker as startServersWorker } from '../tests/support/servers.mjs';

export { startEmulator };

/**
 * The edge worker (tests/support/servers.mjs) with wrangler's log level set
 * as the pass-through's (`warn`): both workers run under the same wrangler
 * settings, and the edge worker still writes its log line per request.
 */
export function startWorker(options) {
  process.env.WRANGLER_LOG = 'warn';
  return startServersWorker(options);
}

/** Limits so high that only the test's intended 429s occur. */
export const HIGH_LIMITS = {
  LIMIT_DESTINATION: '1000000/1h',
  LIMIT_IP: '1000000/1h',
  LIMIT_PREFIX: '1000000/1h',
  LIMIT_COUNTRY: 'off',
  LIMIT_SESSION_CHECKS: '1000000/1h',
  LIMIT_IP_CHECKS: '1000000/1h',
  LIMIT_IP_READS: '1000000/1h',
};

/** The pass-through worker on the same workerd (wrangler dev), forwarding to `upstream`. */
export async function startPassthrough(upstream) {
  const port = await freePort();
  const child = spawn('wrangler', ['dev', '--ip', '127.0.0.1', '--port', String(port), '--var', `UPSTREAM:${upstream}`,
    '--show-interactive-dev-session=false', '--log-level', 'warn'], {
    cwd: new URL('passthrough/', import.meta.url), detached: true, stdio: ['ignore', 'pipe', 'pipe'],
    env: { ...process.env, PATH: `${root}node_modules/.bin:${process.env.PATH}`, WRANGLER_SEND_METRICS: 'false', CLOUDFLARE_CF_FETCH_ENABLED: 'false' },
  });
  let log = '';
  child.stdout.on('data', (c) => { log += c; });
  child.stderr.on('data', (c) => { log += c; });
  const url = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + 60_000;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`the pass-through worker exited:\n${log}`);
    try { if ((await fetch(`${url}/`)).status === 404) break; } catch { /* not yet */ }
    if (Date.now() > deadline) throw new Error(`the pass-through worker did not start:\n${log}`);
    await new Promise((r) => setTimeout(r, 200));
  }
  return {
    url,
    async stop() {
      if (child.exitCode !== null) return;
      const exited = new Promise((r) => child.once('exit', r));
      try { process.kill(-child.pid, 'SIGTERM'); } catch { /* gone */ }
      await exited;
    },
  };
}

/** PIDs of processes whose command line contains `needle` (for /proc sampling), children of this process only. */
export async function descendants(needle) {
  const found = [];
  const parents = new Map();
  for (const name of await readdir('/proc')) {
    if (!/^\d+$/.test(name)) continue;
    try {
      const stat = await readFile(`/proc/${name}/stat`, 'utf8');
      const ppid = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
      parents.set(Number(name), ppid);
    } catch { /* gone */ }
  }
  const mine = (pid) => { for (let p = pid; p > 1; p = parents.get(p)) if (p === process.pid) return true; return false; };
  for (const pid of parents.keys()) {
    if (!mine(pid)) continue;
    try {
      const exe = await readlink(`/proc/${pid}/exe`).catch(() => '');
      const cmd = (await readFile(`/proc/${pid}/cmdline`, 'utf8')).replaceAll('\0', ' ');
      if (exe.includes(needle) || cmd.split(' ')[0].endsWith(needle)) found.push(pid);
    } catch { /* gone */ }
  }
  return found;
}

/** Resident set size of `pid` in MB (0 if gone). */
export async function rssMb(pid) {
  try {
    const status = await readFile(`/proc/${pid}/status`, 'utf8');
    return Number(/VmRSS:\s+(\d+)/.exec(status)[1]) / 1024;
  } catch {
    return 0;
  }
}
