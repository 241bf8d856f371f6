// The verification itself: send a code (SMA: coverage check first), count
// down to the next resend, check the code, and say what happened in plain
// words.
import { channelWords, formatPhone, validateVerification, verificationLimits } from './pkg/verify8x8.js';
import * as api from './api.js';
import { countdown, duration } from './countdown.js';
import { showOutcome, showProblem, clearOutcome } from './outcome.js';
import { clearViolations, showViolations } from './violations.js';


/** The edge worker's rate limits (`limit` of a rate_limited error), in plain words. */
const LIMITS = {
  destination: 'Too many codes were asked for this number',
  ip: 'Too many codes were asked from this connection',
  prefix: 'Too many codes were asked for numbers like this one',
  country: 'Too many codes were asked for this country',
  session_checks: 'Too many codes were tried for this verification',
  ip_checks: 'Too many codes were tried from this connection',
  ip_reads: 'Too many status checks from this connection',
};

/**
 * `ui`: the page's elements plus `params()` (the verification parameters)
 * and `numberOk()` (whether the typed number can receive a code).
 * Returns `{ refresh, numberChanged(e164) }`, to call when the number or
 * channel changes.
 */
export function verification(ui) {
  let session = null;
  let sentTo = null; // the number the resend countdown is about
  let busy = false;
  let waitUntil = 0;
  let stopCountdown = () => {};
  let stopPolling = () => {};

  const refresh = () => {
    ui.send.disabled = busy || Date.now() < waitUntil || !ui.numberOk();
  };
  const setBusy = (value) => {
    busy = value;
    ui.verify.disabled = value;
    refresh();
  };

  /** No new send before `until` (ms since the epoch); says when. */
  const holdSend = (until, reason) => {
    stopCountdown();
    waitUntil = until;
    stopCountdown = countdown(
      until,
      (left) => { ui.countdown.textContent = `${reason} ${duration(left)}.`; refresh(); },
      () => { ui.countdown.textContent = ''; waitUntil = 0; refresh(); },
    );
  };

  ui.sendForm.addEventListener('submit', async (event) => {
    event.preventDefault();
    if (ui.send.disabled) return;
    clearViolations(ui.sendForm);
    clearViolations(ui.verifyForm);
    clearOutcome(ui.outcome);
    stopPolling();
    const params = ui.params();
    const checked = validateVerification(params);
    if (!checked.ok) {
      showViolations(ui.sendForm, checked.errors)?.focus();
      return;
    }
    setBusy(true);
    sentTo = params.destination;
    ui.sendStatus.textContent = 'Sending…';
    try {
      if (params.channel === 'sma' && !(await smaAvailable(params.destination))) return;
      session = await api.startVerification(params);
      sent(session, params.channel, checked.request.resendingInterval);
    } catch (error) {
      ui.sendStatus.textContent = '';
      failed(error, ui.sendForm);
    } finally {
      setBusy(false);
    }
  });

  ui.verifyForm.addEventListener('submit', async (event) => {
    event.preventDefault();
    clearViolations(ui.verifyForm);
    clearOutcome(ui.outcome);
    const code = ui.code.value.trim();
    if (!session) return;
    if (!code) {
      showViolations(ui.verifyForm, [{ path: 'code', message: 'Type the code you received.' }])?.focus();
      return;
    }
    setBusy(true);
    try {
      checked(await api.checkCode(session.sessionId, code));
    } catch (error) {
      failed(error, ui.verifyForm);
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
   * The server's clock may differ from this one: times are taken as spans
   * between the server's own timestamps (retryAfter = sent + interval,
   * expiresAt = sent + validity), never compared with this clock alone.
   */
  function sent(s, channel, interval) {
    sentTo = s.destination;
    const number = formatPhone(s.destination, 'INTERNATIONAL') ?? s.destination;
    const wait = Math.min(Date.parse(s.retryAfter) - Date.now(), interval * 1000);
    const validFor = duration((Date.parse(s.expiresAt) - Date.parse(s.retryAfter)) / 1000 + interval);
    holdSend(Date.now() + wait, 'You can ask for a new code in');
    if (channel === 'sma') {
      ui.sendStatus.textContent = `Verification started for ${number}.`;
      ui.verifyForm.hidden = true;
      ui.sma.hidden = false;
      ui.smaLink.href = s.sma?.verificationUrl ?? '#';
      if (s.status === 'WAITING') stopPolling = poll(s.sessionId);
      else checked(s);
      return;
    }
    ui.sma.hidden = true;
    ui.sendStatus.textContent = `Code sent ${channelWords(channel)?.via ?? ''} to ${number}. It is valid for ${validFor}.`;
    ui.verifyForm.hidden = false;
    ui.code.inputMode = ui.codeInputMode();
    ui.code.value = '';
    ui.code.focus();
  }

  function poll(sessionId) {
    const timer = setInterval(async () => {
      try {
        const s = await api.getStatus(sessionId);
        if (s.status !== 'WAITING') {
          clearInterval(timer);
          checked(s);
        }
      } catch (error) {
        clearInterval(timer);
        failed(error, ui.sendForm);
      }
    }, 2000);
    return () => clearInterval(timer);
  }

  function checked(s) {
    const number = formatPhone(s.destination, 'INTERNATIONAL') ?? s.destination;
    if (s.status === 'VERIFIED') {
      stopPolling();
      session = null;
      ui.verifyForm.hidden = true;
      ui.sma.hidden = true;
      showOutcome(ui.outcome, 'success', 'Verified', `${number} is your number.`, s.proof);
    } else if (s.status === 'WAITING') {
      const left = Math.max(0, verificationLimits().maxAttempts - s.attempt);
      showProblem(ui.outcome, 'Wrong code',
        `${left} ${left === 1 ? 'attempt' : 'attempts'} left. Check the code and type it again.`);
      ui.code.setAttribute('aria-invalid', 'true');
      ui.code.focus();
      ui.code.select();
    } else if (s.status === 'FAILED') {
      session = null;
      ui.verifyForm.hidden = true;
      showProblem(ui.outcome, 'Verification failed',
        `Too many wrong codes: this code no longer works. Send a new code to ${number} to try again.`);
      ui.send.focus();
    } else if (s.status === 'EXPIRED') {
      session = null;
      ui.verifyForm.hidden = true;
      showProblem(ui.outcome, 'Code expired', 'The code is no longer valid. Send a new code.');
      ui.send.focus();
    }
  }

  function failed(error, form) {
    const wait = error.retryAfter;
    if (error.violations?.length) {
      // Refused by the package's rules or the server's policy: say it by the field.
      showViolations(ui.sendForm, error.violations.filter((v) => v.path !== 'code'));
      showViolations(ui.verifyForm, error.violations.filter((v) => v.path === 'code'));
      (form.querySelector('[aria-invalid="true"]') ?? ui.sendForm.querySelector('[aria-invalid="true"]'))?.focus();
      return;
    }
    switch (error.code) {
      case 'resend_too_soon':
        if (wait) holdSend(Date.now() + wait * 1000, 'You can ask for a new code in');
        showProblem(ui.outcome, 'A code was sent moments ago',
          `Wait for it${wait ? `, or ask for a new one in ${duration(wait)}` : ''}.`);
        break;
      case 'rate_limited': {
        const at = wait ? new Date(Date.now() + wait * 1000).toLocaleTimeString([], { hour: '2-digit', minute: '2-digit' }) : null;
        if (wait && form === ui.sendForm) holdSend(Date.now() + wait * 1000, 'You can try again in');
        const why = LIMITS[error.limit] ? `${LIMITS[error.limit]}. ` : '';
        showProblem(ui.outcome, 'Too many attempts',
          `${why}${wait ? `Try again in ${duration(wait)} (at ${at}).` : 'Try again later.'}`);
        break;
      }
      case 'not_found':
      case 'invalid_id':
        session = null;
        ui.verifyForm.hidden = true;
        showProblem(ui.outcome, 'Verification not found', 'This verification is no longer known. Send a new code.');
        break;
      case 'network':
      case 'timeout':
        showProblem(ui.outcome, 'No connection', 'The server could not be reached. Check your connection and try again.');
        break;
      default:
        showProblem(ui.outcome, 'Something went wrong',
          `${error.message}${error.errorId ? ` (error id ${error.errorId})` : ''}`);
    }
  }

  /** A code sent to another number no longer applies once the number changes. */
  const numberChanged = (e164) => {
    if (!sentTo || e164 === sentTo) return;
    sentTo = null;
    stopCountdown();
    waitUntil = 0;
    ui.countdown.textContent = '';
    ui.sendStatus.textContent = '';
    if (session) {
      session = null;
      stopPolling();
      ui.verifyForm.hidden = true;
      ui.sma.hidden = true;
      clearOutcome(ui.outcome);
    }
    refresh();
  };

  return { refresh, numberChanged };
}
