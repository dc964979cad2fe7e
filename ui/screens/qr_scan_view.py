"""A camera view reading a QR code: the picture, what to do, what was seen, a way back.

A worker thread owns the camera (a kiosk.qr_camera.QrCameraSource): it grabs, decodes and
hands the UI a picture only after the last one was painted, so a busy UI drops frames. The UI
thread only paints and reacts: a usable code ends the scan; a QR that is not usable says so
and scanning goes on; nothing within the time limit sends the resident back. Subclasses
(the licence QR, the receipt QR) give the texts.
"""

from __future__ import annotations

import logging
import threading
import time

import numpy as np
import numpy.typing as npt
from PySide6.QtCore import Qt, QThread, Signal
from PySide6.QtGui import QImage, QPixmap, QResizeEvent
from PySide6.QtWidgets import QHBoxLayout, QLabel, QPushButton, QSizePolicy, QVBoxLayout, QWidget

from kiosk.qr_camera import QrCameraSource

log = logging.getLogger(__name__)

SCAN_TIMEOUT_S = 30.0
STOP_WAIT_MS = 5_000
# Frames shown per second at most: enough to aim the code, cheap for the UI thread.
_PREVIEW_EVERY_S = 1 / 12


class QrScanWorker(QThread):
    """Camera, decoding and timing on their own thread; results go to the UI as signals."""

    frameReady = Signal(QImage)
    codeFound = Signal(str)
    qrNotUsable = Signal(str)  # the reading's kind: a QR was seen, but no usable code
    timedOut = Signal()
    cameraFailed = Signal()

    def __init__(self, source: QrCameraSource, timeout_s: float = SCAN_TIMEOUT_S) -> None:
        super().__init__()
        self.setObjectName("qr-scan")
        self._source = source
        self._timeout_s = timeout_s
        self._shown = threading.Event()
        self._shown.set()

    def frame_shown(self) -> None:
        """The UI painted the last picture: the next one may come."""
        self._shown.set()

    def run(self) -> None:
        """Scan until a code, a timeout or an interruption; the camera is always stopped."""
        try:
            self._source.start()
        except Exception as exc:  # a camera that will not open: say so, never crash the UI
            log.warning("QR camera did not start: %s", type(exc).__name__)
            self.cameraFailed.emit()
            return
        try:
            self._scan()
        except Exception as exc:
            log.warning("QR scan failed: %s", type(exc).__name__)
            self.cameraFailed.emit()
        finally:
            self._source.stop()

    def _scan(self) -> None:
        deadline = time.monotonic() + self._timeout_s
        after = -1
        last_problem: str | None = None
        last_preview = 0.0
        while not self.isInterruptionRequested():
            if time.monotonic() > deadline:
                self.timedOut.emit()
                return
            view = self._source.next_view(after, 0.3)
            if view is None:
                continue
            after = view.frame.number
            now = time.monotonic()
            if self._shown.is_set() and now - last_preview >= _PREVIEW_EVERY_S:
                last_preview = now
                self._shown.clear()
                self.frameReady.emit(_qimage(view.frame.image))
            read = view.read
            if read is None:
                continue
            if read.code is not None:
                self.codeFound.emit(read.code)
                return
            if str(read.kind) != last_problem:  # say it once, not every frame
                last_problem = str(read.kind)
                self.qrNotUsable.emit(last_problem)


def _qimage(bgr: npt.NDArray[np.uint8]) -> QImage:
    rgb = np.ascontiguousarray(bgr[:, :, ::-1])  # OpenCV frames are BGR
    height, width = rgb.shape[:2]
    return QImage(rgb.data, width, height, rgb.strides[0], QImage.Format.Format_RGB888).copy()


