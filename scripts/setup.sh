#!/usr/bin/env bash
# Installs what building (and, with --test, testing) the app needs, and only
# what is missing: every tool is asked for its version first, so a second run
# takes seconds.
#
#   bash scripts/setup.sh          # Rust target, trunk, wasm-bindgen, wasm-opt
#   bash scripts/setup.sh --test   # + Chromium, chromedriver, npm packages
#
# Tools are installed with `cargo install --root` into one folder per
# tool@version under $MIMECAST_AUDIT_TOOLS (default ~/.cache/mimecast-audit/tools),
# never globally; scripts/env.sh puts them on PATH.
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
install_crate() {
  local root="$1" spec="$2"; shift 2
  say "installing $spec into $root (compiles from source, takes minutes)"
  local t=$SECONDS
  cargo install --root "$root" "$@" "$spec"
  say "installed $spec in $((SECONDS - t)) s"
}

# --- trunk ------------------------------------------------------------------
if ! has_version "$MA_TRUNK_ROOT/bin/trunk" "trunk $TRUNK_VERSION"; then
  install_crate "$MA_TRUNK_ROOT" "trunk@$TRUNK_VERSION" --locked
fi

# --- wasm-bindgen-cli (also brings wasm-bindgen-test-runner) ----------------
# No --locked: its lock file pins a crate version the registry no longer has.
if ! has_version "$MA_WASM_BINDGEN_ROOT/bin/wasm-bindgen" "wasm-bindgen $WASM_BINDGEN_VERSION" ||
   ! has_version "$MA_WASM_BINDGEN_ROOT/bin/wasm-bindgen-test-runner" "$WASM_BINDGEN_VERSION"; then
  install_crate "$MA_WASM_BINDGEN_ROOT" "wasm-bindgen-cli@$WASM_BINDGEN_VERSION"
fi

# --- wasm-opt (binaryen 116, built from crates.io) --------------------------
# Debian's binaryen 108 builds a wasm that fails at start-up; Trunk.toml pins
# version_116 so Trunk refuses any other wasm-opt.
if ! has_version "$MA_WASM_OPT_ROOT/bin/wasm-opt" "version 116"; then
  install_crate "$MA_WASM_OPT_ROOT" "wasm-opt@$WASM_OPT_VERSION" --locked
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

  if ! command -v node >/dev/null 2>&1; then
    echo "setup: node (18 or newer) is needed for the end-to-end tests" >&2
    exit 1
  fi
  # npm ci only when the installed tree is missing or older than the lock file.
  if [ ! -f node_modules/.package-lock.json ] ||
     [ package-lock.json -nt node_modules/.package-lock.json ]; then
    say "npm ci (playwright-core and axe-core; no browser download)"
    PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD=1 npm ci --no-audit --no-fund
  fi
fi

say "ready in $((SECONDS - started)) s (tools in $MA_TOOLS)"
