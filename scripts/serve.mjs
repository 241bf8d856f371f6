// A small static server for www/ and the built package under /pkg/, used by
// `npm start` until the edge worker serves the page. Loopback only.
import { createServer } from 'node:http';
import { readFile } from 'node:fs/promises';
import { extname, join, normalize, sep } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
const host = process.env.HOST ?? '127.0.0.1';
const port = Number(process.env.PORT ?? 8787);
const types = {
  '.html': 'text/html; charset=utf-8', '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8', '.css': 'text/css; charset=utf-8',
  '.wasm': 'application/wasm', '.json': 'application/json', '.svg': 'image/svg+xml',
};

function resolve(urlPath) {
  const path = decodeURIComponent(urlPath.split('?')[0]);
  const [base, rest] = path.startsWith('/pkg/') ? ['pkg', path.slice(5)] : ['www', path.slice(1) || 'index.html'];
  const dir = join(root, base);
  const file = normalize(join(dir, rest));
  return file.startsWith(dir + sep) ? file : null;
}

createServer(async (req, res) => {
  const file = resolve(req.url ?? '/');
  try {
    if (!file) throw Object.assign(new Error('outside'), { code: 'ENOENT' });
    const body = await readFile(file);
    res.writeHead(200, { 'content-type': types[extname(file)] ?? 'application/octet-stream' });
    res.end(body);
  } catch {
    res.writeHead(404, { 'content-type': 'text/plain' });
    res.end('not found\n');
  }
}).listen(port, host, () => console.log(`verify8x8 sample page: http://${host}:${port}/`));
