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
// Under load the page sometimes stays at "Loading scripts..." (its module
// never arrives from the runner's server). No test has run then, so the page
// is served and opened again, up to three times.
import { spawn } from 'node:child_process';
import { createServer } from 'node:net';

import { chromium } from 'playwright-core';

// Cargo passes libtest flags (`--quiet`); the runner takes only a filter.
const [wasm, ...rest] = process.argv.slice(2);
const args = rest.filter((arg) => !arg.startsWith('-'));
const timeoutMs = Number(process.env.WASM_BINDGEN_TEST_TIMEOUT ?? 300) * 1000;
const loadingMs = 60_000;
const executablePath = process.env.CHROMIUM_BIN ?? '/usr/bin/chromium';

const freePort = () => new Promise((resolve, reject) => {
  const server = createServer().listen(0, '127.0.0.1', () => {
    const { port } = server.address();
    server.close(() => resolve(port));
  }).on('error', reject);
});

/** One try: `{ status, text }`, or `{ stuck: true }` when the tests never started. */
async function attempt(browser) {
  const port = await freePort();
  const runner = spawn('wasm-bindgen-test-runner', [wasm, ...args], {
    env: { ...process.env, NO_HEADLESS: '1', WASM_BINDGEN_TEST_ADDRESS: `127.0.0.1:${port}` },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  const page = await browser.newPage();
  try {
    await new Promise((resolve, reject) => {
      runner.stdout.setEncoding('utf8');
      runner.stdout.on('data', (text) => { if (text.includes('http://')) resolve(); });
      runner.on('exit', (code) => reject(new Error(`wasm-bindgen-test-runner exited (${code}) before serving the tests`)));
    });
    page.on('pageerror', (error) => console.error(`page error: ${error.message}`));
    // Not "load": the page loads while the tests run.
    await page.goto(`http://127.0.0.1:${port}/`, { waitUntil: 'commit' });
    const started = await page.waitForFunction(
      () => !/^\s*Loading scripts/.test(document.body?.innerText ?? 'Loading scripts'),
      null,
      { timeout: loadingMs, polling: 250 },
    ).then(() => true, () => false);
    if (!started) return { stuck: true };
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
    runner.kill();
  }
}

let status = 1;
const browser = await chromium.launch({
  executablePath,
  args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking',
    '--disable-component-update', '--no-first-run'],
});
try {
  for (let i = 1; i <= 3; i++) {
    const result = await attempt(browser);
    if (result.stuck) {
      console.error(`wasm tests in Chromium: the test page did not load within ${loadingMs / 1000} s (try ${i} of 3)`);
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
