// verify8x8/phone for Cloudflare Workers (workerd) and other runtimes that
// import a `.wasm` file as a compiled WebAssembly.Module and a `.bin` file as
// an ArrayBuffer (wrangler's default module rules: CompiledWasm, Data).
// Instantiation is synchronous, at import.
import wasmModule from './verify8x8_phone_bg.wasm';
import metadata from './metadata.bin';
import { initSync, loadPhoneMetadata } from './verify8x8_phone.js';

export * from './verify8x8_phone.js';

initSync({ module: wasmModule });
if (!loadPhoneMetadata(new Uint8Array(metadata))) {
  throw new Error('verify8x8/phone: metadata.bin is not phone metadata of this version');
}

/** Resolves when verify8x8/phone is ready to call: here at once (loading is synchronous). */
export function init() {
  return Promise.resolve();
}
