// Cloudflare Turnstile, only when the worker asks for it (a
// `turnstileSiteKey` in GET /api/verify/config): the widget in the send
// form, and a fresh token for each start (a token is good once).
// https://developers.cloudflare.com/turnstile/get-started/client-side-rendering/
const SCRIPT = 'https://challenges.cloudflare.com/turnstile/v0/api.js?render=explicit';

/** How long a start waits for the challenge to be solved before it goes without a token. */
const WAIT_MS = 10_000;

let widget;
let mounting;
/** The widget's next token: `{ promise, resolve }`, resolved by its `callback`. */
let next;

function expectToken() {
  let resolve;
  const promise = new Promise((r) => { resolve = r; });
  next = { promise, resolve };
}

/** Renders the widget into `container` with the worker's site key. */
export function mountTurnstile(siteKey, container) {
  mounting = (async () => {
    await new Promise((resolve, reject) => {
      const script = Object.assign(document.createElement('script'), { src: SCRIPT, async: true });
      script.addEventListener('load', resolve);
      script.addEventListener('error', () => reject(new Error('the Turnstile challenge could not load')));
      document.head.append(script);
    });
    container.hidden = false;
    expectToken();
    // The worker checks the action (TURNSTILE_ACTION, default "verify").
    widget = window.turnstile.render(container, {
      sitekey: siteKey,
      action: 'verify',
      callback: (token) => next.resolve(token),
      // A token not used in time expires (the widget then gets another):
      // the one already delivered must not be taken.
      'expired-callback': () => expectToken(),
    });
  })();
  return mounting;
}

/**
 * The token for one start (undefined without a widget): the one the widget
 * holds, or, when the person was quicker than the challenge, the next one it
 * gets within WAIT_MS. The widget then resets for the next start. Without a
 * token the worker refuses the start, and says so.
 */
export async function takeTurnstileToken() {
  await mounting?.catch(() => {});
  if (widget === undefined) return undefined;
  let token = window.turnstile.getResponse(widget);
  if (!token) {
    let timer;
    token = await Promise.race([next.promise, new Promise((resolve) => { timer = setTimeout(resolve, WAIT_MS); })]);
    clearTimeout(timer);
  }
  expectToken();
  window.turnstile.reset(widget);
  return token || undefined;
}
