#!/usr/bin/env bash
# Installs everything the kiosk, its demo and its tests need on Debian 12: Debian packages,
# the virtual environment in .venv/, the package itself, and the compiled translations.
# Safe to run again: it only does what is missing or out of date.
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"

SUDO=""
if [ "$(id -u)" -ne 0 ]; then
    command -v sudo >/dev/null || { echo "install.sh: run as root or install sudo" >&2; exit 1; }
    SUDO="sudo"
fi

# One list, grouped by what needs it (see STACK.md).
APT_PACKAGES=(
    python3 python3-venv python3-dev gcc pkg-config          # the venv; pyscard and python-sane build from source
    libpcsclite-dev pcscd vsmartcard-vpcd pcsc-tools         # PC/SC with the vpcd virtual reader
    libsane-dev libsane1 sane-utils                          # SANE (test and pnm backends)
    libudev1                                                 # pyudev: USB device discovery (in every Debian base)
    fonts-noto-cjk                                           # Chinese glyphs
    xvfb xauth xdotool imagemagick                           # Qt on a virtual X screen, keyboard tests, screenshots
    libxcb-cursor0 libxcb-icccm4 libxcb-keysyms1 libxcb-image0 libxcb-render-util0
    libxcb-xinerama0 libxcb-xkb1 libxkbcommon-x11-0 libxkbcommon0
    libegl1 libgl1 libfontconfig1 libdbus-1-3 libglib2.0-0
    libpulse0                                                # QtMultimedia, QtTextToSpeech, QtVirtualKeyboard
    speech-dispatcher speech-dispatcher-espeak-ng espeak-ng libao4   # voice guidance ("cmn" voice)
)

missing=()
for pkg in "${APT_PACKAGES[@]}"; do
    dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q "install ok installed" || missing+=("$pkg")
done
if [ "${#missing[@]}" -gt 0 ]; then
    echo "install.sh: installing Debian packages: ${missing[*]}"
    $SUDO apt-get update -qq
    $SUDO env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${missing[@]}"
fi

PYTHON="${PYTHON:-python3}"
if [ ! -x .venv/bin/python ]; then
    echo "install.sh: creating .venv"
    "$PYTHON" -m venv .venv
fi

# Reinstall only when the project's metadata changed since the last successful install.
stamp=".venv/.onewindow-installed-$(sha256sum pyproject.toml | cut -c1-16)"
if [ ! -f "$stamp" ]; then
    echo "install.sh: installing Python packages into .venv"
    .venv/bin/python -m pip install -q --upgrade pip
    .venv/bin/python -m pip install -q -e ".[dev,central]"
    rm -f .venv/.onewindow-installed-*
    touch "$stamp"
fi

# Compiled translations are build output (git-ignored): rebuild from the .ts sources.
for ts in ui/translations/*.ts; do
    [ -e "$ts" ] || continue
    qm="${ts%.ts}.qm"
    if [ ! -f "$qm" ] || [ "$ts" -nt "$qm" ]; then
        .venv/bin/pyside6-lrelease -silent "$ts" -qm "$qm"
    fi
done
