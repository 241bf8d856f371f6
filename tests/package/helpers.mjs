// Shared by the package tests: the packed tarball, consumer projects that
// install it as a user would, a static server, free ports, the probe every
// consumer runs, and process-group cleanup.
import { spawn, execFileSync } from 'node:child_process';
import { mkdtemp, mkdir, rm, writeFile, readFile } from 'node:fs/promises';
import { createServer } from 'node:http';
import { createServer as createNetServer } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import assert from 'node:assert/strict';

export const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
export const BIN = path.join(ROOT, 'node_modules/.bin');

/** A temporary directory, removed by the returned `remove()` (unless KEEP_PACKAGE_TEST_DIRS=1). */
export async function tempDir(name) {
  const dir = await mkdtemp(path.join(tmpdir(), `verify8x8-${name}-`));
  const remove = () =>
    // Retried: a process that wrote here may still be letting go of it.
    process.env.KEEP_PACKAGE_TEST_DIRS === '1' ? undefined : rm(dir, { recursive: true, force: true, maxRetries: 10, retryDelay: 200 });
  return { dir, remove };
}

/** `npm pack`s pkg/ into `dir`; returns the tarball's path and npm's report. */
export function pack(dir) {
  const [report] = JSON.parse(
    execFileSync('npm', ['pack', '--json', '--loglevel=error', '--pack-destination', dir], {
      cwd: path.join(ROOT, 'pkg'),
      encoding: 'utf8',
    }),
  );
  return { tarball: path.join(dir, report.filename), report };
}

/**
 * The tarball under test: VERIFY8X8_TARBALL (set by run.mjs, which packs
 * once), or packed now into a temporary directory when a test file runs alone.
 */
export async function tarball(t) {
  if (process.env.VERIFY8X8_TARBALL) return process.env.VERIFY8X8_TARBALL;
  const tmp = await tempDir('tarball');
  t.after(tmp.remove);
  return pack(tmp.dir).tarball;
}

/**
 * A consumer project in a temporary directory: `files` written (paths
 * relative to it), then the tarball installed with npm as a user would.
 * Removed after the test.
 */
export async function consumer(t, name, files) {
  const tmp = await tempDir(name);
  t.after(tmp.remove);
  const all = { 'package.json': JSON.stringify({ name: `consumer-${name}`, private: true, type: 'module' }), ...files };
  for (const [file, text] of Object.entries(all)) {
    await mkdir(path.dirname(path.join(tmp.dir, file)), { recursive: true });
    await writeFile(path.join(tmp.dir, file), text);
  }
  execFileSync('npm', ['install', '--no-audit', '--no-fund', '--loglevel=error', await tarball(t)], {
    cwd: tmp.dir,
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  return tmp.dir;
}

/**
 * The code every consumer runs, given the namespaces of `verify8x8` (`v`)
 * and of `verify8x8/phone` (`p`): calls before any init (none is needed),
 * then the documented `init()`. Returns a plain object for `checkProbe`.
 */
export const PROBE = `async function probe(v, p) {
  const phone = v.parsePhone('06 12 34 56 78', 'FR');
  const good = v.validateVerification({ destination: '8765 4321', country: 'SG', brand: 'ACME' });
  const bad = v.validateVerification({ destination: 'hello', codeLength: 99 });
  await v.init();
  const onlyPhone = p.parsePhone('06 12 34 56 78', 'FR');
  const typed = new p.AsYouType('FR').input('0612');
  await p.init();
  return {
    e164: phone.e164,
    type: phone.type,
    ok: good.ok,
    destination: good.request && good.request.destination,
    badOk: bad.ok,
    badErrors: bad.errors.map((e) => e.path + ':' + e.code).sort(),
    phone: {
      e164: onlyPhone.e164,
      type: onlyPhone.type,
      national: p.formatPhone('+33612345678', 'NATIONAL'),
      typed: typed.text,
      regions: p.phoneRegions().length,
      validates: 'validateVerification' in p,
    },
  };
}`;

/** Asserts what PROBE returned. */
export function checkProbe(result) {
  assert.ok(result && typeof result === 'object', `no result: ${JSON.stringify(result)}`);
  assert.equal(result.error, undefined, `the consumer failed: ${result.error}`);
  assert.deepEqual(result, {
    e164: '+33612345678',
    type: 'MOBILE',
    ok: true,
    destination: '+6587654321',
    badOk: false,
    badErrors: ['codeLength:out_of_range', 'destination:invalid_phone'],
    phone: PHONE_RESULT,
  });
}

/** What PROBE's `verify8x8/phone` part returns with the whole metadata. */
export const PHONE_RESULT = {
  e164: '+33612345678',
  type: 'MOBILE',
  national: '06 12 34 56 78',
  typed: '06 12',
  regions: 245,
  validates: false,
};

/** A free TCP port on 127.0.0.1 (bound to :0, then released). */
export function freePort() {
  return new Promise((resolve, reject) => {
    const server = createNetServer();
    server.unref();
    server.on('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address();
      server.close(() => resolve(port));
    });
  });
}

const MIME = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.json': 'application/json',
  '.wasm': 'application/wasm',
  '.css': 'text/css',
};

