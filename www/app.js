// The sample page: loads the package, then wires the phone field, the
// verification flow and (against the emulator) the outbox panel.
import init, { verificationLimits } from './pkg/verify8x8.js';
import { config } from './config.js';
import { showOutbox } from './outbox.js';
import { phoneField } from './phone-field.js';
import { verdict } from './verdict.js';
import { verification } from './verification.js';

const $ = (id) => document.getElementById(id);

try {
  await init();
} catch (error) {
  $('loading').textContent = `The verify8x8 package could not load: ${error.message}`;
  throw error;
}

// 8x8's range of codeLength, from the package.
const { codeLength } = verificationLimits();
Object.assign($('code-length'), { min: codeLength.min, max: codeLength.max });

const channel = $('channel');
const ui = {
  sendForm: $('send-form'), verifyForm: $('verify-form'), send: $('send'), verify: $('verify'),
  code: $('code'), countdown: $('countdown'), sendStatus: $('send-status'), outcome: $('outcome'),
  sma: $('sma'), smaLink: $('sma-link'),
  params, numberOk: () => current.ok,
  codeInputMode: () => ($('code-type').value.startsWith('NUMERIC') ? 'numeric' : 'text'),
};

let parsed = null;
let current = verdict(null, channel.value);
const flow = verification(ui);

const phone = phoneField({ select: $('country'), input: $('phone'), onChange: (p) => { parsed = p; update(); } });
channel.addEventListener('change', update);
$('code-type').addEventListener('change', () => { ui.code.inputMode = ui.codeInputMode(); });

function update() {
  const empty = !$('phone').value.trim();
  current = verdict(parsed, channel.value);
  $('phone-verdict').textContent = empty ? '' : current.text;
  $('phone-verdict').className = `verdict ${empty ? '' : current.ok ? 'ok' : 'bad'}`;
  $('whatsapp-field').hidden = channel.value !== 'whatsapp';
  flow.numberChanged(parsed?.e164 ?? null);
  flow.refresh();
}

/** The verification parameters, as the form says. */
function params() {
  const p = { destination: parsed?.e164 ?? $('phone').value, channel: channel.value };
  const brand = $('brand').value.trim();
  if (brand) p.brand = brand;
  const length = $('code-length').value;
  p.codeLength = length === '' ? length : Number(length);
  p.codeType = $('code-type').value;
  if (channel.value === 'whatsapp') p.whatsapp = { templateName: $('whatsapp-template').value.trim() };
  return p;
}

const outbox = outboxAddress();
if (outbox) showOutbox($('outbox'), outbox);

parsed = phone.parse();
update();
$('loading').remove();
$('send-form').hidden = false;

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
