// Headless browsers for the package tests, from Debian packages only:
// Chromium through playwright-core (tests/support/chromium.mjs), Firefox ESR through
// geckodriver (plain WebDriver HTTP calls; playwright's Firefox needs its own
// patched build). Each opens a page whose script posts its result back to
// the static server (helpers.staticServer); both are stopped after the test.
import { homedir } from 'node:os';
import path from 'node:path';
import { launchChromium } from '../support/chromium.mjs';
import { PROBE, startProcess, waitFor } from './helpers.mjs';

const FIREFOX = process.env.FIREFOX_BIN ?? '/usr/bin/firefox-esr';
const GECKODRIVER = process.env.GECKODRIVER_PATH ?? path.join(homedir(), '.cargo/bin/geckodriver');
const WAIT_MS = 60_000;

/**
 * A classic script for a page's <head>: `report(result)` posts to
 * `resultUrl` (the static server's /result) once; load and run errors are
 * reported too, so a broken page fails the test with its error instead of a
 * timeout.
 */
export const reporter = (resultUrl = '/result') => `<script>
  function report(result) {
    if (window.__reported) return;
    window.__reported = true;
    fetch(${JSON.stringify(resultUrl)}, { method: 'POST', body: JSON.stringify(result) });
  }
  addEventListener('error', (e) => report({ error: 'error: ' + (e.message || e.type) }));
  addEventListener('unhandledrejection', (e) => report({ error: 'rejection: ' + e.reason }));
</script>`;

/** A module script body that runs PROBE on `namespaces` (`v, p`) and reports it. */
export const runProbe = (namespaces) => `${PROBE}
probe(${namespaces}).then(report, (e) => report({ error: String(e && e.stack || e) }));`;

/** Opens `url` in headless Chromium and returns what the page reported. */
export async function inChromium(t, url, server) {
  const browser = await launchChromium();
  t.after(() => browser.close());
  const page = await browser.newPage();
  const log = [];
  page.on('console', (m) => log.push(`${m.type()}: ${m.text()}`));
  page.on('pageerror', (e) => log.push(`pageerror: ${e.message}`));
  page.on('requestfailed', (r) => log.push(`requestfailed: ${r.url()}`));
  await page.goto(url);
  const result = await withTimeout(server.result(), WAIT_MS, () => `Chromium reported nothing; console:\n${log.join('\n')}`);
  return { result, log };
}

/** Opens `url` in headless Firefox ESR through geckodriver; returns what the page reported. */
export async function inFirefox(t, url, server) {
  const driver = startProcess(t, GECKODRIVER, ['--host', '127.0.0.1', '--port', '0', '--websocket-port', '0',
    '--binary', FIREFOX], { env: { ...process.env, MOZ_HEADLESS: '1' } });
  const port = await waitFor('geckodriver to listen', () => {
    if (driver.child.exitCode !== null) throw Object.assign(new Error(`geckodriver exited: ${driver.output.text}`), { fatal: true });
    return driver.output.text.match(/Listening on 127\.0\.0\.1:(\d+)/)?.[1];
  }, 20_000);
  const webdriver = async (method, route, body) => {
    const res = await fetch(`http://127.0.0.1:${port}${route}`, {
      method,
      headers: { 'content-type': 'application/json' },
      body: body && JSON.stringify(body),
    });
    const json = await res.json();
    if (!res.ok) throw new Error(`WebDriver ${method} ${route}: ${JSON.stringify(json.value)}`);
    return json.value;
  };
  const { sessionId } = await webdriver('POST', '/session', {
    capabilities: {
      alwaysMatch: {
        browserName: 'firefox',
        'moz:firefoxOptions': {
          binary: FIREFOX,
          args: ['-headless'],
          prefs: { 'app.update.enabled': false, 'browser.shell.checkDefaultBrowser': false },
        },
      },
    },
  });
  try {
    await webdriver('POST', `/session/${sessionId}/url`, { url });
    const result = await withTimeout(server.result(), WAIT_MS, () => 'Firefox reported nothing');
    return { result };
  } finally {
    await webdriver('DELETE', `/session/${sessionId}`).catch(() => {});
  }
}

function withTimeout(promise, ms, describe) {
  let timer;
  return Promise.race([
    promise.finally(() => clearTimeout(timer)),
    new Promise((_, reject) => { timer = setTimeout(() => reject(new Error(describe())), ms); }),
  ]);
}
