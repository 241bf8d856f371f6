// verify8x8 for Node (`import`; `require` goes through node.cjs).
//
// Reads and instantiates the WebAssembly synchronously, so importing is enough
// and no top-level await stands in the way of `require()`.
import { readFileSync } from 'node:fs';
import { initSync } from './verify8x8.js';

export * from './verify8x8.js';

initSync({ module: readFileSync(new URL('./verify8x8_bg.wasm', import.meta.url)) });

/** Resolves when verify8x8 is ready to call: here at once (loading is synchronous). */
export function init() {
  return Promise.resolve();
}
