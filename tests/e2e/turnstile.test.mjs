// The sample page with Cloudflare Turnstile on, in Chromium, through the edge
// worker (wrangler dev) to the 8x8 emulator: the widget is rendered with the
// worker's site key, every start carries a fresh token, the worker checks it
// with siteverify before anything is counted or sent.
//
// No test may reach Cloudflare, so its two parts are stood in for on this
// machine: Turnstile's script (answered by Playwright with a stand-in of its
// client API: render, getResponse, reset;
// https://developers.cloudflare.com/turnstile/get-started/client-side-rendering/)
// and siteverify (on loopback: startSiteverify, tests/support/servers.mjs).
// Everything else is the real page, worker and emulator.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { launchChromium } from '../support/chromium.mjs';
import { freePort, startEmulator, startSiteverify, startWorker } from '../support/servers.mjs';

const SITE_KEY = '1x00000000000000000000AA';
const SECRET = 'turnstile-e2e-secret';
const exact = { exact: true };

/**
 * Turnstile's client API as the page uses it: a token `good-<uuid>` 50 ms
 * after render or reset (listed in `turnstileIssued`, handed to the
 * `callback`), or, while `turnstileUnsolved` is set, only when the test calls
 * `turnstileSolve()`.
 */
const STAND_IN = `(() => {
  const widgets = [];
  window.turnstileRenders = [];
  window.turnstileIssued = [];
  window.turnstile = {
    render(container, options) {
      const widget = { token: '' };
      widget.solve = () => {
        widget.token = 'good-' + crypto.randomUUID();
        window.turnstileIssued.push(widget.token);
        options.callback?.(widget.token);
      };
      window.turnstileSolve = () => widget.solve();
      widgets.push(widget);
      window.turnstileRenders.push({ sitekey: options.sitekey, action: options.action });
      container.textContent = 'Turnstile (test stand-in)';
      if (!window.turnstileUnsolved) setTimeout(widget.solve, 50);
      return String(widgets.length - 1);
    },
    getResponse(id) { return widgets[Number(id)]?.token ?? ''; },
    reset(id) {
      const widget = widgets[Number(id)];
      widget.token = '';
      if (!window.turnstileUnsolved) setTimeout(widget.solve, 50);
    },
  };
})();`;

let emulator;
let worker;
let browser;
let siteverify;
const asked = [];

before(async () => {
  // siteverify: a `good-*` token once, issued on this page's host for the
  // action "verify"; anything else refused as Cloudflare does.
  const used = new Set();
  siteverify = await startSiteverify((form) => {
    const fresh = form.secret === SECRET && /^good-[0-9a-f-]{36}$/.test(form.response) && !used.has(form.response);
    if (fresh) used.add(form.response);
    return fresh
      ? { success: true, hostname: '127.0.0.1', action: 'verify', 'error-codes': [] }
      : { success: false, 'error-codes': [form.secret === SECRET ? 'timeout-or-duplicate' : 'invalid-input-secret'] };
  }, asked);
  const port = await freePort();
  emulator = await startEmulator({ corsOrigin: `http://127.0.0.1:${port}`, name: 'e2e-turnstile-emulator' });
  worker = await startWorker({
    emulatorUrl: emulator.url,
    port,
    name: 'e2e-turnstile-worker',
    vars: {
      ALLOWED_ORIGINS: `http://127.0.0.1:${port}`,
      ALLOWED_COUNTRIES: 'SG',
      LIMIT_IP: '100/1h', // every test starts from 127.0.0.1
      TURNSTILE_SECRET: SECRET,
      TURNSTILE_SITE_KEY: SITE_KEY,
      TURNSTILE_VERIFY_URL: siteverify.url,
    },
  });
  browser = await launchChromium();
});

after(async () => {
  await browser?.close();
  await worker?.stop();
  await emulator?.stop();
  siteverify?.close();
});

