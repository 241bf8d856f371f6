#!/usr/bin/env bash
# Builds the wasm of the `verify8x8/phone` entry into pkg/phone/: the crate
# phone/wasm (the phone crate's JavaScript face alone, without std),
# wasm-bindgen `--target web`, then the same wasm-opt passes as wasm-pack's
# release build (Cargo.toml, [package.metadata.wasm-pack.profile.release]).
#
# Its own target directory: the main build and this one build the phone
# crate with other features, and would otherwise rebuild each other's output.
#
#   bash scripts/package/phone-wasm.sh [out-dir]     (default pkg/phone)
set -euo pipefail
source "$(dirname "$0")/../env.sh"
cd "$ROOT"
out=${1:-pkg/phone}
target=target/phone

# Cargo.toml's `release-phone` profile: `release` at opt-level `s`.
cargo build --quiet --profile release-phone --target wasm32-unknown-unknown --target-dir "$target" \
  -p verify8x8-phone-wasm --features verify8x8-phone/metadata-file
mkdir -p "$out"
# Snippets of an earlier build (their folder is named by a hash) would ship too.
rm -rf "$out/snippets"
wasm-bindgen --target web --out-dir "$out" --out-name verify8x8_phone \
  "$target/wasm32-unknown-unknown/release-phone/verify8x8_phone_wasm.wasm"
# The flags of Cargo.toml's wasm-pack release profile, read from there so the
# two builds never drift apart.
mapfile -t flags < <(node -e '
  const toml = require("fs").readFileSync("Cargo.toml", "utf8");
  const line = toml.split("\n").find((l) => /^wasm-opt = \[/.test(l));
  for (const f of JSON.parse(line.slice(line.indexOf("[")))) console.log(f);')
wasm-opt "${flags[@]}" "$out/verify8x8_phone_bg.wasm" -o "$out/verify8x8_phone_bg.wasm"
