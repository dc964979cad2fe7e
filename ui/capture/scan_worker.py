"""One scan on its own QThread: finished pages as they come, or the named problem."""

from __future__ import annotations

import logging

from PySide6.QtCore import Signal

from kiosk.document_capture import ScanError, ScannerCapture, ScanProblem
from ui.capture.retiring_worker import RetiringWorker

log = logging.getLogger(__name__)


class ScanWorker(RetiringWorker):
    """Runs ``ScannerCapture.scan`` once; cancel with ``ScannerCapture.cancel`` from any thread."""

    pageScanned = Signal(object)  # kiosk.document_capture.FinishedPage
    scanFailed = Signal(object)  # devices ScanProblem

    def __init__(self, capture: ScannerCapture) -> None:
        super().__init__()
        self.capture = capture

    def work(self) -> None:
        """Scan every page the device gives."""
        try:
            for page in self.capture.scan():
                self.pageScanned.emit(page)
        except ScanError as exc:
            self.scanFailed.emit(exc.problem)
        except Exception as exc:  # any failure becomes a message, never a dead thread
            log.warning("scan failed: %s", type(exc).__name__)
            self.scanFailed.emit(ScanProblem.OTHER)
