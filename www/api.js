// The edge worker's routes (/api/verify/*) through the package's
// VerifyClient in proxy mode: no key in the page, the worker holds it.
// Errors are VerifyErrors with a stable `code` (validation, forbidden,
// rate_limited, resend_too_soon, not_found, network, ...), `status`,
// `violations` and `retryAfter` where they apply. A second start of a number
// whose code is still valid is refused with status 409 and `retryAfter`.
import { VerifyClient } from './pkg/verify8x8.js';
import { takeTurnstileToken } from './turnstile.js';

let client;
const verify = () => (client ??= new VerifyClient({ baseUrl: location.origin }));

/**
 * Starts a verification; resolves to the session (`sessionId` is a handle).
 * With Turnstile on, it first waits for the challenge's token.
 */
export const startVerification = async (params) =>
  verify().startVerification(params, { turnstileToken: await takeTurnstileToken() });

/** Checks `code` (POST .../check); the answer that verifies carries `proof`, once. */
export const checkCode = (sessionId, code) => verify().checkCode(sessionId, code);

/** Checks a silent (`sma`) session with no code (POST .../check {}); verified, it carries `proof`. */
export const checkSilently = (sessionId) => verify().checkCode(sessionId);

/** Reads the session's status (never a proof). */
export const getStatus = (sessionId) => verify().getStatus(sessionId);

/**
 * Sends the code again; resolves to the session with its new handle.
 * `{ channel }` moves a silent (`sma`) session to a code (the fallback).
 */
export const resend = (sessionId, options) => verify().resend(sessionId, options);

/** Whether silent mobile authentication can reach `destination` from this connection. */
export const checkCoverage = (params) => verify().checkCoverage(params);

/**
 * What the worker offers (GET /api/verify/config): `{channels,
 * whatsappTemplates, codeLength, codeType, codeValidity, resendingInterval,
 * maxAttempts, turnstileSiteKey}`. Read once.
 */
let settings;
export const getSettings = () => (settings ??= fetch('/api/verify/config').then(async (response) => {
  if (!response.ok) throw new Error(`the verification service answered ${response.status}`);
  return response.json();
}));
