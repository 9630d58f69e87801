#!/usr/bin/env bash
# Installs what building (and, with --test, testing) the app needs, and only
# what is missing: every tool is asked for its version first, so a second run
# takes seconds.
#
#   bash scripts/setup.sh          # Rust target, trunk, wasm-bindgen, npm packages (wasm-opt)
#   bash scripts/setup.sh --test   # + Chromium, chromedriver
#
# trunk and wasm-bindgen-cli are compiled with `cargo install --root` into one
# folder per tool@version under $MIMECAST_AUDIT_TOOLS (default
# ~/.cache/mimecast-audit/tools), never globally. wasm-opt is the npm package
# `binaryen`, installed with the test libraries by `npm ci` into node_modules/.
# scripts/env.sh puts them on PATH.
set -euo pipefail
cd "$(dirname "$0")/.."

want_test=false
for arg in "$@"; do
  case "$arg" in
    --test) want_test=true ;;
    *) echo "usage: bash scripts/setup.sh [--test]" >&2; exit 2 ;;
  esac
done

say() { printf 'setup: %s\n' "$*"; }
started=$SECONDS

# Cargo.lock decides the wasm-bindgen version; make sure it exists.
if [ ! -f Cargo.lock ]; then
  say "Cargo.lock missing, resolving dependencies"
  cargo generate-lockfile
fi
# shellcheck source=scripts/env.sh
source scripts/env.sh
if [ -z "$WASM_BINDGEN_VERSION" ]; then
  echo "setup: no wasm-bindgen entry in Cargo.lock" >&2
  exit 1
fi

if ! command -v node >/dev/null 2>&1 || ! command -v npm >/dev/null 2>&1; then
  echo "setup: Node.js 18 or newer with npm is needed (wasm-opt and the tests run on it)" >&2
  exit 1
fi

# --- Rust target ------------------------------------------------------------
if ! rustup target list --installed | grep -qx wasm32-unknown-unknown; then
  say "adding Rust target wasm32-unknown-unknown"
  rustup target add wasm32-unknown-unknown
fi

# has_version BINARY PATTERN: true when BINARY runs and its --version output
# contains PATTERN (a fixed string).
has_version() {
  [ -x "$1" ] && "$1" --version 2>/dev/null | grep -qF -- "$2"
}

# The two compiled tools: trunk and wasm-bindgen-cli (which also brings
# wasm-bindgen-test-runner). Each is compiled by `cargo install --root` into
# its own folder. Their own speed hardly matters (each runs for a second or
# so per build), so they are compiled for a short compile: no LTO (trunk asks
# for fat LTO and one codegen unit), many codegen units, no optimization
# (opt-level 0), except opt-level 1 for the crates that wasm-bindgen spends
# its time in (the browser tests' wasm is hundreds of MB: unoptimized, they
# made wasm-bindgen-test-runner 4 times slower). docs/build-tools.md has the
# measurements. These settings apply to these `cargo install`s only, never to
# the project's own builds.
#
# trunk: without default features, so no self-update check (the project is
# offline) and no TLS stack (trunk never downloads anything here, and `trunk
# serve` listens on plain http on 127.0.0.1). --locked: its lock file works.
# wasm-bindgen-cli: without default features, so no TLS (the test runner only
# talks plain http to the local chromedriver). No --locked: its lock file
# pins a crate version the registry no longer has.
tool_specs=()
if ! has_version "$MA_TRUNK_ROOT/bin/trunk" "trunk $TRUNK_VERSION"; then
  tool_specs+=("trunk|$MA_TRUNK_ROOT|trunk@$TRUNK_VERSION|--locked --no-default-features")
fi
if ! has_version "$MA_WASM_BINDGEN_ROOT/bin/wasm-bindgen" "wasm-bindgen $WASM_BINDGEN_VERSION" ||
   ! has_version "$MA_WASM_BINDGEN_ROOT/bin/wasm-bindgen-test-runner" "$WASM_BINDGEN_VERSION"; then
  tool_specs+=("wasm-bindgen|$MA_WASM_BINDGEN_ROOT|wasm-bindgen-cli@$WASM_BINDGEN_VERSION|--no-default-features|wasmparser wasm-encoder gimli id-arena leb128 leb128fmt walrus wasm-bindgen-cli-support wasm-bindgen-shared wasm-bindgen-cli")
fi

