"""`kiosk run` under systemd's notify protocol: ready once the screen shows, watchdog pings
from the UI thread, stopping on SIGTERM (a hung UI would stop pinging and be restarted)."""

from __future__ import annotations

import os
import signal
import socket
import subprocess
import sys
import time
from pathlib import Path

from tests.fixtures.stacks import free_port, stop_process


def _kiosk_env(tmp_path: Path, notify: Path) -> dict[str, str]:
    env = dict(os.environ)
    env.update(
        QT_QPA_PLATFORM="offscreen",
        NOTIFY_SOCKET=str(notify),
        WATCHDOG_USEC="1000000",
        KIOSK_PLATFORM__URL=f"http://127.0.0.1:{free_port()}/",
        KIOSK_PLATFORM__START_REFERENCE_SERVER="false",
        KIOSK_STORAGE__DATA_DIR=str(tmp_path / "data"),
        KIOSK_STORAGE__KEY_FILE=str(tmp_path / "keys" / "storage.key"),
        KIOSK_STORAGE__SECRETS_FILE=str(tmp_path / "keys" / "secrets.toml"),
        KIOSK_UI__VOICE_GUIDANCE="false",
    )
    env.pop("WATCHDOG_PID", None)
    return env


def _messages(sock: socket.socket, until: str, timeout: float) -> list[str]:
    seen: list[str] = []
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        sock.settimeout(max(0.05, deadline - time.monotonic()))
        try:
            seen.append(sock.recv(4096).decode())
        except TimeoutError:
            break
        if any(until in m for m in seen):
            break
    return seen


def test_kiosk_reports_ready_pings_the_watchdog_and_says_when_it_stops(tmp_path: Path) -> None:
    notify = tmp_path / "notify.sock"
    sock = socket.socket(socket.AF_UNIX, socket.SOCK_DGRAM)
    sock.bind(str(notify))
    kiosk = Path(sys.executable).with_name("kiosk")
    proc = subprocess.Popen(
        [str(kiosk), "run", "--profile", "demo"],
        env=_kiosk_env(tmp_path, notify),
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    try:
        started = _messages(sock, "READY=1", timeout=60)
        assert any(m.startswith("READY=1") for m in started), started
        pings = [m for m in _messages(sock, "never", timeout=2.2) if m == "WATCHDOG=1"]
        assert len(pings) >= 3, pings  # every 0.5 s with WATCHDOG_USEC at 1 s
        os.kill(proc.pid, signal.SIGTERM)
        assert any("STOPPING=1" in m for m in _messages(sock, "STOPPING=1", timeout=10))
        assert proc.wait(timeout=20) == 0
    finally:
        stop_process(proc)
        sock.close()
