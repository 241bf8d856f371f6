// The sample page: loads the package and what the worker offers, then wires
// the phone field, the verification flow and (against the emulator) the
// outbox panel.
import init, { channelWords, validateVerification } from './pkg/verify8x8.js';
import { getSettings } from './api.js';
import { config } from './config.js';
import { showOutbox } from './outbox.js';
import { mountTurnstile } from './turnstile.js';
import { phoneField } from './phone-field.js';
import { verdict } from './verdict.js';
import { verification } from './verification.js';

const $ = (id) => document.getElementById(id);

let settings;
try {
  [, settings] = await Promise.all([init(), getSettings()]);
} catch (error) {
  $('loading').textContent = `The page could not load: ${error.message}`;
  throw error;
}

// Only the channels (and WhatsApp templates) the worker offers.
const channel = $('channel');
for (const name of settings.channels) channel.add(new Option(channelWords(name)?.name ?? name, name));
$('channel-field').hidden = settings.channels.length < 2;
for (const name of settings.whatsappTemplates) $('whatsapp-template').add(new Option(name, name));
// A challenge before any code is sent, when the operator turned Turnstile on.
if (settings.turnstileSiteKey) {
  mountTurnstile(settings.turnstileSiteKey, $('turnstile')).catch((error) => {
    $('send-error').textContent = `${error.message}: codes cannot be sent from this page now.`;
  });
}

const ui = {
  sendForm: $('send-form'), verifyForm: $('verify-form'), send: $('send'), verify: $('verify'),
  resend: $('resend'), code: $('code'), codeHint: $('code-hint'), countdown: $('countdown'),
  sendWait: $('send-wait'), sendStatus: $('send-status'), outcome: $('outcome'),
  sma: $('sma'), smaLink: $('sma-link'), silent: $('silent'),
  params, numberOk: () => current.ok, showNumber,
  silentOk: () => verdict(parsed, 'sma').ok,
};
// "Verify without a code": silent authentication first, a code if it cannot.
ui.silent.hidden = !(settings.channels.includes('sma') && settings.channels.some((c) => c !== 'sma'));
// The code field fits the code the worker sends.
ui.code.maxLength = settings.codeLength + (settings.codeType === 'NUMERIC_WITH_DASH' ? 1 : 0);
ui.code.inputMode = settings.codeType.startsWith('NUMERIC') ? 'numeric' : 'text';

let parsed = null;
let current = verdict(null, channel.value);
const flow = verification(ui, settings);

const phone = phoneField({ select: $('country'), input: $('phone'), onChange: (p) => { parsed = p; update(); } });
channel.addEventListener('change', update);

function update() {
  const empty = !$('phone').value.trim();
  current = verdict(parsed, channel.value);
  $('phone-verdict').textContent = empty ? '' : current.text;
  $('phone-verdict').className = `verdict ${empty ? '' : current.ok ? 'ok' : 'bad'}`;
  $('whatsapp-field').hidden = channel.value !== 'whatsapp';
  flow.numberChanged(parsed?.e164 ?? null);
}

/** The verification parameters: only what a page may choose; the worker sets the rest. */
function params() {
  const p = { destination: parsed?.e164 ?? $('phone').value, channel: channel.value };
  if (channel.value === 'whatsapp') p.whatsapp = { templateName: $('whatsapp-template').value };
  // The SMS's wording (and a call's voice) in the person's language, when 8x8 has it.
  const language = navigator.languages?.find((tag) => validateVerification({ ...p, language: tag }).ok);
  if (language) p.language = language;
  return p;
}

/** Puts `e164` back in the phone field (a resumed verification). */
function showNumber(e164) {
  const input = $('phone');
  input.value = e164;
  input.dispatchEvent(new Event('input'));
}

const outbox = outboxAddress();
if (outbox) showOutbox($('outbox'), outbox);

parsed = phone.parse();
update();
$('loading').remove();
$('send-form').hidden = false;
await flow.resume();

/** The emulator to show the outbox of: `?outbox=` (loopback only) or config.js. */
function outboxAddress() {
  const asked = new URLSearchParams(location.search).get('outbox');
  if (asked) {
    try {
      const url = new URL(asked);
      if (['127.0.0.1', 'localhost', '[::1]'].includes(url.hostname)) return url.origin;
    } catch {
      // Not a URL: ignore it.
    }
  }
  return config.outbox;
}
