// Assembles what the edge worker serves as static assets: www/ as it is, and
// the built package under /pkg/ (only what a page loads). Run after
// `npm run build`; writes target/site/.
import { cp, mkdir, rm, access } from 'node:fs/promises';

const root = new URL('../', import.meta.url);
const site = new URL('target/site/', root);
const pkg = new URL('pkg/', root);

try {
  await access(new URL('verify8x8_bg.wasm', pkg));
} catch {
  console.error('site: pkg/ is not built; run `npm run build` first');
  process.exit(1);
}
await rm(site, { recursive: true, force: true });
await mkdir(new URL('pkg/', site), { recursive: true });
await cp(new URL('www/', root), site, { recursive: true });
for (const file of ['verify8x8.js', 'verify8x8_bg.wasm']) {
  await cp(new URL(file, pkg), new URL(`pkg/${file}`, site));
}
// wasm-bindgen's inline_js snippets, which verify8x8.js imports.
await cp(new URL('snippets/', pkg), new URL('pkg/snippets/', site), { recursive: true }).catch((error) => {
  if (error.code !== 'ENOENT') throw error;
});
console.log(`site: ${site.pathname} assembled (www/ + pkg/)`);
