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

# install_crate ROOT CRATE@VERSION [extra cargo flags]
# The tools' own speed hardly matters (they run for a second per build), so
# they are compiled with a cheap release profile: no LTO (trunk asks for fat
# LTO and one codegen unit), many codegen units, opt-level 1. These variables
# apply to this `cargo install` only, never to the project's own builds.
install_crate() {
  local root="$1" spec="$2"; shift 2
  say "installing $spec into $root (compiles from source, takes minutes)"
  local t=$SECONDS
  CARGO_PROFILE_RELEASE_LTO=false \
    CARGO_PROFILE_RELEASE_CODEGEN_UNITS=16 \
    CARGO_PROFILE_RELEASE_OPT_LEVEL=1 \
    CARGO_PROFILE_RELEASE_DEBUG=false \
    cargo install --root "$root" "$@" "$spec"
  say "installed $spec in $((SECONDS - t)) s"
}

# --- trunk ------------------------------------------------------------------
# Without default features: no self-update check (the project is offline) and
# no TLS stack (trunk never downloads anything here, and `trunk serve` listens
# on plain http on 127.0.0.1).
if ! has_version "$MA_TRUNK_ROOT/bin/trunk" "trunk $TRUNK_VERSION"; then
  install_crate "$MA_TRUNK_ROOT" "trunk@$TRUNK_VERSION" --locked --no-default-features
fi

# --- wasm-bindgen-cli (also brings wasm-bindgen-test-runner) ----------------
# No --locked: its lock file pins a crate version the registry no longer has.
# Without default features: no TLS (the test runner only talks plain http to
# the local chromedriver).
if ! has_version "$MA_WASM_BINDGEN_ROOT/bin/wasm-bindgen" "wasm-bindgen $WASM_BINDGEN_VERSION" ||
   ! has_version "$MA_WASM_BINDGEN_ROOT/bin/wasm-bindgen-test-runner" "$WASM_BINDGEN_VERSION"; then
  install_crate "$MA_WASM_BINDGEN_ROOT" "wasm-bindgen-cli@$WASM_BINDGEN_VERSION" \
    --no-default-features
fi

# --- npm packages: wasm-opt (binaryen), playwright-core, axe-core -----------
# wasm-opt is the npm package `binaryen` (pinned in package.json): it installs
# in seconds instead of compiling binaryen's C++ for many minutes. Debian's
# binaryen 108 builds a wasm that fails at start-up; Trunk.toml pins
# version_$BINARYEN_VERSION so Trunk refuses any other wasm-opt. The test
# libraries come along (a few MB, no browser download).
if ! command -v node >/dev/null 2>&1 || ! command -v npm >/dev/null 2>&1; then
  echo "setup: Node.js 18 or newer with npm is needed (wasm-opt and the tests run on it)" >&2
  exit 1
fi
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
    exit 1
  fi
  say "npm ci in $((SECONDS - t)) s"
fi

# --- test-only tools ----------------------------------------------------------
if $want_test; then
  if [ ! -x /usr/bin/chromium ] || [ ! -x /usr/bin/chromedriver ]; then
    say "installing Debian chromium and chromium-driver"
    sudo_cmd=()
    [ "$(id -u)" -eq 0 ] || sudo_cmd=(sudo)
    "${sudo_cmd[@]}" apt-get update
    DEBIAN_FRONTEND=noninteractive "${sudo_cmd[@]}" apt-get install -y chromium chromium-driver
  fi
fi

say "ready in $((SECONDS - started)) s (tools in $MA_TOOLS)"
