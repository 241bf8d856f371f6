// Starts the real emulator and the real worker (workerd under `wrangler dev`)
// on free loopback ports, and stops them with everything they started.
import { spawn } from 'node:child_process';
import { createServer } from 'node:net';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

export const root = fileURLToPath(new URL('../../', import.meta.url));

/** A free TCP port on 127.0.0.1. */
export function freePort() {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.unref();
    server.on('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address();
      server.close(() => resolve(port));
    });
  });
}

/** Spawns `command` in its own process group, collecting its output lines. */
function launch(command, args, options = {}) {
  const child = spawn(command, args, { cwd: root, detached: true, stdio: ['ignore', 'pipe', 'pipe'], ...options });
  const lines = [];
  for (const stream of [child.stdout, child.stderr]) {
    let partial = '';
    stream.setEncoding('utf8');
    stream.on('data', (chunk) => {
      const parts = (partial + chunk).split('\n');
      partial = parts.pop();
      lines.push(...parts);
    });
  }
  const stop = async () => {
    if (child.exitCode !== null || child.signalCode !== null) return;
    const exited = new Promise((resolve) => child.once('exit', resolve));
    try { process.kill(-child.pid, 'SIGTERM'); } catch { /* already gone */ }
    const timer = setTimeout(() => { try { process.kill(-child.pid, 'SIGKILL'); } catch { /* gone */ } }, 5000);
    await exited;
    clearTimeout(timer);
  };
  return { child, lines, stop };
}

async function waitFor(what, ready, process, timeoutMs) {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (process.child.exitCode !== null) {
      throw new Error(`${what} exited (${process.child.exitCode}):\n${process.lines.slice(-30).join('\n')}`);
    }
    const value = await ready();
    if (value) return value;
    await new Promise((r) => setTimeout(r, 200));
  }
  await process.stop();
  throw new Error(`${what} did not start within ${timeoutMs} ms:\n${process.lines.slice(-30).join('\n')}`);
}

/** The emulator binary (built by scripts/test) on a free port. */
export async function startEmulator({ apiKey = 'test-key' } = {}) {
  const bin = join(root, 'target/debug/verify8x8-emulator');
  const proc = launch(bin, ['--port', '0', '--api-key', apiKey]);
  const url = await waitFor('the emulator', () => {
    const line = proc.lines.find((l) => l.startsWith('listening on '));
    return line?.slice('listening on '.length).trim();
  }, proc, 20_000);
  return {
    url,
    log: () => proc.lines.join('\n'),
    async outbox(query = {}) {
      const response = await fetch(`${url}/_emulator/outbox?${new URLSearchParams(query)}`);
      const body = await response.json();
      return Array.isArray(body) ? body : body.messages;
    },
    stop: proc.stop,
  };
}

/** The worker under `wrangler dev`, talking to `emulatorUrl`, with `vars`. */
export async function startWorker({ emulatorUrl, vars = {} }) {
  const port = await freePort();
  const state = await mkdtemp(join(tmpdir(), 'verify8x8-worker-'));
  const args = ['scripts/worker-dev.sh', '--port', String(port), '--emulator', emulatorUrl, '--state', state];
  for (const [name, value] of Object.entries(vars)) args.push('--var', `${name}:${value}`);
  const proc = launch('bash', args);
  const url = `http://127.0.0.1:${port}`;
  await waitFor('the worker', async () => {
    try {
      return (await fetch(`${url}/api/`)).status === 404;
    } catch {
      return false;
    }
  }, proc, 180_000);
  return {
    url,
    log: () => proc.lines.join('\n'),
    async stop() {
      await proc.stop();
      await rm(state, { recursive: true, force: true });
    },
  };
}
