// Cloudflare Turnstile, only when the worker asks for it (a
// `turnstileSiteKey` in GET /api/verify/config): the widget in the send
// form, and a fresh token for each start (a token is good once).
// https://developers.cloudflare.com/turnstile/get-started/client-side-rendering/
const SCRIPT = 'https://challenges.cloudflare.com/turnstile/v0/api.js?render=explicit';

let widget;

/** Renders the widget into `container` with the worker's site key. */
export async function mountTurnstile(siteKey, container) {
  await new Promise((resolve, reject) => {
    const script = Object.assign(document.createElement('script'), { src: SCRIPT, async: true });
    script.addEventListener('load', resolve);
    script.addEventListener('error', () => reject(new Error('the Turnstile challenge could not load')));
    document.head.append(script);
  });
  container.hidden = false;
  // The worker checks the action (TURNSTILE_ACTION, default "verify").
  widget = window.turnstile.render(container, { sitekey: siteKey, action: 'verify' });
}

/** The token for one start (undefined without a widget); the widget then resets for the next. */
export function takeTurnstileToken() {
  if (widget === undefined) return undefined;
  const token = window.turnstile.getResponse(widget) || undefined;
  window.turnstile.reset(widget);
  return token;
}
