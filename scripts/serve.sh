#!/usr/bin/env bash
# Builds the app in release mode and serves it on this machine only:
#   bash scripts/serve.sh            # http://127.0.0.1:8080/
#   PORT=9000 bash scripts/serve.sh  # another port
# Installs missing build tools first (scripts/setup.sh). Stop with Ctrl-C.
set -euo pipefail
cd "$(dirname "$0")/.."

bash scripts/setup.sh
# shellcheck source=scripts/env.sh
source scripts/env.sh

port="${PORT:-8080}"
cat <<MSG

  Building, then serving the app. When Trunk says "server listening":

      Open http://127.0.0.1:$port/

  (Release build with the strict CSP; no live reload. Ctrl-C stops.)

MSG
exec trunk serve --release --address 127.0.0.1 --port "$port" \
  --no-autoreload --open=false
