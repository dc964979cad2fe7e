"""Building, installing and removing the real Debian package on this machine (root only).

The package is built once per session (`packaging/build-deb.sh`), and a second version is made
by repacking the same staging tree (`--restamp`), so the upgrade check costs no second venv.
lintian runs in the background from the moment the first package exists. Every test that
installs the package leaves the machine as it found it: purged, kiosk user gone.
"""

from __future__ import annotations

import fcntl
import os
import pwd
import shutil
import subprocess
import time
import tomllib
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import IO

import pytest

from tests.fixtures.stacks import need_program

ROOT = Path(__file__).resolve().parents[2]
PACKAGE = "onewindow-kiosk"
OUR_GECOS = "OneWindow Kiosk"
LOCK_FILE = Path("/run/lock/onewindow-kiosk-packaging-tests.lock")
# What a technician's root shell has: no venv of this tree on PATH, no PYTHONPATH.
TECHNICIAN_ENV = {
    "PATH": "/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin",
    "LANG": "C.UTF-8",
    "HOME": "/root",
    "DEBIAN_FRONTEND": "noninteractive",
}
APT_OPTIONS = ["-y", "-q", "-o", "DPkg::Lock::Timeout=300"]


def run(
    command: list[str],
    *,
    check: bool = True,
    env: dict[str, str] | None = TECHNICIAN_ENV,
    cwd: Path | None = None,
) -> subprocess.CompletedProcess[str]:
    """Run a command, failing the test with its output when it fails and ``check`` is set."""
    result = subprocess.run(command, capture_output=True, text=True, env=env, cwd=cwd, check=False)
    if check and result.returncode != 0:
        pytest.fail(
            f"{' '.join(command)} exited {result.returncode}\n"
            f"--- stdout\n{result.stdout[-4000:]}\n--- stderr\n{result.stderr[-4000:]}",
            pytrace=False,
        )
    return result


def as_kiosk(*command: str, check: bool = True) -> subprocess.CompletedProcess[str]:
    """Run a command as the kiosk user (runuser, no shell, no password), from /."""
    # From /, so nothing of this source tree is importable by accident.
    return run(["runuser", "-u", "kiosk", "--", *command], check=check, cwd=Path("/"))


def package_status() -> str:
    """dpkg's status of the package: "installed", "config-files" or "" (not known)."""
    result = run(["dpkg-query", "-W", "-f=${db:Status-Status}", PACKAGE], check=False)
    return result.stdout.strip() if result.returncode == 0 else ""


def installed_version() -> str:
    """The installed version of the package."""
    return run(["dpkg-query", "-W", "-f=${Version}", PACKAGE]).stdout.strip()


def apt_install(deb: Path) -> None:
    """Install or upgrade from a .deb file as the guide says (`apt-get install ./file.deb`)."""
    run(["apt-get", "install", *APT_OPTIONS, f"./{deb.name}"], env=TECHNICIAN_ENV, cwd=deb.parent)


def apt_remove(*, purge: bool) -> None:
    """apt-get remove (keeps config and data) or purge (deletes them)."""
    run(["apt-get", "purge" if purge else "remove", *APT_OPTIONS, PACKAGE], env=TECHNICIAN_ENV)


def purge_if_present() -> None:
    """Back to a machine without the package, whatever an earlier run left."""
    if package_status():
        apt_remove(purge=True)


def kiosk_user() -> pwd.struct_passwd | None:
    """The kiosk user, or None."""
    try:
        return pwd.getpwnam("kiosk")
    except KeyError:
        return None


@dataclass(frozen=True)
class Debs:
    """The two builds of one session and the lintian run on the first."""

    first: Path
    second: Path
    first_version: str
    second_version: str
    lintian: subprocess.Popen[bytes] | None
    lintian_output: Path


def _project_version() -> str:
    with (ROOT / "pyproject.toml").open("rb") as f:
        return str(tomllib.load(f)["project"]["version"])


@pytest.fixture(scope="session")
def packaging_lock() -> Iterator[None]:
    """One packaging session at a time on this machine (they install the same package)."""
    if os.geteuid() != 0:
        pytest.fail(
            "the packaging checks install a .deb: run them as root (CI runs as root)",
            pytrace=False,
        )
    for program, debian_package in (
        ("dpkg-deb", "dpkg"),
        ("apt-get", "apt"),
        ("runuser", "util-linux"),
        ("systemd-analyze", "systemd"),
    ):
        need_program(program, debian_package)
    LOCK_FILE.parent.mkdir(parents=True, exist_ok=True)
    handle: IO[str] = LOCK_FILE.open("w")
    fcntl.flock(handle, fcntl.LOCK_EX)
    try:
        user = kiosk_user()
        if user is not None and not package_status() and user.pw_gecos.split(",")[0] != OUR_GECOS:
            pytest.fail(
                "a user named kiosk exists that this package did not create: refusing to touch it",
                pytrace=False,
            )
        purge_if_present()
        yield
        purge_if_present()
    finally:
        fcntl.flock(handle, fcntl.LOCK_UN)
        handle.close()


@pytest.fixture(scope="session")
def debs(packaging_lock: None, tmp_path_factory: pytest.TempPathFactory) -> Iterator[Debs]:
    """Version N built from this tree, version N+upgrade1 repacked from its staging tree."""
    outdir = tmp_path_factory.mktemp("deb")
    first_version = _project_version()
    second_version = f"{first_version}+upgrade1"
    builder = str(ROOT / "packaging" / "build-deb.sh")
    run([builder, "--outdir", str(outdir)], env=dict(os.environ))
    first = next(outdir.glob(f"{PACKAGE}_{first_version}_*.deb"))
    # lintian takes minutes on a ~1 GB venv: it runs beside the install checks.
    lintian_path = shutil.which("lintian")
    lintian = None
    lintian_output = outdir / "lintian.txt"
    if lintian_path is not None:
        with lintian_output.open("wb") as sink:
            lintian = subprocess.Popen(
                [lintian_path, "--no-tag-display-limit", str(first)],
                stdout=sink,
                stderr=subprocess.STDOUT,
            )
    # Only the version differs, so the upgrade moves every file.
    started = time.monotonic()
    run(
        [builder, "--outdir", str(outdir), "--restamp", "--version", second_version],
        env=dict(os.environ),
    )
    repack_s = time.monotonic() - started
    second = next(outdir.glob(f"{PACKAGE}_{second_version}_*.deb"))
    # Keep the two .debs, not the 1 GB staging tree.
    shutil.rmtree(outdir / "stage")
    print(f"\nrepacked {second.name} in {repack_s:.0f} s")
    try:
        yield Debs(first, second, first_version, second_version, lintian, lintian_output)
    finally:
        if lintian is not None and lintian.poll() is None:
            lintian.kill()
            lintian.wait()
        # Two 400 MB packages: pytest would keep them for three sessions.
        for deb in (first, second):
            deb.unlink(missing_ok=True)
