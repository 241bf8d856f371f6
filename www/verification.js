// The verification itself: send a code, count down to a resend, check the
// code, and say what happened in plain words. The pending verification is
// kept in sessionStorage (pending.js), so a reload continues it. A code sent
// by SMS fills itself in where the browser has WebOTP (receiveCode); "Verify
// without a code" tries silent authentication first (silent.js).
import { channelWords, formatPhone, receiveCode, validateVerification } from './pkg/verify8x8.js';
import * as api from './api.js';
import { config } from './config.js';
import { countdown, duration } from './countdown.js';
import { showOutcome, showProblem, clearOutcome } from './outcome.js';
import * as pending from './pending.js';
import { explain } from './problems.js';
import { silentFirst } from './silent.js';
import { clearViolations, showViolations } from './violations.js';


/** Why silent authentication gave way to a code. */
const SILENT_FAILED = {
  'not-covered': 'Verifying without a code is not possible on this connection (it needs mobile data on a supported network).',
  timeout: 'Verifying without a code took too long.',
  failed: 'Verifying without a code did not work.',
};

const format = (e164) => formatPhone(e164, 'INTERNATIONAL') ?? e164;

/**
 * `ui`: the page's elements plus `params()` (the verification parameters),
 * `numberOk()` (whether the typed number can receive a code) and
 * `showNumber(e164)` (puts a number back in the phone field). `settings`:
 * what the worker offers (api.getSettings()). Returns `{ refresh,
 * numberChanged(e164), resume() }`.
 */
