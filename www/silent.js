// Silent first, then a code: the verification a person does not type.
// 1. Coverage through the worker: can 8x8 reach this number silently from
//    this connection (mobile data)?
// 2. Covered: start `sma`; the device opens `verificationUrl` over its
//    mobile data; the status is polled until VERIFIED; a check with no code
//    (POST .../check {}) then returns the proof.
// 3. Not covered, not verified within `waitSeconds`, or failed: the same
//    number gets a code by `fallback` (a resend of the silent session by
//    another channel, so the number's owner stays the same).
const sleep = (ms) => new Promise((resolve) => { setTimeout(resolve, ms); });

/**
 * Resolves to `{ way: "silent", session }` (verified, `session.proof` set) or
 * `{ way: "code", why, session }` (a code was sent by `fallback`; `why`:
 * "not-covered", "timeout" or "failed"). `onStarted(session)` is called when
 * the silent session starts (to keep its handle across a reload).
 */
export async function silentFirst(api, { destination, fallback, waitSeconds, onStarted }) {
  const { isAvailable } = await api.checkCoverage({ destination });
  if (!isAvailable) {
    return { way: 'code', why: 'not-covered', session: await api.startVerification({ destination, channel: fallback }) };
  }
  let s = await api.startVerification({ destination, channel: 'sma' });
  onStarted?.(s);
  if (s.status === 'WAITING' && s.sma?.verificationUrl) openOnDevice(s.sma.verificationUrl);
  const deadline = Date.now() + waitSeconds * 1000;
  while (s.status === 'WAITING' && Date.now() < deadline) {
    await sleep(1000);
    s = await api.getStatus(s.sessionId);
  }
  if (s.status === 'VERIFIED') {
    // The proof is only in the answer to a check, never in a status read.
    const checked = await api.checkSilently(s.sessionId);
    if (checked.status === 'VERIFIED') return { way: 'silent', session: checked };
    s = checked;
  }
  const why = s.status === 'WAITING' ? 'timeout' : 'failed';
  if (s.status !== 'WAITING') {
    // Over (failed, expired): the number is free for a new start.
    return { way: 'code', why, session: await api.startVerification({ destination, channel: fallback }) };
  }
  try {
    return { way: 'code', why, session: await api.resend(s.sessionId, { channel: fallback }) };
  } catch (error) {
    if (error.code !== 'resend_too_soon' || !error.retryAfter) throw error;
    await sleep(error.retryAfter * 1000);
    return { way: 'code', why, session: await api.resend(s.sessionId, { channel: fallback }) };
  }
}

/**
 * The device "opens" the verification link: a plain GET from this phone,
 * over its mobile data, is what 8x8's silent authentication checks. The
 * answer is not readable (no-cors) and not needed: the status tells.
 */
function openOnDevice(url) {
  fetch(url, { mode: 'no-cors', credentials: 'omit', cache: 'no-store', referrerPolicy: 'no-referrer' })
    .catch(() => {});
}
