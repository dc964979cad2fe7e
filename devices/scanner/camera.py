"""The overhead document camera (高拍仪) through OpenCV, with a grab thread and reconnection.

A grab thread reads frames as fast as the camera delivers them and keeps only the newest, so
the preview and the detector never work on a stale, buffered frame. When reading fails (camera
unplugged, file gone) the device is released and reopened with backoff until it answers again.
A video file stands in for the camera in tests and demo mode; it is paced to the configured
frame rate and reopened at its end, like a camera that never stops.
"""

from __future__ import annotations

import logging
import threading
import time
from pathlib import Path

import cv2
import numpy as np

from config.schema import CameraScannerSettings
from devices.scanner.base import CameraState, Frame

log = logging.getLogger(__name__)

RECONNECT_FIRST_S = 0.05
RECONNECT_MAX_S = 2.0


class OpenCvCamera:
    """A cv2.VideoCapture source (index, device path or video file) behind a grab thread."""

    def __init__(self, settings: CameraScannerSettings) -> None:
        self._settings = settings
        self._lock = threading.Condition()
        self._latest: Frame | None = None
        self._state = CameraState.STOPPED
        self._stop = threading.Event()
        self._thread: threading.Thread | None = None
        self.reconnects = 0

    @property
    def state(self) -> CameraState:
        """The grab loop's state now."""
        with self._lock:
            return self._state

    def _set_state(self, state: CameraState) -> None:
        with self._lock:
            if state is not self._state:
                log.info("camera %s", state.value)
            self._state = state
            self._lock.notify_all()

    @property
    def _is_file(self) -> bool:
        device = self._settings.device
        return isinstance(device, str) and not device.startswith("/dev/") and not device.isdigit()

    def start(self) -> None:
        """Start the grab thread (idempotent)."""
        if self._thread is not None and self._thread.is_alive():
            return
        self._stop.clear()
        self._set_state(CameraState.CONNECTING)
        self._thread = threading.Thread(target=self._run, name="camera-grab", daemon=True)
        self._thread.start()

    def _open(self) -> cv2.VideoCapture | None:
        device = self._settings.device
        if self._is_file and not Path(str(device)).exists():
            return None
        source: str | int = int(device) if isinstance(device, str) and device.isdigit() else device
        capture = cv2.VideoCapture(source)
        if not capture.isOpened():
            capture.release()
            return None
        if not self._is_file:
            capture.set(cv2.CAP_PROP_FRAME_WIDTH, self._settings.width)
            capture.set(cv2.CAP_PROP_FRAME_HEIGHT, self._settings.height)
            capture.set(cv2.CAP_PROP_FPS, self._settings.fps)
            capture.set(cv2.CAP_PROP_BUFFERSIZE, 1)
        return capture

    def _run(self) -> None:
        delay = RECONNECT_FIRST_S
        number = 0
        period = 1.0 / self._settings.fps
        while not self._stop.is_set():
            capture = self._open()
            if capture is None:
                self._set_state(CameraState.DISCONNECTED)
                self._stop.wait(delay)
                delay = min(delay * 2, RECONNECT_MAX_S)
                continue
            delay = RECONNECT_FIRST_S
            got_any = False
            try:
                next_due = time.monotonic()
                while not self._stop.is_set():
                    ok, image = capture.read()
                    if not ok or image is None:
                        break
                    if not got_any:
                        got_any = True
                        self._set_state(CameraState.STREAMING)
                    number += 1
                    frame = Frame(
                        np.ascontiguousarray(image, dtype=np.uint8), number, time.monotonic()
                    )
                    with self._lock:
                        self._latest = frame
                        self._lock.notify_all()
                    if self._is_file:  # a file decodes faster than real time: pace it
                        next_due += period
                        self._stop.wait(max(0.0, next_due - time.monotonic()))
            finally:
                capture.release()
            if self._stop.is_set():
                break
            if not got_any or not self._is_file or not Path(str(self._settings.device)).exists():
                self.reconnects += 1
                self._set_state(CameraState.DISCONNECTED)
                self._stop.wait(delay)
        self._set_state(CameraState.STOPPED)

    def latest(self) -> Frame | None:
        """The newest frame, or None before the first."""
        with self._lock:
            return self._latest

    def wait_for_frame(self, after: int = -1, timeout: float = 1.0) -> Frame | None:
        """The first frame numbered above ``after``; None if none comes within ``timeout`` s."""
        deadline = time.monotonic() + timeout
        with self._lock:
            while self._latest is None or self._latest.number <= after:
                remaining = deadline - time.monotonic()
                if remaining <= 0:
                    return None
                self._lock.wait(remaining)
            return self._latest

    def stop(self) -> None:
        """Stop the grab thread and release the device."""
        self._stop.set()
        if self._thread is not None:
            self._thread.join(timeout=5)
            self._thread = None
        self._set_state(CameraState.STOPPED)
