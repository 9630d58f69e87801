# Sourced by the other scripts (not run on its own).
# Puts the project's pinned tools on PATH and sets the variables they need.
# The compiled tools (trunk, wasm-bindgen) live in their own cargo --root
# folder named <tool>-<version>, so two versions never overwrite each other
# and a fresh clone reuses them. wasm-opt comes from the npm package
# `binaryen` (pinned in package.json) in this clone's node_modules/.

MA_ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
MA_TOOLS="${MIMECAST_AUDIT_TOOLS:-${XDG_CACHE_HOME:-$HOME/.cache}/mimecast-audit/tools}"

TRUNK_VERSION="0.21.14"
# The npm package `binaryen` that gives wasm-opt: package.json pins this exact
# version; its wasm-opt reports "version 132", which Trunk.toml pins as
# wasm_opt = "version_132".
BINARYEN_NPM_VERSION="132.0.0"
BINARYEN_VERSION="${BINARYEN_NPM_VERSION%%.*}"
# wasm-bindgen-cli must match the wasm-bindgen crate that Cargo.lock resolved.
WASM_BINDGEN_VERSION="$(awk '
  $0 == "name = \"wasm-bindgen\"" { found = 1; next }
  found && /^version = / { gsub(/"/, "", $3); print $3; exit }
' "$MA_ROOT/Cargo.lock" 2>/dev/null || true)"

MA_TRUNK_ROOT="$MA_TOOLS/trunk-$TRUNK_VERSION"
# Only binaryen's own bin folder (not node_modules/.bin) goes on PATH.
MA_WASM_OPT_BIN="$MA_ROOT/node_modules/binaryen/bin"
MA_WASM_BINDGEN_ROOT="$MA_TOOLS/wasm-bindgen-$WASM_BINDGEN_VERSION"

# Ours first, so that no other wasm-opt (e.g. Debian's binaryen) is picked up.
PATH="$MA_TRUNK_ROOT/bin:$MA_WASM_OPT_BIN:$MA_WASM_BINDGEN_ROOT/bin:${CARGO_HOME:-$HOME/.cargo}/bin:$PATH"
export PATH

# Trunk must never try the network: no update check, no tool downloads
# (Trunk.toml also sets offline = true).
export TRUNK_SKIP_VERSION_CHECK=true

# wasm-bindgen-test-runner picks its browser from these variables; point it
# at chromedriver (Chromium) when there is one, whatever else is on PATH.
if [ -z "${CHROMEDRIVER:-}" ] && command -v chromedriver >/dev/null 2>&1; then
  CHROMEDRIVER="$(command -v chromedriver)"
  export CHROMEDRIVER
fi
