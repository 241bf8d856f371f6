// The words under the phone field (www/verdict.js) for numbers the package
// parses, in Node: what a person reads while typing. It loads the assembled
// site (target/site/, `node scripts/site.mjs`), where verdict.js finds the
// package at ./pkg/ as in a browser.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { initSync, parsePhone } from '../../target/site/pkg/verify8x8.js';
import { verdict } from '../../target/site/verdict.js';
import { root } from '../support/servers.mjs';

initSync({ module: readFileSync(join(root, 'target', 'site', 'pkg', 'verify8x8_bg.wasm')) });

const say = (number, country, channel = 'sms') => verdict(parsePhone(number, country), channel);

test('an empty field asks for a number and blocks sending', () => {
  assert.deepEqual(verdict(null, 'sms'), { text: 'type your mobile number', ok: false });
});

test('a mobile number is valid for every channel', () => {
  for (const channel of ['sms', 'call', 'whatsapp', 'viber', 'sma']) {
    assert.deepEqual(say('8765 4321', 'SG', channel), { text: 'valid mobile number', ok: true });
  }
});

test('a landline is caught before an SMS is paid for, but a call may reach it', () => {
  const sms = say('6123 4567', 'SG');
  assert.equal(sms.ok, false);
  assert.match(sms.text, /^this looks like a landline: SMS cannot reach it/);
  assert.match(say('6123 4567', 'SG', 'whatsapp').text, /WhatsApp cannot reach it/);
  assert.deepEqual(say('6123 4567', 'SG', 'call'), { text: 'valid landline', ok: true });
});

test('invalid numbers say why', () => {
  assert.deepEqual(say('6123', 'SG'), { text: 'too short', ok: false });
  assert.deepEqual(say('+1 415 555 26711234', 'US'), { text: 'too long', ok: false });
  assert.equal(say('hello', 'SG').ok, false);
});

test('a number whose type the country does not tell is accepted', () => {
  const us = say('(201) 555-0123', 'US');
  assert.equal(us.ok, true);
  assert.match(us.text, /^valid /);
});
