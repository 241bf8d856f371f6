#!/usr/bin/env node
// Runs a wasm-bindgen test binary in headless Chromium, driven by
// playwright-core (as the e2e tests are) instead of chromedriver: under load,
// chromedriver 156 sometimes never opens the test page and the suite hangs
// until its timeout with nothing run.
//
// Cargo calls it as the wasm32 test runner (scripts/test sets
// CARGO_TARGET_WASM32_UNKNOWN_UNKNOWN_RUNNER):
//   node scripts/wasm-chromium.mjs target/.../browser-*.wasm [filter...]
// It serves the tests with wasm-bindgen-test-runner's interactive mode
// (NO_HEADLESS) on a free loopback port, opens the page in Chromium, prints
// what the page prints, and exits non-zero unless every test passed.
//
// The page reaches the runner through a small proxy that asks for each file
// on a connection of its own (`Connection: close`). The runner's HTTP server
// (tiny_http 0.12, through rouille) hands each connection to a pool thread
// that serves it until it closes. What was seen: the page stayed at
// "Loading scripts..." for a minute or more, in Firefox too, with requests
// unread in the server's socket queue while the other connections sat idle
// as keep-alives. Our reading of tiny_http's `TaskPool::spawn`: when a
// browser opens several connections at once, one can be queued behind a
// thread still counted as waiting that another connection has just taken,
// and it waits until some keep-alive connection closes. With one request per
// connection, every thread is free again as soon as it has answered, and
// the stalls have not been seen since.
//
// Should the page still not start, no test has run, so it is served and
// opened again, up to three times; what it was still waiting for (requests
// without an answer) and what it logged are printed.
import { spawn } from 'node:child_process';
import { createServer as createHttpServer, request as httpRequest } from 'node:http';
import { createServer } from 'node:net';

import { launchChromium } from '../tests/support/chromium.mjs';

// Cargo passes libtest flags (`--quiet`); the runner takes only a filter.
const [wasm, ...rest] = process.argv.slice(2);
const args = rest.filter((arg) => !arg.startsWith('-'));
const timeoutMs = Number(process.env.WASM_BINDGEN_TEST_TIMEOUT ?? 300) * 1000;
const loadingMs = 60_000;

const freePort = () => new Promise((resolve, reject) => {
  const server = createServer().listen(0, '127.0.0.1', () => {
    const { port } = server.address();
    server.close(() => resolve(port));
  }).on('error', reject);
});

/** A proxy on a free loopback port to the runner's server on `port`, one upstream connection a request. */
async function proxyTo(port) {
  const hopByHop = ['connection', 'keep-alive', 'transfer-encoding'];
  const server = createHttpServer((req, res) => {
    const upstream = httpRequest({
      host: '127.0.0.1', port, method: req.method, path: req.url, agent: false,
      headers: { ...req.headers, host: `127.0.0.1:${port}`, connection: 'close' },
    }, (answer) => {
      const headers = Object.fromEntries(Object.entries(answer.headers).filter(([k]) => !hopByHop.includes(k)));
      res.writeHead(answer.statusCode ?? 502, headers);
      answer.pipe(res);
    });
    upstream.on('error', (error) => {
      if (!res.headersSent) res.writeHead(502, { 'content-type': 'text/plain' });
      res.end(`wasm-chromium proxy: ${error.message}`);
    });
    req.pipe(upstream);
  });
  await new Promise((resolve, reject) => server.listen(0, '127.0.0.1', resolve).on('error', reject));
  return server;
}

/** One try: `{ status, text }`, or `{ stuck: true }` when the tests never started. */
async function attempt(browser) {
  const port = await freePort();
  const runner = spawn('wasm-bindgen-test-runner', [wasm, ...args], {
    env: { ...process.env, NO_HEADLESS: '1', WASM_BINDGEN_TEST_ADDRESS: `127.0.0.1:${port}` },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  let proxy;
  const page = await browser.newPage();
  // Every request the page makes, until it is answered or fails; and its console.
  const pending = new Map();
  const consoleLines = [];
  const t0 = Date.now();
  page.on('request', (r) => pending.set(r, Date.now() - t0));
  page.on('requestfinished', (r) => pending.delete(r));
  page.on('requestfailed', (r) => { pending.delete(r); consoleLines.push(`request failed: ${r.url()} (${r.failure()?.errorText})`); });
  page.on('console', (m) => consoleLines.push(`console.${m.type()}: ${m.text()}`));
  try {
    await new Promise((resolve, reject) => {
      runner.stdout.setEncoding('utf8');
      runner.stdout.on('data', (text) => { if (text.includes('http://')) resolve(); });
      runner.on('exit', (code) => reject(new Error(`wasm-bindgen-test-runner exited (${code}) before serving the tests`)));
    });
    page.on('pageerror', (error) => console.error(`page error: ${error.message}`));
    // Not "load": the page loads while the tests run.
    proxy = await proxyTo(port);
    await page.goto(`http://127.0.0.1:${proxy.address().port}/`, { waitUntil: 'commit' });
    const started = await page.waitForFunction(
      () => !/^\s*Loading scripts/.test(document.body?.innerText ?? 'Loading scripts'),
      null,
      { timeout: loadingMs, polling: 250 },
    ).then(() => true, () => false);
    if (!started) {
      const waiting = [...pending].map(([r, at]) => `  ${r.method()} ${r.url()} (asked at ${at} ms)`);
      return { stuck: true, detail: [`still waiting for ${waiting.length} request(s)`, ...waiting, ...consoleLines.slice(-20)].join('\n') };
    }
    // The page writes the runner's report into its body; the last line is the summary.
    const report = await page.waitForFunction(
      () => /test result: \w+\./.test(document.body.innerText) && document.body.innerText,
      null,
      { timeout: timeoutMs, polling: 250 },
    );
    const text = await report.jsonValue();
    return { status: /test result: ok\./.test(text) ? 0 : 1, text };
  } catch (error) {
    const seen = await page.innerText('body').catch(() => '');
    return { status: 1, text: `wasm tests in Chromium: ${error.message}\nthe page showed:\n${seen}` };
  } finally {
    await page.close().catch(() => {});
    proxy?.close();
    proxy?.closeAllConnections();
    runner.kill();
  }
}

let status = 1;
const browser = await launchChromium();
try {
  for (let i = 1; i <= 3; i++) {
    const result = await attempt(browser);
    if (result.stuck) {
      console.error(`wasm tests in Chromium: the test page did not load within ${loadingMs / 1000} s (try ${i} of 3)\n${result.detail}`);
      continue;
    }
    const { text } = result;
    const end = text.indexOf('\n', text.search(/test result: /));
    console.log((end > 0 ? text.slice(0, end + 1) : text).trim());
    status = result.status;
    break;
  }
} finally {
  await browser.close();
}
process.exit(status);
