// Starts the real emulator and the real worker (workerd under `wrangler dev`
// through scripts/worker-dev.sh) on free loopback ports, for the worker and
// end-to-end suites, and stops them with everything they started. Their
// output is kept in memory (`log()`) and in target/test-logs/.
import { spawn } from 'node:child_process';
import { createWriteStream, mkdirSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { createServer as createHttpServer } from 'node:http';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

import { makeKeys } from '../../scripts/keys.mjs';

export const root = fileURLToPath(new URL('../../', import.meta.url));
const logs = join(root, 'target', 'test-logs');

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

/** Spawns `command` in its own process group, keeping its output lines. */
function launch(name, command, args) {
  mkdirSync(logs, { recursive: true });
  const child = spawn(command, args, { cwd: root, detached: true, stdio: ['ignore', 'pipe', 'pipe'] });
  const file = createWriteStream(join(logs, `${name}.log`));
  const lines = [];
  for (const stream of [child.stdout, child.stderr]) {
    let partial = '';
    stream.setEncoding('utf8');
    stream.on('data', (chunk) => {
      file.write(chunk);
      const parts = (partial + chunk).split('\n');
      partial = parts.pop();
      lines.push(...parts);
    });
  }
  const signal = (name) => {
    try { process.kill(-child.pid, name); } catch { /* already gone */ }
  };
  const stop = async () => {
    if (child.exitCode === null && child.signalCode === null) {
      const exited = new Promise((resolve) => child.once('exit', resolve));
      signal('SIGTERM');
      const timer = setTimeout(() => signal('SIGKILL'), 5000);
      await exited;
      clearTimeout(timer);
    }
    signal('SIGKILL'); // whatever of the group is left (workerd)
    file.end();
  };
  return { child, lines, stop };
}

async function waitFor(what, ready, proc, timeoutMs) {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (proc.child.exitCode !== null) {
      throw new Error(`${what} exited (${proc.child.exitCode}):\n${proc.lines.slice(-30).join('\n')}`);
    }
    const value = await ready();
    if (value) return value;
    await new Promise((r) => setTimeout(r, 200));
  }
  await proc.stop();
  throw new Error(`${what} did not start within ${timeoutMs / 1000} s:\n${proc.lines.slice(-30).join('\n')}`);
}

/** The emulator binary (built by scripts/test) on a free port. */
export async function startEmulator({ apiKey = 'test-key', corsOrigin, name = 'emulator' } = {}) {
  const bin = process.env.E2E_EMULATOR_BIN ?? join(root, 'target/debug/verify8x8-emulator');
  const args = ['--port', '0', '--api-key', apiKey, ...(corsOrigin ? ['--cors-origin', corsOrigin] : [])];
  const proc = launch(name, bin, args);
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

/**
 * The emulator writes its request log line as it answers, and the pipe
 * delivers it a moment later: waits up to 5 s for `count()` to reach
 * `expected` (and 200 ms more, to see it does not pass it); the last count.
 */
export async function logged(count, expected) {
  const deadline = Date.now() + 5000;
  while (count() < expected && Date.now() < deadline) await new Promise((r) => setTimeout(r, 50));
  await new Promise((r) => setTimeout(r, 200));
  return count();
}

/**
 * Worker vars that keep the defences against SMS pumping out of the way of
 * suites about something else (they have their own: defences.test.mjs).
 */
/**
 * A stand-in for Cloudflare's Turnstile siteverify on loopback: each form it
 * is asked (JSON) is pushed to `seen`, and `answer(form)` is the reply.
 * Returns `{ url, close }`.
 */
export async function startSiteverify(answer, seen = []) {
  const server = createHttpServer((req, res) => {
    let body = '';
    req.on('data', (chunk) => { body += chunk; });
    req.on('end', () => {
      const form = JSON.parse(body);
      seen.push(form);
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end(JSON.stringify(answer(form)));
    });
  });
  await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { url: `http://127.0.0.1:${server.address().port}/siteverify`, close: () => server.close() };
}

export const DEFENCES_OFF = {
  LIMIT_IP_24: '1000/1h',
  LIMIT_IP_56: '1000/1h',
  LIMIT_IP_48: '1000/1h',
  LIMIT_RANGE: '1000/1h',
  LIMIT_ASN: '1000/1h',
  LIMIT_GLOBAL: '100000/1d',
  LIMIT_COLD_COUNTRIES: '100000/1d',
  BREAKER_WINDOW: 'off',
};

/**
 * The worker under `wrangler dev` (scripts/worker-dev.sh) on `port` or a free
 * one, talking to `emulatorUrl`, with `vars`; its rate-limit state lives in a
 * fresh folder, removed on stop. The first start compiles the worker. Fresh
 * secrets (HANDLE_SECRET, PROOF_SIGNING_KEY) are made for each worker unless
 * `vars` sets them; `jwks` is the public key set of its signing key.
 */
export async function startWorker({ emulatorUrl, vars = {}, port, name = 'worker' }) {
  port ??= await freePort();
  const state = await mkdtemp(join(tmpdir(), 'verify8x8-worker-'));
  const keys = await makeKeys();
  vars = { HANDLE_SECRET: keys.HANDLE_SECRET, PROOF_SIGNING_KEY: keys.PROOF_SIGNING_KEY, ...vars };
  const args = ['scripts/worker-dev.sh', '--port', String(port), '--emulator', emulatorUrl, '--state', state];
  for (const [key, value] of Object.entries(vars)) args.push('--var', `${key}:${value}`);
  const proc = launch(name, 'bash', args);
  const url = `http://127.0.0.1:${port}`;
  try {
    await waitFor('the worker', async () => {
      try {
        return (await fetch(`${url}/api/`)).status === 404;
      } catch {
        return false;
      }
    }, proc, 600_000);
  } catch (error) {
    await rm(state, { recursive: true, force: true });
    throw error;
  }
  return {
    url,
    jwks: keys.jwks,
    secrets: [vars.HANDLE_SECRET, vars.PROOF_SIGNING_KEY],
    log: () => proc.lines.join('\n'),
    async stop() {
      await proc.stop();
      await rm(state, { recursive: true, force: true });
    },
  };
}
