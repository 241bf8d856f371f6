// A refused request in plain words: what happened and what to do.
import { duration } from './countdown.js';
import { showProblem } from './outcome.js';

/** The edge worker's rate limits (`limit` of a rate_limited error). */
const LIMITS = {
  destination: 'Too many codes were asked for this number',
  ip: 'Too many codes were asked from this connection',
  prefix: 'Too many codes were asked for numbers like this one',
  country: 'Too many codes were asked for this country',
  session_checks: 'Too many codes were tried for this verification',
  destination_failures: 'Too many wrong codes were tried for this number',
  ip_checks: 'Too many codes were tried from this connection',
  ip_reads: 'Too many status checks from this connection',
  // The defences against SMS pumping (worker/README.md, "Defences").
  ip_24: 'Too many codes were asked from this network',
  ip_56: 'Too many codes were asked from this network',
  ip_48: 'Too many codes were asked from this network',
  range: 'Too many codes were asked for numbers like this one',
  asn: 'Too many codes were asked from this network provider',
  cold_countries: 'Too many codes were asked for countries this site rarely serves',
  conversion: 'Codes to this country are paused for now',
  global: 'This site has sent as many codes as it allows for now',
};

/** "14:05" for `seconds` from now. */
export const clockIn = (seconds) => new Date(Date.now() + seconds * 1000)
  .toLocaleTimeString([], { hour: '2-digit', minute: '2-digit' });

/**
 * Shows `error` (a VerifyError) in `box`. `number` is the number it was
 * about, formatted. Returns what the page must do next: `{ forget }` when the
 * verification is over, `{ hold: seconds }` when sending must wait.
 */
export function explain(box, error, number) {
  const wait = error.retryAfter;
  if (error.status === 409) {
    // A second start of a number whose code is still valid (see worker/README.md).
    showProblem(box, 'A code was already sent',
      `A code was already sent to ${number ?? 'this number'} and is still valid. Type it where you asked for it, `
      + `or start again${wait ? ` in ${duration(wait)} (at ${clockIn(wait)}), when it expires` : ' once it expires'}.`);
    return { hold: wait };
  }
  switch (error.code) {
    case 'resend_too_soon':
      showProblem(box, 'A code was sent moments ago',
        `Wait for it${wait ? `, or ask for a new one in ${duration(wait)}` : ''}.`);
      return { holdResend: wait };
    case 'rate_limited': {
      // A limit this page has no words for: the worker's own message.
      const why = `${LIMITS[error.limit] ?? error.message}. `;
      showProblem(box, 'Too many attempts',
        `${why}${wait ? `Try again in ${duration(wait)} (at ${clockIn(wait)}).` : 'Try again later.'}`);
      return { hold: wait };
    }
    case 'not_found':
    case 'invalid_id':
      showProblem(box, 'Verification not found', 'This verification is over or no longer known. Send a new code.');
      return { forget: true };
    case 'network':
    case 'timeout':
      showProblem(box, 'No connection', 'The server could not be reached. Check your connection and try again.');
      return {};
    default:
      showProblem(box, 'Something went wrong',
        `${error.message}${error.errorId ? ` (error id ${error.errorId})` : ''}`);
      return {};
  }
}
