// verify8x8/phone for browsers and bundlers: the phone functions only, in
// their own small wasm. The wasm and the phone metadata (`metadata.bin`,
// which `trim-phone.mjs` can trim to an app's countries) are fetched in
// parallel while this module is first imported (top-level await): when
// `import` resolves, every export is ready. `new URL('./…', import.meta.url)`
// is the form bundlers recognize: they copy both files beside the bundle.
import initWasm, { loadPhoneMetadata } from './verify8x8_phone.js';

export * from './verify8x8_phone.js';

async function metadata(url) {
  const response = await fetch(url);
  if (!response.ok) throw new Error(`verify8x8/phone: ${url} answered ${response.status}`);
  return new Uint8Array(await response.arrayBuffer());
}

const [, bytes] = await Promise.all([
  initWasm({ module_or_path: new URL('./verify8x8_phone_bg.wasm', import.meta.url) }),
  metadata(new URL('./metadata.bin', import.meta.url)),
]);
if (!loadPhoneMetadata(bytes)) throw new Error('verify8x8/phone: metadata.bin is not phone metadata of this version');

/** Resolves when verify8x8/phone is ready to call: here at once (the import waited). */
export function init() {
  return Promise.resolve();
}
