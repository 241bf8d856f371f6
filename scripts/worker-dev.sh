#!/usr/bin/env bash
# Runs the edge worker under `wrangler dev` (workerd, offline).
#
#   bash scripts/worker-dev.sh [--port 8787] [--emulator http://127.0.0.1:8790]
#                              [--state DIR] [--var NAME:VALUE ...]
#
# With --emulator it talks to the emulator with its out-of-the-box key and
# sub-account; otherwise VERIFY_API_KEY and VERIFY_SUBACCOUNT_ID must be set
# in the environment (or worker/.dev.vars). Prints `worker ready on URL` once
# it answers.
set -euo pipefail
source "$(dirname "$0")/env.sh"
cd "$ROOT"

port=8787 emulator="" state="$ROOT/target/wrangler-state" vars=()
while [ $# -gt 0 ]; do
  case $1 in
    --port) port=$2; shift 2 ;;
    --emulator) emulator=$2; shift 2 ;;
    --state) state=$2; shift 2 ;;
    --var) vars+=(--var "$2"); shift 2 ;;
    *) die "worker-dev: unknown argument $1" ;;
  esac
done

[ -d target/site ] || node scripts/site.mjs
# The two secrets: from the environment, or made once for local runs.
HANDLE_SECRET="${HANDLE_SECRET:-$(node scripts/keys.mjs --get HANDLE_SECRET)}"
PROOF_SIGNING_KEY="${PROOF_SIGNING_KEY:-$(node scripts/keys.mjs --get PROOF_SIGNING_KEY)}"
secrets=(--var "HANDLE_SECRET:$HANDLE_SECRET" --var "PROOF_SIGNING_KEY:$PROOF_SIGNING_KEY")
if [ -n "$emulator" ]; then
  vars=(--var "VERIFY_BASE_URL:$emulator" --var VERIFY_API_KEY:test-key --var VERIFY_SUBACCOUNT_ID:test-account
        "${secrets[@]}" --var "ALLOWED_COUNTRIES:${ALLOWED_COUNTRIES:-*}" "${vars[@]}")
else
  vars=("${secrets[@]}" "${vars[@]}")
  for name in VERIFY_API_KEY VERIFY_SUBACCOUNT_ID ALLOWED_COUNTRIES VERIFY_BASE_URL ALLOWED_ORIGINS PROOF_AUDIENCE CHANNELS; do
    [ -n "${!name:-}" ] && vars=(--var "$name:${!name}" "${vars[@]}")
  done
fi

# The inspector's default port (9229) clashes with any other wrangler running.
inspector=$(node -e 'const s=require("net").createServer().listen(0,"127.0.0.1",()=>{console.log(s.address().port);s.close()})')

cd worker
exec wrangler dev --inspector-port "$inspector" --ip 127.0.0.1 --port "$port" --persist-to "$state" --log-level "${WRANGLER_LOG:-log}" \
  --show-interactive-dev-session=false "${vars[@]}"
