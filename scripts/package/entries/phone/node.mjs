// verify8x8/phone for Node (`import`; `require` goes through node.cjs).
//
// Reads and instantiates the wasm and the phone metadata synchronously, so
// importing is enough and no top-level await stands in the way of `require()`.
import { readFileSync } from 'node:fs';
import { initSync, loadPhoneMetadata } from './verify8x8_phone.js';

export * from './verify8x8_phone.js';

initSync({ module: readFileSync(new URL('./verify8x8_phone_bg.wasm', import.meta.url)) });
if (!loadPhoneMetadata(readFileSync(new URL('./metadata.bin', import.meta.url)))) {
  throw new Error('verify8x8/phone: metadata.bin is not phone metadata of this version');
}

/** Resolves when verify8x8/phone is ready to call: here at once (loading is synchronous). */
export function init() {
  return Promise.resolve();
}
