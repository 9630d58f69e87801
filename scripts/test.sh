#!/usr/bin/env bash
# Runs every test, stopping at the first failure (non-zero exit):
#   1. native engine tests              cargo test
#   2. browser component tests          cargo test --target wasm32-unknown-unknown --test browser
#   3. release build into dist/         trunk build --release
#   4. end-to-end tests on that dist/   node --test tests/e2e/*.test.mjs
# Installs whatever is missing first (scripts/setup.sh --test).
set -euo pipefail
cd "$(dirname "$0")/.."

bash scripts/setup.sh --test
# shellcheck source=scripts/env.sh
source scripts/env.sh

summary=()
current=""
step() {            # step NAME COMMAND...: run one step, timed
  current="$1"; shift
  printf '\n==> %s\n' "$current"
  local t=$SECONDS
  "$@"
  summary+=("$(printf '  ok    %-34s %4d s' "$current" $((SECONDS - t)))")
  current=""
}
report() {
  local rc=$?
  printf '\n==> summary\n'
  [ ${#summary[@]} -eq 0 ] || printf '%s\n' "${summary[@]}"
  if [ "$rc" -ne 0 ]; then
    printf '  FAIL  %s (exit %d)\n' "${current:-setup}" "$rc"
  fi
}
trap report EXIT

step "engine tests (native)" cargo test

if [ -f tests/browser.rs ]; then
  step "browser tests (wasm, Chromium)" \
    cargo test --target wasm32-unknown-unknown --test browser
else
  printf '\n==> browser tests skipped: tests/browser.rs does not exist\n'
  summary+=("  skip  browser tests (no tests/browser.rs)")
fi

step "release build (trunk -> dist/)" trunk build --release
wasm="$(ls dist/*.wasm)"
summary+=("$(printf '        wasm %s: %d bytes, %d gzipped' "${wasm#dist/}" \
  "$(wc -c < "$wasm")" "$(gzip -9 -c "$wasm" | wc -c)")")

# The end-to-end tests serve exactly this dist/ folder. (Files are listed
# rather than the folder: newer Node versions read the arguments as globs.)
export E2E_DIST="$PWD/dist"
step "end-to-end tests (dist/, Chromium)" node --test tests/e2e/*.test.mjs