/**
 * Serves `dir` on 127.0.0.1 (a free port; `dir` null: nothing but /result).
 * `POST /result` stores a JSON body that `result()` resolves with. Closed
 * after the test.
 */
export async function staticServer(t, dir) {
  let deliver;
  const posted = new Promise((resolve) => (deliver = resolve));
  const server = createServer(async (req, res) => {
    const url = new URL(req.url, 'http://x');
    if (req.method === 'POST' && url.pathname === '/result') {
      let body = '';
      for await (const chunk of req) body += chunk;
      res.writeHead(204, { 'access-control-allow-origin': '*' }).end();
      deliver(JSON.parse(body));
      return;
    }
    if (!dir) return res.writeHead(404).end('not found');
    const file = path.join(dir, decodeURIComponent(url.pathname).replace(/\/$/, '/index.html'));
    if (!file.startsWith(dir + path.sep)) return res.writeHead(403).end();
    try {
      const body = await readFile(file);
      res.writeHead(200, { 'content-type': MIME[path.extname(file)] ?? 'application/octet-stream' }).end(body);
    } catch {
      res.writeHead(404).end('not found');
    }
  });
  await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
  t.after(() => new Promise((resolve) => { server.closeAllConnections(); server.close(resolve); }));
  return { url: `http://127.0.0.1:${server.address().port}/`, result: () => posted };
}

/**
 * Starts `command` in its own process group; the group is stopped after the
 * test (SIGTERM, then SIGKILL). Output is kept for error messages.
 */
export function startProcess(t, command, args, options = {}) {
  const child = spawn(command, args, { ...options, detached: true, stdio: ['ignore', 'pipe', 'pipe'] });
  const output = { text: '' };
  child.stdout.on('data', (d) => (output.text += d));
  child.stderr.on('data', (d) => (output.text += d));
  const exited = new Promise((resolve) => child.on('exit', resolve));
  /** Stops the process group (idempotent); a test calls it before its directories are removed. */
  const stop = async () => {
    if (child.exitCode !== null || child.signalCode !== null) return;
    try { process.kill(-child.pid, 'SIGTERM'); } catch {}
    const timer = setTimeout(() => { try { process.kill(-child.pid, 'SIGKILL'); } catch {} }, 5000);
    await exited;
    clearTimeout(timer);
  };
  t.after(stop);
  return { child, output, exited, stop };
}

/**
 * Polls `check()` until it returns a value other than undefined, or throws
 * after `ms`. A thrown error retries, unless it has `fatal: true`.
 */
export async function waitFor(what, check, ms = 60_000) {
  const until = Date.now() + ms;
  let last;
  while (Date.now() < until) {
    try {
      const value = await check();
      if (value !== undefined) return value;
    } catch (error) {
      if (error.fatal) throw error;
      last = error;
    }
    await new Promise((r) => setTimeout(r, 250));
  }
  throw new Error(`timed out waiting for ${what}${last ? `: ${last.message}` : ''}`);
}
