#!/usr/bin/env bash
# The packaging checks, as CI runs them (root needed: they install the package on this
# machine, then purge it): build, lintian, install, files and permissions, the kiosk user,
# `kiosk doctor` as that user, `systemd-analyze verify`, upgrade keeping a queued application,
# remove keeping the data, purge deleting it, and the installation guide followed exactly.
# Prints how long the whole check took. Extra arguments go to pytest.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"
[ "$(id -u)" -eq 0 ] || { echo "check-deb.sh: run as root (it installs the package)" >&2; exit 1; }

# The checking tools (the build installs its own). systemd only for `systemd-analyze
# verify`: installing it neither starts it nor replaces the running init.
tools=()
for pkg in lintian systemd; do
    dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q "install ok installed" || tools+=("$pkg")
done
if [ "${#tools[@]}" -gt 0 ]; then
    apt-get update -qq
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${tools[@]}"
fi
[ -x .venv/bin/pytest ] || ./scripts/install.sh

started=$SECONDS
status=0
.venv/bin/pytest -m packaging tests/packaging --durations=0 -p no:cacheprovider "$@" || status=$?
echo "check-deb.sh: packaging checks took $((SECONDS - started)) s"
exit "$status"
