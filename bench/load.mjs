// The load generator of the worker benchmark and the soak: Node's http
// client with a keep-alive agent, a fixed number of requests in flight, a
// bounded count and a time limit. Loopback only.
import http from 'node:http';
import { performance } from 'node:perf_hooks';

/** One HTTP request; resolves {status, headers, body, ms}; never rejects (status 0 = network error). */
export function request(agent, url, { method = 'GET', headers = {}, body, timeoutMs = 30_000 } = {}) {
  return new Promise((resolve) => {
    const t0 = performance.now();
    const req = http.request(url, { method, agent, headers, timeout: timeoutMs }, (res) => {
      const chunks = [];
      res.on('data', (c) => chunks.push(c));
      res.on('end', () => resolve({ status: res.statusCode, headers: res.headers, body: Buffer.concat(chunks).toString(), ms: performance.now() - t0 }));
      res.on('error', (error) => resolve({ status: 0, error, ms: performance.now() - t0 }));
    });
    req.on('timeout', () => req.destroy(new Error('timeout')));
    req.on('error', (error) => resolve({ status: 0, error, ms: performance.now() - t0 }));
    req.end(body);
  });
}

export const agent = (concurrency) => new http.Agent({ keepAlive: true, maxSockets: concurrency });

/**
 * Runs `count` tasks (`task(i)` → promise) with `concurrency` in flight,
 * stopping early after `maxMs`. Resolves {results, ms}.
 */
export async function drive(count, concurrency, task, maxMs = 60_000) {
  const results = [];
  const t0 = performance.now();
  let next = 0;
  const worker = async () => {
    while (next < count && performance.now() - t0 < maxMs) {
      const i = next++;
      results[i] = await task(i);
    }
  };
  await Promise.all(Array.from({ length: concurrency }, worker));
  return { results: results.filter(Boolean), ms: performance.now() - t0 };
}