# install_crate NAME ROOT CRATE@VERSION FLAGS [OPTIMIZED_PACKAGES]: one
# `cargo install`, its output prefixed with NAME (the two run at the same
# time).
install_crate() {
  local name="$1" root="$2" spec="$3" flags package
  read -r -a flags <<< "$4"
  for package in ${5:-}; do
    flags+=(--config "profile.release.package.$package.opt-level=1")
  done
  local t=$SECONDS
  CARGO_PROFILE_RELEASE_LTO=false \
    CARGO_PROFILE_RELEASE_CODEGEN_UNITS=16 \
    CARGO_PROFILE_RELEASE_OPT_LEVEL=0 \
    CARGO_PROFILE_RELEASE_DEBUG=false \
    CARGO_PROFILE_RELEASE_INCREMENTAL=false \
    cargo install --root "$root" "${flags[@]}" "$spec" 2>&1 | sed -u "s/^/$name | /"
  say "installed $spec in $((SECONDS - t)) s"
}

# --- test-only tools ----------------------------------------------------------
# Before the compiles start, so that a sudo password prompt is not lost in
# their output.
if $want_test; then
  if [ ! -x /usr/bin/chromium ] || [ ! -x /usr/bin/chromedriver ]; then
    say "installing Debian chromium and chromium-driver"
    sudo_cmd=()
    [ "$(id -u)" -eq 0 ] || sudo_cmd=(sudo)
    "${sudo_cmd[@]}" apt-get update
    DEBIAN_FRONTEND=noninteractive "${sudo_cmd[@]}" apt-get install -y chromium chromium-driver
  fi
fi

# --- compile the missing tools, both at once --------------------------------
# Two cargo processes at the same time keep both cores busy through each
# compile's long single-threaded stretches (the final crate and the link);
# npm ci runs meanwhile.
tool_pids=()
for entry in ${tool_specs[@]+"${tool_specs[@]}"}; do
  IFS='|' read -r name root spec flags optimized <<< "$entry"
  say "compiling $spec into $root (takes minutes; its lines start with \"$name |\")"
  install_crate "$name" "$root" "$spec" "$flags" "$optimized" &
  tool_pids+=("$!")
done

# --- npm packages: wasm-opt (binaryen), playwright-core, axe-core -----------
# wasm-opt is the npm package `binaryen` (pinned in package.json): it installs
# in seconds instead of compiling binaryen's C++ for many minutes. Debian's
# binaryen 108 builds a wasm that fails at start-up; Trunk.toml pins
# version_$BINARYEN_VERSION so Trunk refuses any other wasm-opt. The test
# libraries come along (a few MB, no browser download).
# npm ci only when the installed tree is missing or older than the lock file,
# or binaryen is not the pinned version. (Read from its package.json: starting
# wasm-opt under node to ask it takes about a second.)
binaryen_installed() {
  [ -x "$MA_WASM_OPT_BIN/wasm-opt" ] &&
    grep -qF "\"version\": \"$BINARYEN_NPM_VERSION\"" node_modules/binaryen/package.json
}
if [ ! -f node_modules/.package-lock.json ] ||
   [ package-lock.json -nt node_modules/.package-lock.json ] ||
   ! binaryen_installed; then
  say "npm ci (binaryen's wasm-opt, playwright-core, axe-core; no browser download)"
  t=$SECONDS
  PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD=1 npm ci --no-audit --no-fund
  if ! has_version "$MA_WASM_OPT_BIN/wasm-opt" "version $BINARYEN_VERSION"; then
    echo "setup: npm ci gave no wasm-opt reporting version $BINARYEN_VERSION" \
      "in $MA_WASM_OPT_BIN (package.json must pin binaryen $BINARYEN_NPM_VERSION)" >&2
    wait  # let the compiles finish rather than leave them running
    exit 1
  fi
  say "npm ci in $((SECONDS - t)) s"
fi

# --- wait for the compiles ---------------------------------------------------
failed=0
for i in ${tool_pids[@]+"${!tool_pids[@]}"}; do
  if ! wait "${tool_pids[$i]}"; then
    IFS='|' read -r name _ spec _ <<< "${tool_specs[$i]}"
    echo "setup: compiling $spec failed (see the lines starting with \"$name |\")" >&2
    failed=1
  fi
done
[ "$failed" -eq 0 ] || exit 1

say "ready in $((SECONDS - started)) s (tools in $MA_TOOLS)"
