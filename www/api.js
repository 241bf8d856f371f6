// The edge worker's routes (/api/verify/*), called with fetch. Errors are
// thrown as `Error`s with a stable `code`, like the package's VerifyClient:
// validation, policy, rate_limited, resend_too_soon, not_found, api, network.

const base = '/api/verify';

/** Starts a verification; resolves to the session (`sessionId` is a handle). */
export function startVerification(params) {
  return call('POST', `${base}/sessions`, params);
}

/** Checks `code` for the session; resolves to the session (with `proof` when verified). */
export function checkCode(sessionId, code) {
  return call('GET', `${base}/sessions/${encodeURIComponent(sessionId)}?code=${encodeURIComponent(code)}`);
}

/** Reads the session's status without checking a code. */
export function getStatus(sessionId) {
  return call('GET', `${base}/sessions/${encodeURIComponent(sessionId)}`);
}

/** Whether silent mobile authentication can reach `destination` from this connection. */
export function checkCoverage(params) {
  return call('POST', `${base}/coverage`, params);
}

async function call(method, url, body) {
  let response;
  try {
    response = await fetch(url, {
      method,
      headers: body === undefined ? {} : { 'content-type': 'application/json' },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
  } catch (cause) {
    throw coded('network', 'The server could not be reached.', { cause });
  }
  const data = await response.json().catch(() => null);
  if (response.ok && data) return data;
  throw apiError(response, data ?? {});
}

function apiError(response, data) {
  const status = response.status;
  const extra = {
    status,
    apiCode: data.code,
    errorId: data.errorId,
    violations: data.violations ?? [],
    limit: data.limit,
    retryAfter: retryAfterSeconds(response, data),
  };
  const message = data.message ?? `HTTP ${status}`;
  if (status === 400 && extra.violations.length) return coded('validation', message, extra);
  if (status === 403 && data.code === 1400) return coded('resend_too_soon', message, extra);
  if (status === 403 && extra.violations.length) return coded('policy', message, extra);
  if (status === 429) return coded('rate_limited', message, extra);
  if (status === 404 || data.code === 1008) return coded('not_found', message, extra);
  return coded('api', message, extra);
}

function retryAfterSeconds(response, data) {
  if (Number.isFinite(data.retryAfter)) return data.retryAfter;
  const header = Number(response.headers.get('retry-after'));
  return Number.isFinite(header) && header > 0 ? header : undefined;
}

function coded(code, message, extra) {
  return Object.assign(new Error(message, extra?.cause ? { cause: extra.cause } : undefined), { code }, extra);
}
