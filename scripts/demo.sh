#!/usr/bin/env bash
# Installs what is needed, then starts the kiosk in demo mode: simulated devices, the bundled
# offline catalog and a reference platform server on loopback. Extra arguments go to `kiosk run`
# (for example --windowed).
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
"$ROOT/scripts/install.sh"
exec "$ROOT/.venv/bin/kiosk" run --profile demo "$@"
