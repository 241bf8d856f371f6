// The side panel that shows the emulator's outbox, so a person sees the
// "SMS" arrive. Shown only when the page runs against the emulator.
import { formatPhone } from './pkg/verify8x8.js';

/** Polls `${emulator}/_emulator/outbox` every second and lists new messages in `panel`. */
export function showOutbox(panel, emulator) {
  const list = panel.querySelector('#outbox-list');
  const empty = panel.querySelector('#outbox-empty');
  const seen = new Set();
  let failing = false;
  panel.hidden = false;

  const poll = async () => {
    if (document.hidden) return;
    try {
      const response = await fetch(`${emulator}/_emulator/outbox?limit=10`);
      const messages = await response.json();
      failing = false;
      for (const message of messages.reverse()) {
        if (seen.has(message.id)) continue;
        seen.add(message.id);
        list.prepend(item(message));
      }
      while (list.children.length > 10) list.lastElementChild.remove();
      empty.textContent = seen.size ? '' : 'No message yet.';
    } catch {
      if (!failing) empty.textContent = `The emulator at ${emulator} does not answer.`;
      failing = true;
    }
  };
  poll();
  setInterval(poll, 1000);
}

function item(message) {
  const li = document.createElement('li');
  const meta = document.createElement('p');
  meta.className = 'meta';
  const time = document.createElement('time');
  time.dateTime = message.time;
  time.textContent = new Date(message.time).toLocaleTimeString();
  const to = formatPhone(message.destination, 'INTERNATIONAL') ?? message.destination;
  meta.append(`${channelName(message.channel)} to ${to} at `, time);
  const text = document.createElement('p');
  text.className = 'text';
  text.textContent = message.text ?? '(no text)';
  li.append(meta, text);
  return li;
}

function channelName(channel) {
  return { sms: 'SMS', call: 'Call', whatsapp: 'WhatsApp', viber: 'Viber', sma: 'Silent auth' }[channel] ?? channel;
}
