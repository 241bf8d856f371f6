// The transport of VerifyClient: one HTTP exchange through `fetch` (the
// global one or the caller's), bounded by a timeout and the caller's
// AbortSignal. It never throws: a failure is returned as
// `{failure: "timeout" | "aborted" | "network", message, cause}`, `cause`
// being what `fetch` threw.

export async function send(fetchImpl, url, method, headers, body, timeoutMs, signal) {
  const controller = new AbortController();
  let why = null;
  const stop = (reason) => () => {
    why ??= reason;
    controller.abort();
  };
  const onAbort = stop('aborted');
  const timer = setTimeout(stop('timeout'), timeoutMs);
  if (signal) {
    if (signal.aborted) onAbort();
    else signal.addEventListener('abort', onAbort);
  }
  try {
    const init = { method, headers, signal: controller.signal };
    if (body != null) init.body = body;
    const response = await (fetchImpl ?? globalThis.fetch)(url, init);
    const text = await response.text();
    return {
      status: response.status,
      retryAfter: response.headers.get('retry-after'),
      date: response.headers.get('date'),
      body: text,
    };
  } catch (error) {
    return { failure: why ?? 'network', message: String((error && error.message) || error), cause: error };
  } finally {
    clearTimeout(timer);
    if (signal) signal.removeEventListener('abort', onAbort);
  }
}

// Resolves `true` after `ms`, or `false` at once when `signal` aborts.
export function sleep(ms, signal) {
  return new Promise((resolve) => {
    if (signal && signal.aborted) return resolve(false);
    const done = (slept) => () => {
      clearTimeout(timer);
      if (signal) signal.removeEventListener('abort', onAbort);
      resolve(slept);
    };
    const onAbort = done(false);
    const timer = setTimeout(done(true), ms);
    if (signal) signal.addEventListener('abort', onAbort);
  });
}

// Whether this runs in a web page (where an API key would be exposed).
export function isPage() {
  return typeof window === 'object' && typeof document === 'object';
}

// Whether this runs in a browser: a web page, or a dedicated, shared or
// service Web Worker. workerd (Cloudflare Workers) also defines
// WorkerGlobalScope, so its user agent tells it apart.
export function isBrowser() {
  if (isPage()) return true;
  const scope = typeof WorkerGlobalScope === 'function' && globalThis instanceof WorkerGlobalScope;
  const userAgent = globalThis.navigator?.userAgent;
  return scope && userAgent !== 'Cloudflare-Workers';
}
