"""Waking the sync engine from another process: a new application, or a technician's "sync now".

On a terminal the engine runs in its own service and idles between passes. The kiosk touches
a file in the data folder; the idle engine notices the change (a stat every quarter second)
and starts a pass at once, so an application usually reaches the platform before its receipt
is printed. No socket, no shared state besides the file: a missing or stale file only means
the engine waits for its next regular pass.
"""

from __future__ import annotations

import logging
import os
import threading
import time
from pathlib import Path

log = logging.getLogger(__name__)

WAKE_FILE = "sync-wake"
POLL_S = 0.25


def request_sync(data_dir: Path) -> None:
    """Ask the sync engine of ``data_dir`` for a pass now (never raises)."""
    path = data_dir / WAKE_FILE
    try:
        path.touch(mode=0o600)
        os.utime(path)
    except OSError as error:
        log.warning("could not wake the sync engine: %s", error)


class SyncWake:
    """The engine's side: waits for a timeout, returning early when a pass is requested."""

    def __init__(self, data_dir: Path) -> None:
        self._path = data_dir / WAKE_FILE
        self._seen = self._stamp()

    def _stamp(self) -> int:
        try:
            return self._path.stat().st_mtime_ns
        except OSError:
            return 0

    def wait(self, stop: threading.Event, timeout_s: float) -> bool:
        """Wait up to ``timeout_s``; True when woken by a request, False on timeout or stop."""
        deadline = time.monotonic() + max(timeout_s, 0.0)
        while not stop.is_set():
            stamp = self._stamp()
            if stamp != self._seen:
                self._seen = stamp
                return True
            remaining = deadline - time.monotonic()
            if remaining <= 0:
                return False
            stop.wait(min(POLL_S, remaining))
        return False


__all__ = ["WAKE_FILE", "SyncWake", "request_sync"]