class QrScanView(QWidget):
    """The camera picture, what to do, what was seen, and a way back; subclasses say the texts
    (in their own methods, so each keeps its own translation context)."""

    codeRead = Signal(str)  # the usable value the QR held (a credit code, a receipt number)
    cancelled = Signal(str)  # why the resident is back ("", "timeout", "camera")

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._worker: QrScanWorker | None = None
        self._image: QImage | None = None
        self._problem: str | None = None
        self.title = QLabel(objectName="title", alignment=Qt.AlignmentFlag.AlignCenter)
        self.title.setWordWrap(True)
        self.hint = QLabel(objectName="subtitle", alignment=Qt.AlignmentFlag.AlignCenter)
        self.hint.setWordWrap(True)
        self.preview = QLabel(objectName="cameraPreview", alignment=Qt.AlignmentFlag.AlignCenter)
        self.preview.setMinimumSize(640, 360)
        self.preview.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)
        self.preview.setStyleSheet("background: #20262e; border-radius: 16px; color: #ffffff;")
        self.status = QLabel(objectName="message", alignment=Qt.AlignmentFlag.AlignCenter)
        self.status.setWordWrap(True)
        self.back_button = QPushButton(objectName="secondary")
        self.back_button.setMinimumWidth(360)
        self.back_button.clicked.connect(lambda: self.stop_scan(""))
        buttons = QHBoxLayout()
        buttons.addStretch(1)
        buttons.addWidget(self.back_button)
        buttons.addStretch(1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(16)
        layout.addWidget(self.title)
        layout.addWidget(self.hint)
        layout.addWidget(self.preview, 1)
        layout.addWidget(self.status)
        layout.addLayout(buttons)

    # --- scanning -----------------------------------------------------------------------------

    def begin(self, source: QrCameraSource, timeout_s: float = SCAN_TIMEOUT_S) -> None:
        """Start the camera and look for a QR code (returns at once)."""
        self.stop_worker()
        self._image = None
        self._problem = None
        self.preview.clear()
        self._show_status()
        worker = QrScanWorker(source, timeout_s)
        worker.frameReady.connect(self._show_frame, Qt.ConnectionType.QueuedConnection)
        worker.codeFound.connect(self._found, Qt.ConnectionType.QueuedConnection)
        worker.qrNotUsable.connect(self._not_usable, Qt.ConnectionType.QueuedConnection)
        worker.timedOut.connect(
            lambda: self.stop_scan("timeout"), Qt.ConnectionType.QueuedConnection
        )
        worker.cameraFailed.connect(
            lambda: self.stop_scan("camera"), Qt.ConnectionType.QueuedConnection
        )
        self._worker = worker
        worker.start()

    def is_scanning(self) -> bool:
        """True while the camera worker runs."""
        return self._worker is not None and self._worker.isRunning()

    def stop_worker(self) -> None:
        """Stop the camera worker and wait for it to release the camera."""
        worker, self._worker = self._worker, None
        if worker is not None:
            worker.requestInterruption()
            if not worker.wait(STOP_WAIT_MS):
                log.error("QR camera worker did not stop in time")

    def stop_scan(self, why: str) -> None:
        """End the scan without a code and go back."""
        self.stop_worker()
        self.cancelled.emit(why)

    def _found(self, code: str) -> None:
        self.stop_worker()
        self.codeRead.emit(code)

    def _not_usable(self, kind: str) -> None:
        self._problem = kind
        self._show_status()

    def _show_frame(self, image: QImage) -> None:
        self._image = image
        self._paint()
        worker = self._worker
        if worker is not None:
            worker.frame_shown()

    def _paint(self) -> None:
        if self._image is None:
            return
        pixmap = QPixmap.fromImage(self._image).scaled(
            self.preview.size(),
            Qt.AspectRatioMode.KeepAspectRatio,
            Qt.TransformationMode.SmoothTransformation,
        )
        self.preview.setPixmap(pixmap)

    def resizeEvent(self, event: QResizeEvent) -> None:
        """Keep the picture fitted to the preview."""
        super().resizeEvent(event)
        self._paint()

    # --- texts (the subclass's) ---------------------------------------------------------------

    def status_text(self) -> str:
        """What the view says about the QR codes seen so far."""
        return self.status.text()

    def problem(self) -> str | None:
        """The kind of the last unusable QR seen (None: none yet)."""
        return self._problem

    def has_picture(self) -> bool:
        """True once a camera picture was shown."""
        return self._image is not None

    def _show_status(self) -> None:
        self.status.setText(self.problem_text(self._problem))

    def problem_text(self, problem: str | None) -> str:
        """What to say about an unusable QR of kind ``problem`` (None: still looking)."""
        raise NotImplementedError

    def retranslate(self) -> None:
        """Texts in the current language."""
        raise NotImplementedError
