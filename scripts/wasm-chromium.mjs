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
import { spawn } from 'node:child_process';
import { createServer } from 'node:net';

import { chromium } from 'playwright-core';

// Cargo passes libtest flags (`--quiet`); the runner takes only a filter.
const [wasm, ...rest] = process.argv.slice(2);
const args = rest.filter((arg) => !arg.startsWith('-'));
const timeoutMs = Number(process.env.WASM_BINDGEN_TEST_TIMEOUT ?? 300) * 1000;
const executablePath = process.env.CHROMIUM_BIN ?? '/usr/bin/chromium';

const port = await new Promise((resolve, reject) => {
  const server = createServer().listen(0, '127.0.0.1', () => {
    const { port: free } = server.address();
    server.close(() => resolve(free));
  }).on('error', reject);
});

const runner = spawn('wasm-bindgen-test-runner', [wasm, ...args], {
  env: { ...process.env, NO_HEADLESS: '1', WASM_BINDGEN_TEST_ADDRESS: `127.0.0.1:${port}` },
  stdio: ['ignore', 'pipe', 'inherit'],
});
const served = new Promise((resolve, reject) => {
  runner.stdout.setEncoding('utf8');
  runner.stdout.on('data', (text) => { if (text.includes('http://')) resolve(); });
  runner.on('exit', (code) => reject(new Error(`wasm-bindgen-test-runner exited (${code}) before serving the tests`)));
});

let browser;
let status = 1;
try {
  await served;
  browser = await chromium.launch({
    executablePath,
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking',
      '--disable-component-update', '--no-first-run'],
  });
  const page = await browser.newPage();
  page.on('pageerror', (error) => console.error(`page error: ${error.message}`));
  // Not "load": the page loads while the tests run.
  await page.goto(`http://127.0.0.1:${port}/`, { waitUntil: 'commit' });
  // The page writes the runner's report into its body; the last line is the summary.
  const report = await page.waitForFunction(
    () => /test result: \w+\./.test(document.body.innerText) && document.body.innerText,
    null,
    { timeout: timeoutMs, polling: 250 },
  );
  const text = await report.jsonValue();
  console.log(text.slice(0, text.indexOf('\n', text.search(/test result: /)) + 1 || undefined).trim());
  status = /test result: ok\./.test(text) ? 0 : 1;
} catch (error) {
  console.error(`wasm tests in Chromium: ${error.message}`);
  const seen = await browser?.contexts()[0]?.pages()[0]?.innerText('body').catch(() => '');
  if (seen) console.error(`the page showed:\n${seen}`);
} finally {
  await browser?.close();
  runner.kill();
}
process.exit(status);
