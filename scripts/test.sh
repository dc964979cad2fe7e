#!/usr/bin/env bash
# Installs what is needed, then runs the quality gates and the whole test suite.
# The tests start the real stacks they need themselves (pcscd + our vpcd-protocol reader, SANE, a loopback
# ESC/POS printer, Xvfb, speech-dispatcher, the reference platform) and stop them by PID.
# Extra arguments go to pytest.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
"$ROOT/scripts/install.sh"
cd "$ROOT"
export PATH="$ROOT/.venv/bin:$PATH"

echo "== ruff"
ruff check .
ruff format --check .
echo "== mypy (strict for the Qt-free packages)"
mypy kiosk devices offline_cache config
echo "== import contracts"
lint-imports
echo "== pytest"
exec pytest "$@"
