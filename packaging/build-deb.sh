#!/usr/bin/env bash
# Builds the Debian package onewindow-kiosk_VERSION_ARCH.deb in one command, on Debian 12.
#
#   packaging/build-deb.sh [--version VERSION] [--outdir DIR] [--restamp]
#
# The application lives in its own virtual environment under /opt/onewindow-kiosk, made with
# Debian's own interpreter (/usr/bin/python3 -> python3.11): a venv only runs with the Python it
# was made with, so the package depends on that Debian package, never on a pyenv or uv Python.
# --restamp skips the venv build and repacks the staging tree of the previous build under a new
# version (what the upgrade check needs: two versions without building the venv twice).
# Installs its own build tools with apt-get when missing (needs root or sudo).
set -euo pipefail
umask 022

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
PKG=onewindow-kiosk
PREFIX=/opt/$PKG
VERSION=""
OUTDIR="$ROOT/build/deb"
RESTAMP=0
PIP_CACHE="${ONEWINDOW_DEB_PIP_CACHE:-${XDG_CACHE_HOME:-$HOME/.cache}/onewindow-kiosk-deb/pip}"
while [ $# -gt 0 ]; do
    case "$1" in
        --version) VERSION="$2"; shift 2 ;;
        --outdir) OUTDIR="$2"; shift 2 ;;
        --restamp) RESTAMP=1; shift ;;
        -h|--help) sed -n '2,12p' "${BASH_SOURCE[0]}"; exit 0 ;;
        *) echo "build-deb.sh: unknown option $1" >&2; exit 2 ;;
    esac
done

SUDO=""
if [ "$(id -u)" -ne 0 ]; then SUDO="sudo"; fi

# Build tools: the venv (python3-venv), compilers and headers for pyscard and python-sane,
# which PyPI only has as source.
BUILD_PACKAGES=(dpkg-dev python3 python3-venv python3-dev gcc pkg-config libpcsclite-dev libsane-dev)
missing=()
for pkg in "${BUILD_PACKAGES[@]}"; do
    dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q "install ok installed" || missing+=("$pkg")
done
if [ "${#missing[@]}" -gt 0 ]; then
    echo "build-deb.sh: installing build tools: ${missing[*]}"
    $SUDO apt-get update -qq
    $SUDO env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${missing[@]}"
fi

# Debian's interpreter, resolved to its real binary (python3 -> python3.11), so the venv's
# symlinks name the versioned binary and the package can depend on exactly that.
PYTHON="$(readlink -f /usr/bin/python3)"
PYVER="$("$PYTHON" -c 'import sys; print(f"{sys.version_info[0]}.{sys.version_info[1]}")')"
if [ -z "$VERSION" ]; then
    VERSION="$("$PYTHON" -c 'import tomllib,sys; print(tomllib.load(open(sys.argv[1],"rb"))["project"]["version"])' "$ROOT/pyproject.toml")"
fi
ARCH="$(dpkg --print-architecture)"
STAGE="$OUTDIR/stage"
VENV="$STAGE$PREFIX"
SITE="$VENV/lib/python$PYVER/site-packages"
mkdir -p "$OUTDIR"
started=$SECONDS