export function verification(ui, settings) {
  let session = null; // the pending verification: { sessionId, destination, channel, ... }
  let typed = null; // the number in the phone field, E.164
  let busy = false;
  let sendHeldUntil = 0;
  let stopSendWait = () => {};
  let stopResendWait = () => {};
  let stopPolling = () => {};
  let listening = new AbortController(); // WebOTP's request for the SMS

  /** Stops waiting for the SMS (the person types, asks again, leaves, or it is over). */
  const stopListening = () => listening.abort();
  /** Waits for the SMS's code through WebOTP; fills it in and submits it. */
  const listenForCode = () => {
    stopListening();
    listening = new AbortController();
    const { signal } = listening;
    receiveCode({ signal }).then((code) => {
      if (signal.aborted || !session) return;
      ui.code.value = code;
      ui.verifyForm.requestSubmit();
    });
  };
  // Typing (a trusted input event; autofill and WebOTP fill in without one) stops it.
  ui.code.addEventListener('input', (event) => { if (event.isTrusted) stopListening(); });
  addEventListener('pagehide', stopListening);

  const refresh = () => {
    const pendingHere = session && session.destination === typed;
    ui.send.disabled = busy || Date.now() < sendHeldUntil || !ui.numberOk() || Boolean(pendingHere);
    ui.silent.disabled = ui.send.disabled || !ui.silentOk();
  };
  const setBusy = (value) => {
    busy = value;
    ui.verify.disabled = value;
    refresh();
  };

  /** No new start before `seconds` from now; says when. */
  const holdSend = (seconds, reason) => {
    stopSendWait();
    sendHeldUntil = Date.now() + seconds * 1000;
    stopSendWait = countdown(sendHeldUntil,
      (left) => { ui.sendWait.textContent = `${reason} ${duration(left)}.`; refresh(); },
      () => { ui.sendWait.textContent = ''; sendHeldUntil = 0; refresh(); });
  };

  /** The resend button waits `seconds`. */
  const holdResend = (seconds) => {
    stopResendWait();
    ui.resend.disabled = true;
    stopResendWait = countdown(Date.now() + seconds * 1000,
      (left) => { ui.countdown.textContent = `You can ask for a new code in ${duration(left)}.`; },
      () => { ui.countdown.textContent = ''; ui.resend.disabled = false; });
  };

  ui.sendForm.addEventListener('submit', async (event) => {
    event.preventDefault();
    if (ui.send.disabled) return;
    clearViolations(ui.sendForm);
    clearViolations(ui.verifyForm);
    clearOutcome(ui.outcome);
    const params = ui.params();
    const checked = validateVerification(params);
    if (!checked.ok) {
      showViolations(ui.sendForm, checked.errors)?.focus();
      return;
    }
    setBusy(true);
    ui.sendStatus.textContent = 'Sending…';
    try {
      if (params.channel === 'sma' && !(await smaAvailable(params.destination))) return;
      const s = await api.startVerification(params);
      sent(s, params.channel, 'sent');
    } catch (error) {
      ui.sendStatus.textContent = '';
      failed(error, ui.sendForm, params.destination);
    } finally {
      setBusy(false);
    }
  });

  ui.silent.addEventListener('click', async () => {
    if (ui.silent.disabled) return;
    clearViolations(ui.sendForm);
    clearOutcome(ui.outcome);
    const { destination } = ui.params();
    const fallback = settings.channels.find((c) => c === 'sms') ?? settings.channels.find((c) => c !== 'sma');
    setBusy(true);
    ui.sendStatus.textContent = 'Verifying without a code…';
    try {
      const result = await silentFirst(api, {
        destination,
        fallback,
        waitSeconds: config.silentWaitSeconds ?? 20,
        onStarted: (s) => { session = { ...s, channel: 'sma' }; pending.remember(s, 'sma'); },
      });
      if (result.way === 'silent') {
        ui.sendStatus.textContent = '';
        checked(result.session, 'Verified without a code: your mobile network confirmed the number.');
      } else {
        sent(result.session, fallback, 'sent');
        ui.sendStatus.textContent = `${SILENT_FAILED[result.why]} ${ui.sendStatus.textContent}`;
      }
    } catch (error) {
      ui.sendStatus.textContent = '';
      failed(error, ui.sendForm, destination);
    } finally {
      setBusy(false);
    }
  });

  ui.verifyForm.addEventListener('submit', async (event) => {
    event.preventDefault();
    clearViolations(ui.verifyForm);
    clearOutcome(ui.outcome);
    const code = ui.code.value.trim();
    if (!session || busy) return;
    if (!code) {
      showViolations(ui.verifyForm, [{ path: 'code', message: 'Type the code you received.' }])?.focus();
      return;
    }
    setBusy(true);
    try {
      checked(await api.checkCode(session.sessionId, code));
    } catch (error) {
      failed(error, ui.verifyForm, session?.destination);
    } finally {
      setBusy(false);
    }
  });

  ui.resend.addEventListener('click', async () => {
    if (!session || busy) return;
    stopListening();
    clearOutcome(ui.outcome);
    setBusy(true);
    try {
      sent(await api.resend(session.sessionId), session.channel, 'resent');
    } catch (error) {
      failed(error, ui.verifyForm, session?.destination);
    } finally {
      setBusy(false);
    }
  });

  async function smaAvailable(destination) {
    const { isAvailable } = await api.checkCoverage({ destination });
    if (!isAvailable) {
      ui.sendStatus.textContent = '';
      showProblem(ui.outcome, 'Silent mobile authentication is not available',
        'It works only on a phone whose mobile network supports it, over mobile data. Choose another channel.');
    }
    return isAvailable;
  }

  /**
   * A code went out (`how`: "sent", "resent") or a kept verification is
   * resumed ("resumed"). The server's clock may differ from this one: the
   * resend wait is a span between the server's own timestamps, never this
   * clock against the server's.
   */
  function sent(s, channel, how) {
    session = { ...s, channel };
    pending.remember(s, channel);
    refresh();
    const number = format(s.destination);
    const interval = settings.resendingInterval;
    const wait = Math.min(Date.parse(s.retryAfter) - Date.now(), interval * 1000) / 1000;
    holdResend(Math.max(0, wait));
    if (channel === 'sma') {
      ui.sendStatus.textContent = `Verification started for ${number}.`;
      ui.verifyForm.hidden = true;
      ui.sma.hidden = false;
      ui.smaLink.href = s.sma?.verificationUrl ?? '#';
      stopPolling();
      stopPolling = poll(s.sessionId);
      return;
    }
    ui.sma.hidden = true;
    const words = channelWords(channel)?.via ?? '';
    if (how === 'resumed') {
      ui.sendStatus.textContent = `A code was sent ${words} to ${number}. It is valid until ${new Date(s.expiresAt).toLocaleTimeString([], { hour: '2-digit', minute: '2-digit' })}.`;
    } else {
      const validFor = duration((Date.parse(s.expiresAt) - Date.parse(s.retryAfter)) / 1000 + interval);
      const what = how === 'resent' ? 'Code sent again' : 'Code sent';
      ui.sendStatus.textContent = `${what} ${words} to ${number}. It is valid for ${validFor}.`;
    }
    ui.codeHint.textContent = `${settings.codeLength} ${settings.codeType.startsWith('NUMERIC') ? 'digits' : 'characters'}.`;
    ui.verifyForm.hidden = false;
    if (how !== 'resent') ui.code.value = '';
    ui.code.focus();
    if (channel === 'sms') listenForCode();
  }

  /** SMA: the session is verified once the phone opened its link; the proof comes from a check. */
  function poll(sessionId) {
    let stopped = false;
    const timer = setInterval(async () => {
      try {
        const s = await api.getStatus(sessionId);
        if (stopped || s.status === 'WAITING') return;
        clearInterval(timer);
        checked(s.status === 'VERIFIED' ? await api.checkSilently(sessionId) : s);
      } catch (error) {
        clearInterval(timer);
        failed(error, ui.sendForm, session?.destination);
      }
    }, 1000);
    return () => { stopped = true; clearInterval(timer); };
  }

  /** The answer of a check: the proof is shown only from this answer, never from a status read. */
  function checked(s, how) {
    const number = format(s.destination);
    if (s.status === 'VERIFIED') {
      over();
      showOutcome(ui.outcome, 'success', 'Verified', `${how ? `${how} ` : ''}${number} is your number.`, s.proof);
    } else if (s.status === 'WAITING') {
      const left = Math.max(0, settings.maxAttempts - s.attempt);
      showProblem(ui.outcome, 'Wrong code',
        `${left} ${left === 1 ? 'attempt' : 'attempts'} left. Check the code and type it again.`);
      ui.code.setAttribute('aria-invalid', 'true');
      ui.code.focus();
      ui.code.select();
    } else if (s.status === 'FAILED') {
      over();
      showProblem(ui.outcome, 'Verification failed',
        `Too many wrong codes: this code no longer works. Send a new code to ${number} to try again.`);
      ui.send.focus();
    } else if (s.status === 'EXPIRED') {
      over();
      showProblem(ui.outcome, 'Code expired', 'The code is no longer valid. Send a new code.');
      ui.send.focus();
    }
  }

  /** The verification is over (verified, failed, expired, unknown): forgotten. */
  function over() {
    session = null;
    stopListening();
    pending.forget();
    stopPolling();
    stopResendWait();
    ui.countdown.textContent = '';
    ui.verifyForm.hidden = true;
    ui.sma.hidden = true;
    refresh();
  }

  function failed(error, form, destination) {
    if (error.violations?.length) {
      // Refused by the package's rules or the server's policy: say it by the field.
      showViolations(ui.sendForm, error.violations.filter((v) => v.path !== 'code'));
      showViolations(ui.verifyForm, error.violations.filter((v) => v.path === 'code'));
      (form.querySelector('[aria-invalid="true"]') ?? ui.sendForm.querySelector('[aria-invalid="true"]'))?.focus();
      return;
    }
    const next = explain(ui.outcome, error, destination ? format(destination) : null);
    if (next.forget) over();
    if (next.hold && form === ui.sendForm) {
      holdSend(next.hold, error.status === 409 ? 'You can start again in' : 'You can try again in');
    }
    if (next.holdResend) holdResend(next.holdResend);
  }

  /** Continues the verification kept by an earlier load of this tab, if any. */
  async function resume() {
    const kept = pending.recall();
    if (!kept) return;
    try {
      const s = await api.getStatus(kept.sessionId);
      if (s.status === 'VERIFIED' && kept.channel === 'sma') {
        // Verified silently while this tab was away: the proof is in the
        // answer of a check (and that check frees the number).
        ui.showNumber(s.destination);
        checked(await api.checkSilently(kept.sessionId), 'Verified without a code: your mobile network confirmed the number.');
        return;
      }
      if (s.status !== 'WAITING') {
        pending.forget();
        return;
      }
      ui.showNumber(s.destination);
      sent(s, kept.channel, 'resumed');
    } catch {
      pending.forget(); // unknown or expired handle: start over
    }
  }

  /** A code sent to another number does not apply to the typed one. */
  const numberChanged = (e164) => {
    typed = e164;
    if (session && e164 !== session.destination && !ui.verifyForm.hidden) {
      stopListening();
      ui.verifyForm.hidden = true;
      ui.sma.hidden = true;
      ui.sendStatus.textContent = '';
      clearOutcome(ui.outcome);
    } else if (session && e164 === session.destination && session.channel !== 'sma') {
      ui.verifyForm.hidden = false;
    }
    refresh();
  };

  return { refresh, numberChanged, resume };
}
