"""Demo mode's platform: the reference server (``python -m central``) as a child process.

The core never imports ``central`` (a published API contract separates them); it only starts
the server program on loopback, waits until it answers, and stops it by its PID.
"""

from __future__ import annotations

import ctypes
import logging
import os
import signal
import socket
import subprocess
import sys
import time
from pathlib import Path
from types import TracebackType

import requests

from config.schema import PlatformSettings

log = logging.getLogger(__name__)

LOOPBACK = "127.0.0.1"
ADMIN_TOKEN_FILE = "admin.token"  # noqa: S105 - a file name the server writes
_LOOPBACK_NAMES = frozenset({"127.0.0.1", "localhost"})


def _die_with_parent() -> None:
    # Runs in the child before exec: if the kiosk dies without stopping us (SIGKILL, a crash
    # in Qt), the kernel sends SIGTERM, so no orphan server keeps the port.
    pr_set_pdeathsig = 1
    libc = ctypes.CDLL(None, use_errno=True)
    libc.prctl(pr_set_pdeathsig, signal.SIGTERM)


class ReferencePlatformError(RuntimeError):
    """The reference platform server could not be started."""


def _answers(host: str, port: int) -> bool:
    try:
        with socket.create_connection((host, port), timeout=0.2):
            return True
    except OSError:
        return False


def _make_private_dirs(path: Path) -> None:
    """Create ``path`` and its missing parents with mode 0700 (mkdir(parents=True) would not)."""
    missing = [p for p in (path, *path.parents) if not p.exists()]
    for folder in reversed(missing):
        folder.mkdir(mode=0o700, exist_ok=True)


class ReferencePlatform:
    """The reference platform server on 127.0.0.1:port, started and stopped by this process."""

    def __init__(
        self,
        port: int,
        data_dir: Path,
        *,
        startup_timeout_s: float = 30.0,
        demo: bool = False,
        catalog_file: Path | None = None,
        forms_dir: Path | None = None,
    ) -> None:
        self.port = port
        self.data_dir = data_dir
        self.startup_timeout_s = startup_timeout_s
        # The server cannot import our packages: it gets the bundled catalog and forms by path.
        self.demo = demo
        self.catalog_file = catalog_file
        self.forms_dir = forms_dir
        self._process: subprocess.Popen[bytes] | None = None

    @classmethod
    def for_settings(
        cls,
        platform: PlatformSettings,
        data_dir: Path,
        *,
        demo: bool = False,
        catalog_file: Path | None = None,
        forms_dir: Path | None = None,
    ) -> ReferencePlatform:
        """The server the platform URL points at; the URL must name loopback."""
        host = platform.url.host or ""
        if host not in _LOOPBACK_NAMES:
            raise ReferencePlatformError(
                f"platform.url host is {host!r}: the reference server listens on {LOOPBACK} only"
            )
        port = platform.url.port
        if port is None:  # pragma: no cover - HttpUrl always fills in the scheme's port
            raise ReferencePlatformError("platform.url has no port")
        return cls(port, data_dir, demo=demo, catalog_file=catalog_file, forms_dir=forms_dir)

    @property
    def pid(self) -> int | None:
        """PID of the running server, if started."""
        return self._process.pid if self._process is not None else None

    def start(self) -> None:
        """Start the server and block until it accepts connections."""
        if _answers(LOOPBACK, self.port):
            raise ReferencePlatformError(
                f"something already listens on {LOOPBACK}:{self.port}; stop it or change "
                "platform.url"
            )
        _make_private_dirs(self.data_dir)
        command = [
            sys.executable,
            "-m",
            "central",
            "--host",
            LOOPBACK,
            "--port",
            str(self.port),
            "--data-dir",
            str(self.data_dir),
        ]
        if self.demo:
            command.append("--demo")
        if self.catalog_file is not None:
            command += ["--catalog", str(self.catalog_file)]
        if self.forms_dir is not None:
            # Published forms are enforced, as the city platform does: bad data gets a 422.
            command += ["--forms-dir", str(self.forms_dir), "--validate-form-data"]
        self._process = subprocess.Popen(
            command, stdin=subprocess.DEVNULL, preexec_fn=_die_with_parent
        )
        log.info("reference platform starting", extra={"pid": self._process.pid, "port": self.port})
        deadline = time.monotonic() + self.startup_timeout_s
        while time.monotonic() < deadline:
            code = self._process.poll()
            if code is not None:
                self._process = None
                raise ReferencePlatformError(
                    f"the reference platform server exited with code {code} before it answered"
                )
            if _answers(LOOPBACK, self.port):
                log.info("reference platform ready", extra={"port": self.port})
                return
            time.sleep(0.05)
        self.stop()
        raise ReferencePlatformError(
            f"the reference platform server did not answer on port {self.port} "
            f"within {self.startup_timeout_s:.0f} s"
        )

    def stop(self, timeout_s: float = 5.0) -> None:
        """Stop the server by its PID: SIGTERM, then SIGKILL if it lingers."""
        process, self._process = self._process, None
        if process is None or process.poll() is not None:
            return
        os.kill(process.pid, signal.SIGTERM)
        try:
            process.wait(timeout=timeout_s)
        except subprocess.TimeoutExpired:
            os.kill(process.pid, signal.SIGKILL)
            process.wait(timeout=timeout_s)
        log.info("reference platform stopped", extra={"pid": process.pid})

    @property
    def base_url(self) -> str:
        """The server's loopback URL."""
        return f"http://{LOOPBACK}:{self.port}/"

    def enrollment_code(self, terminal_id: str, timeout_s: float = 5.0) -> str:
        """A one-time enrollment code from the admin API, with the token in the data folder.

        Demo only: the token never leaves this machine; the request goes to loopback.
        """
        token = (self.data_dir / ADMIN_TOKEN_FILE).read_text(encoding="utf-8").strip()
        session = requests.Session()
        session.trust_env = False  # no proxy between us and our own loopback server
        try:
            response = session.post(
                f"{self.base_url}api/v1/admin/enrollment-codes",
                json={"terminal_id": terminal_id},
                headers={"Authorization": f"Bearer {token}"},
                timeout=timeout_s,
                allow_redirects=False,
            )
        finally:
            session.close()
        if response.status_code != 201:
            raise ReferencePlatformError(
                f"the reference platform refused an enrollment code ({response.status_code})"
            )
        return str(response.json()["code"])

    def __enter__(self) -> ReferencePlatform:
        self.start()
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self.stop()