if [ "$RESTAMP" -eq 0 ]; then
    rm -rf "$STAGE"
    mkdir -p "$STAGE"
    echo "build-deb.sh: venv with $PYTHON at $PREFIX"
    "$PYTHON" -m venv "$VENV"
    # No .pyc yet: they would record the staging path; compiled below with the final one.
    # A cache of its own: wheels built from source (pyscard, python-sane) by another Python
    # (a pyenv one, say) would carry its RUNPATH; these are built by Debian's.
    # From a clean copy of the sources: setuptools builds in the tree it is given and reuses
    # its build/lib, where a module deleted from the tree would live on into the package.
    SRC="$OUTDIR/src"
    rm -rf "$SRC"
    mkdir -p "$SRC"
    tar -C "$ROOT" --exclude=__pycache__ --exclude='*.pyc' -cf - pyproject.toml README.md \
        kiosk devices offline_cache config ui central | tar -C "$SRC" -xf -
    "$VENV/bin/python" -m pip install -q --no-compile --cache-dir "$PIP_CACHE" "$SRC" \
        2> >(grep -v "^WARNING: Location" >&2)
    rm -rf "$SRC"
    # The wheel never carries compiled translations (build output): compile them in place.
    for ts in "$ROOT"/ui/translations/*.ts; do
        [ -e "$ts" ] || continue
        qm="$SITE/ui/translations/$(basename "${ts%.ts}").qm"
        "$VENV/bin/pyside6-lrelease" -silent "$ts" -qm "$qm"
    done
    # Entry points and activate scripts name the staging path: point them at the real one.
    grep -rlI --null "$VENV" "$VENV/bin" | xargs -0 -r sed -i "s|$VENV|$PREFIX|g"
    # Compile with the path the files will have once installed (tracebacks, and no writes to
    # /opt at run time, which ProtectSystem=strict forbids anyway).
    # (PySide6's Android deploy recipes are Jinja templates named *.py: not Python.)
    "$VENV/bin/python" -m compileall -q -j 0 -s "$STAGE" -p / -x '/deploy_lib/android/recipes/' \
        "$VENV/lib" >/dev/null

    # --- files outside the venv ---------------------------------------------------------------
    P="$ROOT/packaging"
    install -D -m 0644 "$ROOT/config/profiles/hall.toml" "$STAGE/etc/$PKG/kiosk.toml"
    install -D -m 0644 "$P/pam/$PKG" "$STAGE/etc/pam.d/$PKG"
    install -D -m 0644 "$P/logrotate/$PKG" "$STAGE/etc/logrotate.d/$PKG"
    for unit in "$P"/systemd/*.service; do
        install -D -m 0644 "$unit" "$STAGE/lib/systemd/system/$(basename "$unit")"
    done
    install -D -m 0644 "$P/udev/70-$PKG.rules" "$STAGE/lib/udev/rules.d/70-$PKG.rules"
    install -D -m 0644 "$P/lockdown/logind.conf" "$STAGE/usr/lib/systemd/logind.conf.d/$PKG.conf"
    install -D -m 0644 "$P/lockdown/sleep.conf" "$STAGE/usr/lib/systemd/sleep.conf.d/$PKG.conf"
    install -d "$STAGE/usr/bin"
    ln -s "$PREFIX/bin/kiosk" "$STAGE/usr/bin/kiosk"
    DOC="$STAGE/usr/share/doc/$PKG"
    install -D -m 0644 "$P/debian/copyright" "$DOC/copyright"
    install -D -m 0644 "$P/INSTALL.md" "$DOC/terminal-setup.md"
    install -D -m 0644 "$P/udev/71-$PKG-local.rules.example" "$DOC/71-$PKG-local.rules.example"
    install -D -m 0644 "$P/debian/lintian-overrides" "$STAGE/usr/share/lintian/overrides/$PKG"
fi

[ -d "$VENV" ] || { echo "build-deb.sh: no staging tree in $STAGE (build once without --restamp)" >&2; exit 1; }

# --- changelog and control data (rewritten for every version, also by --restamp) -------------
DOC="$STAGE/usr/share/doc/$PKG"
DATE="$(date -R -u -d "@${SOURCE_DATE_EPOCH:-$(date +%s)}")"
printf '%s (%s) bookworm; urgency=medium\n\n  * Build of OneWindow Kiosk %s.\n\n -- OneWindow Kiosk maintainers <kiosk@onewindow.invalid>  %s\n' \
    "$PKG" "$VERSION" "$VERSION" "$DATE" | gzip -9n > "$DOC/changelog.gz"
chmod 0644 "$DOC/changelog.gz"

CONTROL="$STAGE/DEBIAN"
rm -rf "$CONTROL"
install -d -m 0755 "$CONTROL"
for script in postinst prerm postrm; do
    install -m 0755 "$ROOT/packaging/debian/$script" "$CONTROL/$script"
done
(cd "$STAGE" && find etc -type f -printf '/%p\n' | sort) > "$CONTROL/conffiles"
INSTALLED_KB="$(du -sk --exclude=DEBIAN "$STAGE" | cut -f1)"
sed -e "s/@VERSION@/$VERSION/" -e "s/@ARCH@/$ARCH/" -e "s/@INSTALLED_SIZE@/$INSTALLED_KB/" \
    -e "s/@PYVER@/$PYVER/g" "$ROOT/packaging/debian/control.in" > "$CONTROL/control"
(cd "$STAGE" && find . -path ./DEBIAN -prune -o -type f -printf '%P\0' | sort -z \
    | xargs -0 md5sum) > "$CONTROL/md5sums"

DEB="$OUTDIR/${PKG}_${VERSION}_${ARCH}.deb"
# gzip -1: the venv is ~1 GB; xz takes ~4 minutes on two cores (20 s here) for 25% less, and
# lintian in bookworm refuses zstd members.
dpkg-deb --root-owner-group -Zgzip -z1 --build "$STAGE" "$DEB" >/dev/null
echo "build-deb.sh: $DEB ($(du -h "$DEB" | cut -f1), $((SECONDS - started)) s)"
