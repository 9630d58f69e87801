#!/usr/bin/env bash
# Runs the format and lint gate and every test, stopping at the first failure
# (non-zero exit):
#   1. formatting                       cargo fmt --all --check
#   2. lints, native                    cargo clippy --workspace --all-targets -D warnings
#   3. lints, browser build (wasm32)    cargo clippy --target wasm32-unknown-unknown (app, engine)
#   4. native tests                     cargo test --workspace (engine, CLI, crate boundaries)
#   5. browser component tests          cargo test --target wasm32-unknown-unknown -p mimecast-audit-app --test browser
#   6. release build into dist/         trunk build --release
#   7. release artifacts into release/  node scripts/release.mjs (single file, site zip, SHA256SUMS)
#   8. end-to-end tests on both         node --test tests/e2e/*.test.mjs
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

step "format (cargo fmt --check)" cargo fmt --all --check
step "lints, native (clippy)" cargo clippy --workspace --all-targets --quiet -- -D warnings
step "lints, wasm32 (clippy)" cargo clippy --target wasm32-unknown-unknown \
  -p mimecast-audit-app -p mimecast-audit-engine --all-targets --quiet -- -D warnings
step "native tests (engine, CLI)" cargo test --workspace

if [ -f tests/browser.rs ]; then
  step "browser tests (wasm, Chromium)" \
    cargo test --target wasm32-unknown-unknown -p mimecast-audit-app --test browser
else
  printf '\n==> browser tests skipped: tests/browser.rs does not exist\n'
  summary+=("  skip  browser tests (no tests/browser.rs)")
fi

step "release build (trunk -> dist/)" trunk build --release
wasm="$(ls dist/*.wasm)"
summary+=("$(printf '        wasm %s: %d bytes, %d gzipped' "${wasm#dist/}" \
  "$(wc -c < "$wasm")" "$(gzip -9 < "$wasm" | wc -c)")")
# Everything the page downloads: every file of dist/, each gzipped on its own
# (as a server compresses each response), summed. docs/size.md explains it.
files=0 raw=0 gz=0
while IFS= read -r -d '' f; do
  files=$((files + 1))
  raw=$((raw + $(wc -c < "$f")))
  gz=$((gz + $(gzip -9 < "$f" | wc -c)))
done < <(find dist -type f -print0)
summary+=("$(printf '        total dist/ (%d files): %d bytes, %d gzipped' "$files" "$raw" "$gz")")

# The single file, the site zip and SHA256SUMS, made from this dist/ (the
# end-to-end tests open the single file from disk and check the zip).
step "release artifacts (-> release/)" node scripts/release.mjs
for f in release/*.html release/*.zip; do
  summary+=("$(printf '        %s: %d bytes, %d gzipped' "${f#release/}" \
    "$(wc -c < "$f")" "$(gzip -9 < "$f" | wc -c)")")
done

# The end-to-end tests serve exactly this dist/ folder. (Files are listed
# rather than the folder: newer Node versions read the arguments as globs.)
export E2E_DIST="$PWD/dist"
step "end-to-end tests (dist/, Chromium)" node --test tests/e2e/*.test.mjs
