// Builds a phone-only wasm package (the phone module of verify8x8 and its
// exports, nothing else) into target/phone-only/pkg and prints its size,
// gzip -9, wasm + JS glue. bench/phone.mjs reports it when run with
// PHONE_ONLY_WASM=target/phone-only/pkg/all.bin (this script writes that
// concatenation).
//
//   node bench/phone-only.mjs
import { mkdir, writeFile, readFile } from 'node:fs/promises';
import { execFileSync } from 'node:child_process';
import { gzipSync } from 'node:zlib';

const root = new URL('../', import.meta.url);
const dir = new URL('target/phone-only/', root);
await mkdir(new URL('src/', dir), { recursive: true });
const lock = await readFile(new URL('Cargo.lock', root), 'utf8');
const bindgen = /name = "wasm-bindgen"\nversion = "([^"]+)"/.exec(lock)[1];

await writeFile(new URL('Cargo.toml', dir), `[package]
name = "phone-only"
version = "0.0.0"
edition = "2021"
publish = false

[lib]
crate-type = ["cdylib"]
path = "src/lib.rs"

[dependencies]
verify8x8 = { path = "../..", default-features = false }
wasm-bindgen = "=${bindgen}"

[profile.release]
opt-level = "z"
lto = true
codegen-units = 1
strip = "debuginfo"
panic = "abort"

[workspace]
`);
await writeFile(new URL('src/lib.rs', dir), `//! Phone-only build for size measurement.
use verify8x8::phone;
use wasm_bindgen::prelude::*;

/// E.164, validity and type, as "e164|valid|TYPE".
#[wasm_bindgen(js_name = parsePhone)]
pub fn parse_phone(input: &str, country: Option<String>) -> Option<String> {
    let n = phone::parse(input, country.as_deref()).ok()?;
    let mut out = n.e164;
    out.push_str(if n.valid { "|true|" } else { "|false|" });
    out.push_str(n.number_type.map_or("", |t| t.as_str()));
    Some(out)
}

/// National format.
#[wasm_bindgen(js_name = formatPhone)]
pub fn format_phone(e164: &str) -> Option<String> {
    phone::format(e164, phone::Format::National).ok()
}

/// As-you-type.
#[wasm_bindgen]
pub struct AsYouType(phone::AsYouType);

#[wasm_bindgen]
impl AsYouType {
    /// A formatter.
    #[wasm_bindgen(constructor)]
    pub fn new(country: Option<String>) -> AsYouType {
        AsYouType(phone::AsYouType::new(country.as_deref()))
    }
    /// Formats.
    pub fn input(&mut self, text: &str, caret: usize) -> String {
        self.0.input(text, caret).0
    }
}
`);

const env = { ...process.env, PATH: `${new URL('node_modules/.bin', root).pathname}:${process.env.HOME}/.cargo/bin:${process.env.PATH}` };
const run = (cmd, args) => execFileSync(cmd, args, { cwd: dir, env, stdio: ['ignore', 'inherit', 'inherit'] });
run('cargo', ['build', '--quiet', '--release', '--target', 'wasm32-unknown-unknown']);
run('wasm-bindgen', ['--target', 'web', '--out-dir', 'pkg', 'target/wasm32-unknown-unknown/release/phone_only.wasm']);
run('wasm-opt', ['-Oz', '--enable-bulk-memory', '--enable-nontrapping-float-to-int', '--enable-sign-ext', '--enable-mutable-globals', '--enable-reference-types', '--enable-multivalue', 'pkg/phone_only_bg.wasm', '-o', 'pkg/phone_only_bg.wasm']);
const wasm = await readFile(new URL('pkg/phone_only_bg.wasm', dir));
const glue = await readFile(new URL('pkg/phone_only.js', dir));
const all = Buffer.concat([wasm, glue]);
await writeFile(new URL('pkg/all.bin', dir), all);
console.log(JSON.stringify({ wasm: wasm.length, glue: glue.length, gzip: gzipSync(all, { level: 9 }).length }));
