// The live verdict under the phone field: plain words for what parsePhone
// found, and whether the chosen channel can reach the number (the package
// knows which channel reaches which type of number).
import { channelReaches, channelWords } from './pkg/verify8x8.js';

const REASONS = {
  NOT_A_NUMBER: 'not a phone number: use digits only',
  INVALID_COUNTRY: 'unknown country: choose one or start with + and the country code',
  TOO_SHORT: 'too short',
  TOO_LONG: 'too long',
  INVALID_LENGTH: 'wrong number of digits for this country',
  NOT_VALID_FOR_REGION: 'not a valid number for this country',
};

const TYPES = {
  MOBILE: 'mobile number',
  FIXED_LINE: 'landline',
  FIXED_LINE_OR_MOBILE: 'number (mobile or landline: this country does not tell them apart)',
  VOIP: 'internet (VoIP) number',
  PERSONAL_NUMBER: 'personal number',
  TOLL_FREE: 'toll-free number',
  PREMIUM_RATE: 'premium-rate number',
  SHARED_COST: 'shared-cost number',
  PAGER: 'pager number',
  UAN: 'company number (UAN)',
  VOICEMAIL: 'voicemail access number',
};

/**
 * What to say about `parsed` (a parsePhone result, or null when the field is
 * empty) for `channel`: `{ text, ok }`, `ok` when a code may be sent.
 */
export function verdict(parsed, channel) {
  if (!parsed) return { text: 'type your mobile number', ok: false };
  if (!parsed.valid) return { text: REASONS[parsed.reason] ?? 'not a valid number', ok: false };
  const type = parsed.type;
  const reachable = channelReaches(channel, parsed.e164);
  if (reachable) return { text: `valid ${TYPES[type] ?? 'number'}`, ok: true };
  const via = channelWords(channel)?.name ?? channel;
  if (type === 'FIXED_LINE') {
    return { text: `this looks like a landline: ${via} cannot reach it. A voice call can.`, ok: false };
  }
  return { text: `this is a ${TYPES[type] ?? 'number'}: ${via} cannot reach it`, ok: false };
}
