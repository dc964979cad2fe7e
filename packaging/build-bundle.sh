#!/usr/bin/env bash
# Builds the PyInstaller bundle of the kiosk (one folder: build/bundle/dist/kiosk/kiosk) and
# proves it runs: `kiosk version` and a demo-mode screenshot, both from the bundle only.
# Linux first; the Windows build uses the same options (packaging/WINDOWS.md).
#
#   packaging/build-bundle.sh [--outdir DIR]
set -euo pipefail
umask 022
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
OUTDIR="$ROOT/build/bundle"
while [ $# -gt 0 ]; do
    case "$1" in
        --outdir) OUTDIR="$2"; shift 2 ;;
        *) echo "build-bundle.sh: unknown option $1" >&2; exit 2 ;;
    esac
done
SUDO=""
if [ "$(id -u)" -ne 0 ]; then SUDO="sudo"; fi
# Debian's Python (PyInstaller needs its shared libpython), compilers for pyscard/python-sane.
BUILD_PACKAGES=(python3 python3-venv python3-dev libpython3-dev gcc pkg-config libpcsclite-dev libsane-dev binutils)
missing=()
for pkg in "${BUILD_PACKAGES[@]}"; do
    dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q "install ok installed" || missing+=("$pkg")
done
if [ "${#missing[@]}" -gt 0 ]; then
    $SUDO apt-get update -qq
    $SUDO env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${missing[@]}"
fi

started=$SECONDS
PYTHON="$(readlink -f /usr/bin/python3)"
VENV="$OUTDIR/venv"
PIP_CACHE="${ONEWINDOW_DEB_PIP_CACHE:-${XDG_CACHE_HOME:-$HOME/.cache}/onewindow-kiosk-deb/pip}"
mkdir -p "$OUTDIR"
[ -x "$VENV/bin/python" ] || "$PYTHON" -m venv "$VENV"
# From a clean copy of the sources (setuptools would reuse a stale build/lib in the tree).
SRC="$OUTDIR/src"
rm -rf "$SRC"
mkdir -p "$SRC"
tar -C "$ROOT" --exclude=__pycache__ --exclude='*.pyc' -cf - pyproject.toml README.md \
    kiosk devices offline_cache config ui central | tar -C "$SRC" -xf -
"$VENV/bin/python" -m pip install -q --cache-dir "$PIP_CACHE" "$SRC" "pyinstaller>=6.10,<7" \
    2> >(grep -v "^WARNING: Location" >&2)
rm -rf "$SRC"
SITE="$("$VENV/bin/python" -c 'import sysconfig; print(sysconfig.get_paths()["purelib"])')"
for ts in "$ROOT"/ui/translations/*.ts; do
    [ -e "$ts" ] || continue
    "$VENV/bin/pyside6-lrelease" -silent "$ts" -qm "$SITE/ui/translations/$(basename "${ts%.ts}").qm"
done

# The Qt front end is found through an entry point and imported by name: PyInstaller's
# analysis cannot see it, hence the collected submodules and the distribution metadata.
# Third-party data PyInstaller has no hook for: python-escpos's printer capabilities,
# python-stdnum's registries, python-barcode's fonts, pypinyin's dictionaries.
(cd "$OUTDIR" && "$VENV/bin/pyinstaller" --noconfirm --clean --log-level WARN \
    --name kiosk --onedir --console \
    --distpath "$OUTDIR/dist" --workpath "$OUTDIR/work" --specpath "$OUTDIR" \
    --copy-metadata onewindow-kiosk \
    --collect-submodules kiosk --collect-submodules ui --collect-submodules devices \
    --collect-submodules offline_cache --collect-submodules config \
    --collect-data kiosk --collect-data ui --collect-data offline_cache --collect-data config \
    --collect-data devices \
    --collect-data escpos --collect-data stdnum --collect-data barcode --collect-data pypinyin \
    "$ROOT/packaging/bundle/kiosk_main.py")

# PyInstaller copies data files with new times, so a .qm may look older than its .ts and the
# UI would try to recompile it (with a pyside6-lrelease a bundle does not have): make the
# compiled translations the newer ones again.
find "$OUTDIR/dist/kiosk" -name "*.qm" -exec touch {} +

BUNDLE="$OUTDIR/dist/kiosk/kiosk"
echo "build-bundle.sh: built $BUNDLE ($(du -sh "$OUTDIR/dist/kiosk" | cut -f1), $((SECONDS - started)) s)"

# The proof, from a folder outside this tree and with nothing of it on the paths.
cd "$OUTDIR"
env -i PATH=/usr/bin:/bin HOME="$OUTDIR" LANG=C.UTF-8 "$BUNDLE" version
env -i PATH=/usr/bin:/bin HOME="$OUTDIR" LANG=C.UTF-8 XDG_CACHE_HOME="$OUTDIR/cache" \
    QT_QPA_PLATFORM=offscreen \
    "$BUNDLE" screenshot --screen attract --lang zh --profile demo "$OUTDIR/attract-zh.png"
echo "build-bundle.sh: bundle OK ($((SECONDS - started)) s)"
