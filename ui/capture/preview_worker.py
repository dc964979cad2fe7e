"""The camera preview loop on its own QThread: detection per frame, QImages for the UI thread.

The UI thread only paints. A frame is handed over only when the previous one has been shown,
so a busy UI drops frames instead of queueing them; detection and auto-capture timing go on.
"""

from __future__ import annotations

import logging
import threading

from PySide6.QtCore import Signal
from PySide6.QtGui import QImage

from kiosk.document_capture import CameraCapture
from ui.capture.retiring_worker import RetiringWorker

log = logging.getLogger(__name__)


class PreviewWorker(RetiringWorker):
    """Runs ``CameraCapture.next_view`` in a loop and emits each view for painting."""

    viewReady = Signal(QImage, object, float)  # image, corners (list of (x, y)) or None, hold
    captureDue = Signal(object)  # the devices Frame to capture: still and sharp long enough

    def __init__(self, capture: CameraCapture) -> None:
        super().__init__()
        self.capture = capture
        self._shown = threading.Event()
        self._shown.set()

    def frame_shown(self) -> None:
        """The UI painted the last view: the next one may come."""
        self._shown.set()

    def work(self) -> None:
        """Grab, detect, convert; until interruption is requested."""
        try:
            self.capture.start()
        except Exception as exc:  # the camera failing must reach the log, not kill the UI
            log.warning("camera did not start: %s", type(exc).__name__)
            return
        after = -1
        while not self.isInterruptionRequested():
            try:
                view = self.capture.next_view(after, timeout=0.3)
            except Exception as exc:  # one bad frame must not end the preview
                log.warning("preview frame failed: %s", type(exc).__name__)
                self.msleep(50)
                continue
            if view is None:
                continue
            after = view.frame.number
            if view.capture_due:
                self.captureDue.emit(view.frame)
            if not self._shown.is_set():
                continue
            height, width = view.rgb.shape[:2]
            image = QImage(
                view.rgb.data, width, height, view.rgb.strides[0], QImage.Format.Format_RGB888
            ).copy()  # own the pixels: the array is freed with the view
            corners = list(view.corners) if view.corners is not None else None
            self._shown.clear()
            self.viewReady.emit(image, corners, view.hold)
        self.capture.stop()  # here, not on the UI thread: the grab thread takes a moment
