"""Is speech-dispatcher answering? Asked with a timeout before QtTextToSpeech connects to it.

PySide6 holds the GIL while QTextToSpeech's constructor waits in libspeechd's ``spd_open``, so a
speech-dispatcher that accepts connections but never answers (a daemon stuck in shutdown, a
broken audio module) would freeze every thread of the kiosk, the UI included. A plain socket
with a timeout asks first; only a daemon that answers is handed to Qt.
"""

from __future__ import annotations

import logging
import os
import shutil
import socket
import subprocess
from collections.abc import Mapping
from pathlib import Path

log = logging.getLogger(__name__)

SSIP_OK_CLIENT_NAME = b"208"


def socket_path(environ: Mapping[str, str] = os.environ) -> Path | None:
    """Where libspeechd will connect: SPEECHD_ADDRESS, else its default per-user socket."""
    address = environ.get("SPEECHD_ADDRESS", "")
    if address:
        method, _, rest = address.partition(":")
        return Path(rest) if method == "unix_socket" and rest else None
    runtime = environ.get("XDG_RUNTIME_DIR")
    base = Path(runtime) if runtime else Path.home() / ".cache"
    return base / "speech-dispatcher" / "speechd.sock"


def _spawn(path: Path, timeout_s: float) -> None:
    """Start the per-user daemon the way libspeechd's autospawn does (it daemonises itself)."""
    program = shutil.which("speech-dispatcher")
    if program is None:
        return
    command = [program, "--spawn", "--communication-method", "unix_socket"]
    try:
        subprocess.run(
            [*command, "--socket-path", str(path)],
            stdin=subprocess.DEVNULL,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
            timeout=timeout_s,
            check=False,
        )
    except subprocess.TimeoutExpired:
        log.warning("speech-dispatcher did not start within %.0f s", timeout_s)


def answers(path: Path, timeout_s: float) -> bool:
    """True if the daemon on ``path`` replies to an SSIP command within ``timeout_s``."""
    try:
        with socket.socket(socket.AF_UNIX, socket.SOCK_STREAM) as conn:
            conn.settimeout(timeout_s)
            conn.connect(str(path))
            conn.sendall(b'SET SELF CLIENT_NAME "onewindow:kiosk:probe"\r\n')
            reply = conn.recv(256)
            conn.sendall(b"QUIT\r\n")
    except OSError:  # refused, missing socket, timeout
        return False
    return reply.startswith(SSIP_OK_CLIENT_NAME)


def speechd_ready(timeout_s: float = 3.0, environ: Mapping[str, str] = os.environ) -> bool:
    """Make sure a responsive speech-dispatcher is there, starting the per-user one if needed."""
    path = socket_path(environ)
    if path is None:  # an inet address: nothing to probe cheaply, let libspeechd try
        return True
    if answers(path, timeout_s):
        return True
    if "SPEECHD_ADDRESS" not in environ:
        _spawn(path, timeout_s=10.0)
        if answers(path, timeout_s):
            return True
    log.warning("speech-dispatcher does not answer on %s", path)
    return False
