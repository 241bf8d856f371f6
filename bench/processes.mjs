// What the worker benchmark and the soak share: the emulator (on a free
// loopback port, tests/support/servers.mjs), the limits they run under, and
// memory sampling from /proc. The workers themselves: bench/workerd.mjs.
import { readFile, readdir, readlink } from 'node:fs/promises';
import { startEmulator } from '../tests/support/servers.mjs';

export { startEmulator };

/** Limits so high that only the test's intended 429s occur. */
export const HIGH_LIMITS = {
  LIMIT_DESTINATION: '1000000/1h',
  LIMIT_IP: '1000000/1h',
  LIMIT_PREFIX: '1000000/1h',
  LIMIT_COUNTRY: 'off',
  LIMIT_SESSION_CHECKS: '1000000/1h',
  LIMIT_IP_CHECKS: '1000000/1h',
  LIMIT_IP_READS: '1000000/1h',
  LIMIT_IP_24: '1000000/1h',
  LIMIT_IP_56: '1000000/1h',
  LIMIT_IP_48: '1000000/1h',
  LIMIT_RANGE: '1000000/1h',
  LIMIT_ASN: '1000000/1h',
  LIMIT_GLOBAL: '1000000/1h',
  LIMIT_COLD_COUNTRIES: '1000000/1h',
  BREAKER_WINDOW: 'off',
};

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
