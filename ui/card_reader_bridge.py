"""The card readers' bridge to the UI thread: a worker blocks on the reader, Qt queues the outcomes.

The worker thread starts the identity service, waits on its outcomes with a timeout (so it
notices a stop request) and emits each one; the queued connection delivers it on the UI thread.
Device I/O never runs on the UI thread.
"""

from __future__ import annotations

import logging

from PySide6.QtCore import QObject, Qt, QThread, Signal, Slot

from kiosk.identity_service import IdentityOutcome, IdentityService

log = logging.getLogger(__name__)

# How long the worker waits for an outcome before it looks for a stop request again.
WAIT_S = 0.2
STOP_TIMEOUT_MS = 10_000


class _ReaderWorker(QThread):
    """Runs the service: start, relay outcomes until interrupted, stop."""

    outcomeRead = Signal(object)

    def __init__(self, service: IdentityService, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._service = service
        self.setObjectName("card-reader-bridge")

    def run(self) -> None:
        """The worker loop (on its own thread)."""
        try:
            self._service.start()
            while not self.isInterruptionRequested():
                outcome = self._service.next_outcome(WAIT_S)
                if outcome is not None:
                    self.outcomeRead.emit(outcome)
        except Exception:
            log.exception("card reader worker failed")
        finally:
            self._service.stop()


class CardReaderBridge(QObject):
    """Owns the worker; ``outcome`` carries a kiosk.identity_service.IdentityOutcome."""

    outcome = Signal(object)

    def __init__(self, service: IdentityService, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.service = service
        self._worker = _ReaderWorker(service)
        # The worker object lives on the UI thread but emits from its own: queue explicitly.
        self._worker.outcomeRead.connect(self._deliver, Qt.ConnectionType.QueuedConnection)

    def start(self) -> None:
        """Start reading in the background (returns at once)."""
        if not self._worker.isRunning():
            self._worker.start()

    def stop(self) -> None:
        """Stop the worker and the readers (waits for them: only at shutdown)."""
        if self._worker.isRunning():
            self._worker.requestInterruption()
            if not self._worker.wait(STOP_TIMEOUT_MS):
                log.error("card reader worker did not stop in time")

    def is_running(self) -> bool:
        """True while the worker thread runs."""
        return self._worker.isRunning()

    @Slot(object)
    def _deliver(self, outcome: IdentityOutcome) -> None:
        self.outcome.emit(outcome)
