// verify8x8 for Cloudflare Workers (workerd) and other runtimes that import a
// `.wasm` file as a compiled WebAssembly.Module (the `workerd` and `worker`
// export conditions). Instantiation is synchronous, at import.
import wasmModule from './verify8x8_bg.wasm';
import { initSync } from './verify8x8.js';

export * from './verify8x8.js';

initSync({ module: wasmModule });

/** Resolves when verify8x8 is ready to call: here at once (loading is synchronous). */
export function init() {
  return Promise.resolve();
}
