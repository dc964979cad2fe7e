"""A capture worker thread that can be stopped without waiting for it.

Stopping a camera takes a moment (its grab thread ends, the device is released); a scan ends
only when the scanner answers the cancel. The capture screen must not wait for either on the UI
thread. ``retire`` asks the worker to stop and hands it the device's release, which then runs
on the worker's own thread once its loop is over. Until then the worker is kept alive here, so
Qt never destroys a QThread that is still running, whatever happens to the screen meanwhile.
"""

from __future__ import annotations

import atexit
import logging
import threading
from collections.abc import Callable
from functools import partial

from PySide6.QtCore import QThread, QTimer

log = logging.getLogger(__name__)

# Retired workers still running; each leaves this set on the UI thread when it has finished.
_retiring: set[RetiringWorker] = set()


class RetiringWorker(QThread):
    """A QThread whose ``work`` loop can be retired: stopped, then its device released by it."""

    def __init__(self) -> None:
        super().__init__()
        self._lock = threading.Lock()
        self._ended = False
        self._release: Callable[[], None] | None = None
        self.finished.connect(self._forget)  # queued: runs on the UI thread

    def work(self) -> None:
        """The worker's loop; it must return soon after ``isInterruptionRequested``."""
        raise NotImplementedError

    def run(self) -> None:
        """Run ``work``, then the release a ``retire`` handed over, on this thread."""
        try:
            self.work()
        finally:
            with self._lock:
                self._ended = True
                release, self._release = self._release, None
            if release is not None:
                release()

    def retire(self, release: Callable[[], None]) -> None:
        """Stop soon and run ``release`` when the loop is over; returns at once.

        If the loop has already ended (or never started), ``release`` runs on a short-lived
        thread instead.
        """
        self.requestInterruption()
        with self._lock:
            if not self._ended and self.isRunning():
                self._release = release
                _retiring.add(self)
                return
        threading.Thread(target=release, name="capture-release", daemon=True).start()

    def _forget(self) -> None:
        if self in _retiring:
            # Let go of the last reference from a timer, not from inside this object's own
            # signal delivery; ~QThread then waits out the few instructions after finished.
            QTimer.singleShot(0, partial(_retiring.discard, self))


RETIRE_AT_EXIT_MS = 5000  # a device still being released when the kiosk exits


@atexit.register
def _wait_for_retired_workers() -> None:
    """At exit, let retired workers release their devices before Python tears Qt down."""
    for worker in list(_retiring):
        if not worker.wait(RETIRE_AT_EXIT_MS):
            log.warning("a capture device was still being released at exit")


def retiring_count() -> int:
    """How many retired workers are still running (for tests and shutdown)."""
    return len(_retiring)
