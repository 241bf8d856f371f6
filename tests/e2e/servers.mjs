// Starts and stops what the end-to-end test runs against: the 8x8 emulator
// and the edge worker under `wrangler dev`, each on a free loopback port and
// in its own process group (so stopping one stops its children too).
import { spawn } from 'node:child_process';
import { createWriteStream, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

export const root = fileURLToPath(new URL('../..', import.meta.url));
const logs = join(root, 'target', 'test-logs');

/** A free port on 127.0.0.1 (bind :0, read it, close). */
export function freePort() {
  return new Promise((resolve, reject) => {
    const server = createServer().on('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address();
      server.close(() => resolve(port));
    });
  });
}

/** Starts the emulator (built binary) with `--port 0`; resolves to `{ url, stop }`. */
export async function startEmulator({ corsOrigin }) {
  const bin = process.env.E2E_EMULATOR_BIN ?? join(root, 'target', 'debug', 'verify8x8-emulator');
  const child = launch('emulator', bin, ['--port', '0', '--quiet', '--cors-origin', corsOrigin], root);
  const url = await new Promise((resolve, reject) => {
    let out = '';
    child.stdout.on('data', (chunk) => {
      out += chunk;
      const match = /listening on (http:\/\/\S+)/.exec(out);
      if (match) resolve(match[1]);
    });
    child.on('exit', (code) => reject(new Error(`the emulator exited (${code}) before listening`)));
  });
  return { url, stop: () => stop(child) };
}

/**
 * Starts the worker under `wrangler dev` on `port` (as scripts/worker-dev.sh
 * does, plus a free inspector port: the default 9229 may be taken), against
 * the emulator at `emulator`, signing proofs with `proofSecret`; resolves to
 * `{ url, stop }` once it answers. Its state (rate limits) lives in a fresh
 * directory, removed on stop.
 */
export async function startWorker({ port, emulator, proofSecret }) {
  const state = mkdtempSync(join(tmpdir(), 'verify8x8-e2e-'));
  const vars = {
    VERIFY_BASE_URL: emulator, VERIFY_API_KEY: 'test-key', VERIFY_SUBACCOUNT_ID: 'test-account',
    PROOF_SECRET: proofSecret, ALLOWED_ORIGINS: `http://127.0.0.1:${port}`, ALLOWED_COUNTRIES: '*',
  };
  const args = ['dev', '--ip', '127.0.0.1', '--port', String(port),
    '--inspector-port', String(await freePort()), '--persist-to', state,
    '--show-interactive-dev-session=false', '--log-level', 'warn',
    ...Object.entries(vars).flatMap(([name, value]) => ['--var', `${name}:${value}`])];
  // scripts/env.sh: the tools worker-build must use instead of downloading them.
  const script = 'source scripts/env.sh && cd worker && exec wrangler "$@"';
  const child = launch('wrangler', 'bash', ['-c', script, 'wrangler', ...args], root);
  const url = `http://127.0.0.1:${port}`;
  try {
    await waitUntilAnswers(`${url}/`, child, 'wrangler dev');
  } catch (error) {
    await stop(child);
    rmSync(state, { recursive: true, force: true });
    throw error;
  }
  return {
    url,
    stop: async () => {
      await stop(child);
      rmSync(state, { recursive: true, force: true });
    },
  };
}

function launch(name, command, args, cwd, env = process.env) {
  mkdirSync(logs, { recursive: true });
  const child = spawn(command, args, { cwd, env, detached: true, stdio: ['ignore', 'pipe', 'pipe'] });
  const log = createWriteStream(join(logs, `e2e-${name}.log`));
  child.stdout.pipe(log);
  child.stderr.pipe(log);
  return child;
}

async function waitUntilAnswers(url, child, name) {
  let exited = null;
  child.on('exit', (code) => { exited = code; });
  // The first start compiles the worker (worker-build): allow minutes.
  for (let i = 0; i < 1200; i += 1) {
    if (exited !== null) throw new Error(`${name} exited (${exited}); see target/test-logs/e2e-wrangler.log`);
    try {
      await fetch(url);
      return;
    } catch {
      await new Promise((resolve) => setTimeout(resolve, 500));
    }
  }
  throw new Error(`${name} did not answer at ${url} within 10 minutes`);
}

/** SIGTERM to the child's process group, SIGKILL after 5 s; resolves once it exited. */
function stop(child) {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  const exited = new Promise((resolve) => child.once('exit', resolve));
  const signal = (name) => {
    try {
      process.kill(-child.pid, name);
    } catch {
      // Already gone.
    }
  };
  signal('SIGTERM');
  const timer = setTimeout(() => signal('SIGKILL'), 5000);
  return exited.then(() => {
    clearTimeout(timer);
    signal('SIGKILL'); // whatever of the group is left (workerd)
  });
}
