// verify8x8 for browsers and bundlers (Vite, webpack 5, Rollup, Parcel, or a
// plain <script type="module"> with an import map).
//
// The WebAssembly is fetched and instantiated once, while this module is first
// imported (top-level await): when `import` resolves, every export is ready.
// `new URL('./verify8x8_bg.wasm', import.meta.url)` is the form bundlers
// recognize: they copy the .wasm beside the bundle and rewrite the URL.
import initWasm from './verify8x8.js';

export * from './verify8x8.js';

await initWasm({ module_or_path: new URL('./verify8x8_bg.wasm', import.meta.url) });

/** Resolves when verify8x8 is ready to call: here at once (the import waited). */
export function init() {
  return Promise.resolve();
}
