// The worker suites' client: one JSON request to the worker as a browser on
// a given client address would send it (`CF-Connecting-IP`, which wrangler
// dev passes through as Cloudflare would set it), and the answer read once.

/**
 * `call(path, { method, body, ip, headers })` against `base()` (the worker's
 * URL, read per call), resolving to `{ status, headers, text, json }`;
 * `onAnswer(response, text)` sees every answer (e.g. to scan them for keys).
 */
export function caller(base, { ip: defaultIp = '198.51.100.1', onAnswer } = {}) {
  return async function call(path, { method = 'GET', body, ip = defaultIp, headers = {} } = {}) {
    const init = { method, headers: { 'CF-Connecting-IP': ip, ...headers } };
    if (body !== undefined) {
      init.body = typeof body === 'string' ? body : JSON.stringify(body);
      init.headers['Content-Type'] ??= 'application/json';
    }
    const response = await fetch(`${base()}${path}`, init);
    const text = await response.text();
    onAnswer?.(response, text);
    let json;
    try { json = JSON.parse(text); } catch { json = undefined; }
    return { status: response.status, headers: response.headers, text, json };
  };
}