/** The page, with Turnstile's script answered by the stand-in (`unsolved`: it never solves). */
async function openPage({ unsolved = false } = {}) {
  const page = await browser.newPage({ viewport: { width: 1280, height: 900 }, locale: 'en-SG' });
  const errors = [];
  page.on('pageerror', (error) => errors.push(error.message));
  if (unsolved) await page.addInitScript(() => { window.turnstileUnsolved = true; });
  await page.route('https://challenges.cloudflare.com/turnstile/v0/api.js*', (route) =>
    route.fulfill({ contentType: 'text/javascript', body: STAND_IN }));
  await page.goto(worker.url);
  await page.getByLabel('Country', exact).waitFor();
  return { page, errors };
}

async function send(page, national) {
  await page.getByLabel('Country', exact).selectOption('SG');
  const phone = page.getByLabel('Phone number', exact);
  await phone.fill('');
  await phone.pressSequentially(national);
  await page.getByText('valid mobile number', exact).waitFor();
  await page.getByRole('button', { name: 'Send code', exact: true }).click();
}

test('the widget gets the worker\'s site key; each start sends a fresh token, which siteverify checks', async () => {
  const { page, errors } = await openPage();
  await page.waitForFunction(() => window.turnstileRenders.length === 1);
  assert.deepEqual(await page.evaluate(() => window.turnstileRenders), [{ sitekey: SITE_KEY, action: 'verify' }]);
  assert.equal(await page.locator('#turnstile').isVisible(), true);
  const before = asked.length;

  await send(page, '87650101');
  await page.getByText(/^Code sent by SMS to \+65 8765 0101\./).waitFor();
  const [first] = await emulator.outbox({ destination: '+6587650101' });
  await page.getByLabel('Verification code', exact).fill(first.code);
  await page.getByRole('button', { name: 'Verify', exact: true }).click();
  await page.getByRole('status').filter({ has: page.getByRole('heading') }).getByText('Verified', exact).waitFor();

  // The next start takes the next token: a token is good once.
  await send(page, '87650102');
  await page.getByText(/^Code sent by SMS to \+65 8765 0102\./).waitFor();
  const checks = asked.slice(before);
  const issued = await page.evaluate(() => window.turnstileIssued);
  assert.deepEqual(checks.map((c) => c.response), issued.slice(0, 2), 'the first two tokens, each once');
  assert.notEqual(issued[0], issued[1]);
  for (const c of checks) {
    assert.equal(c.secret, SECRET);
    assert.equal(c.remoteip, '127.0.0.1');
  }
  assert.deepEqual(errors, []);
  await page.close();
});

test('a start before the challenge is solved waits for it; a challenge never solved is refused in words, nothing sent', async () => {
  const { page } = await openPage({ unsolved: true });
  await page.waitForFunction(() => window.turnstileRenders.length === 1);
  // Clicked before the challenge is done: the start waits for its token.
  await send(page, '87650103');
  await page.waitForTimeout(500);
  assert.deepEqual(await emulator.outbox({ destination: '+6587650103' }), [], 'nothing sent while the challenge runs');
  await page.evaluate(() => window.turnstileSolve());
  await page.getByText(/^Code sent by SMS to \+65 8765 0103\./).waitFor();
  assert.equal((await emulator.outbox({ destination: '+6587650103' })).length, 1);
  const issued = await page.evaluate(() => window.turnstileIssued);
  assert.equal(asked.at(-1).response, issued.at(-1), 'the token that came after the click');

  // Never solved: after the page's wait (10 s), the worker refuses it in words.
  await send(page, '87650104');
  const outcome = page.getByRole('status').filter({ has: page.getByRole('heading') });
  await outcome.getByText(/turnstileToken is required: complete the challenge; nothing was sent/).waitFor({ timeout: 20_000 });
  assert.deepEqual(await emulator.outbox({ destination: '+6587650104' }), []);
  await page.close();
});
