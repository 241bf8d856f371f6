// The edge worker's routes (/api/verify/*) through the package's
// VerifyClient in proxy mode: no key in the page, the worker holds it.
// Errors are VerifyErrors with a stable `code` (validation, forbidden,
// rate_limited, resend_too_soon, not_found, network, ...), `violations`
// and `retryAfter` where they apply.
import { VerifyClient } from './pkg/verify8x8.js';

let client;
const verify = () => (client ??= new VerifyClient({ baseUrl: location.origin }));

/** Starts a verification; resolves to the session (`sessionId` is a handle). */
export const startVerification = (params) => verify().startVerification(params);

/** Checks `code` for the session; resolves to the session (with `proof` when verified). */
export const checkCode = (sessionId, code) => verify().checkCode(sessionId, code);

/** Reads the session's status without checking a code. */
export const getStatus = (sessionId) => verify().getStatus(sessionId);

/** Whether silent mobile authentication can reach `destination` from this connection. */
export const checkCoverage = (params) => verify().checkCoverage(params);
