# Sourced by every script: where the tools are, and the settings that keep
# each of them from downloading anything at run time.
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
export ROOT
export PATH="$ROOT/node_modules/.bin:$HOME/.cargo/bin:$PATH"

# Browsers and drivers from Debian packages (chromium, chromium-driver,
# firefox-esr) and geckodriver from crates.io; never a downloaded build.
# The drivers are handed to each browser suite on its own command line:
# wasm-bindgen-test-runner uses GECKODRIVER whenever it is set, even for Chrome.
CHROMEDRIVER_PATH=/usr/bin/chromedriver
GECKODRIVER_PATH="$HOME/.cargo/bin/geckodriver"
export CHROMIUM_BIN="${CHROMIUM_BIN:-/usr/bin/chromium}"
export FIREFOX_BIN="${FIREFOX_BIN:-/usr/bin/firefox-esr}"

# worker-build downloads these unless told where they are.
export WASM_BINDGEN_BIN="$HOME/.cargo/bin/wasm-bindgen"
export ESBUILD_BIN="$ROOT/node_modules/.bin/esbuild"
export WASM_OPT_BIN="$ROOT/node_modules/.bin/wasm-opt"

# wrangler: offline, quiet.
export WRANGLER_SEND_METRICS=false
export CLOUDFLARE_CF_FETCH_ENABLED=false
export WRANGLER_LOG_PATH="$ROOT/target/wrangler-logs"

# The wasm-opt this project accepts (npm binaryen). Debian's 108 breaks release builds.
export BINARYEN_VERSION=132

say()  { printf '\033[1m==>\033[0m %s\n' "$*"; }
warn() { printf '\033[33mwarning:\033[0m %s\n' "$*" >&2; }
die()  { printf '\033[31merror:\033[0m %s\n' "$*" >&2; exit 1; }

# The wasm-bindgen version pinned in Cargo.lock.
locked_wasm_bindgen_version() {
  awk '/^name = "wasm-bindgen"$/ { getline; gsub(/version = |"/, ""); print; exit }' "$ROOT/Cargo.lock"
}
