"""A camera reading QR codes: frames in, the meaning of the codes they show out.

Shared by the business licence QR (kiosk.identity_licence_qr) and the receipt QR
(kiosk.tracking_qr): each gives a parser from a QR's text to its meaning (``QrMeaning``), the
scanner grabs frames, decodes them with OpenCV's QR detector (the ArUco-based one where this
OpenCV has it: it finds small, tilted codes better) and parses every text found.

Everything here blocks (camera frames, decoding): the UI calls it from a worker thread.
"""

from __future__ import annotations

import os
import threading
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Generic, Protocol, TypeVar

import cv2
import numpy as np
import numpy.typing as npt

from config.schema import CameraScannerSettings, KioskSettings
from devices.scanner.base import Camera, Frame

# Decoding works on a frame no wider than this (small codes still have enough pixels).
_DECODE_WIDTH = 1280
# Demo videos: a still picture played at this rate (a file camera loops it).
_DEMO_FPS = 5
_DEMO_FRAMES = 10


class QrMeaning(Protocol):
    """What one decoded QR text means: a kind (a StrEnum value) and, when usable, its code."""

    @property
    def kind(self) -> str:
        """What the QR turned out to be (say why it is not usable when ``code`` is None)."""
        ...

    @property
    def code(self) -> str | None:
        """The value read (a credit code, a receipt number…), None when the QR is not usable."""
        ...


M = TypeVar("M", bound=QrMeaning)
M_co = TypeVar("M_co", bound=QrMeaning, covariant=True)


def _detector() -> cv2.GraphicalCodeDetector:
    # The ArUco-based detector finds small and tilted codes better; older OpenCV lacks it.
    if hasattr(cv2, "QRCodeDetectorAruco"):
        return cv2.QRCodeDetectorAruco()
    return cv2.QRCodeDetector()


def decode_qr_texts(
    image: npt.NDArray[np.uint8], detector: cv2.GraphicalCodeDetector | None = None
) -> list[str]:
    """Texts of every QR code readable in a BGR image (empty when none)."""
    height, width = image.shape[:2]
    scale = min(1.0, _DECODE_WIDTH / width) if width else 1.0
    small = (
        cv2.resize(
            image, (round(width * scale), round(height * scale)), interpolation=cv2.INTER_AREA
        )
        if scale < 1.0
        else image
    )
    gray = np.asarray(
        cv2.cvtColor(small, cv2.COLOR_BGR2GRAY) if small.ndim == 3 else small, dtype=np.uint8
    )
    try:
        ok, texts, _points, _ = (detector or _detector()).detectAndDecodeMulti(gray)
    except cv2.error:
        return []  # OpenCV gives up on some noisy frames: no code in this one
    return [t for t in texts if t] if ok else []


@dataclass(frozen=True)
class QrScanView(Generic[M_co]):
    """One camera frame for the preview and what its QR codes said (None: no code seen)."""

    frame: Frame
    read: M_co | None


class QrCameraSource(Protocol):
    """What the camera view's worker needs: start, frames with their reading, stop (blocking)."""

    def start(self) -> None:
        """Start the camera."""
        ...

    def stop(self) -> None:
        """Stop the camera and release it."""
        ...

    def next_view(self, after: int = -1, timeout: float = 0.5) -> QrScanView[QrMeaning] | None:
        """The next frame after ``after`` with what its QR codes said; None on timeout."""
        ...


class QrCameraScanner(Generic[M]):
    """A camera and a parser: each frame's QR codes read, the first usable one preferred."""

    def __init__(self, camera: Camera, parse: Callable[[str], M]) -> None:
        self._camera = camera
        self._parse = parse
        self._detector = _detector()
        self._lock = threading.Lock()  # one decode at a time: detectors are not thread-safe

    def start(self) -> None:
        """Start the camera (its grab thread)."""
        self._camera.start()

    def stop(self) -> None:
        """Stop the camera and release it for the next user (the capture screen)."""
        self._camera.stop()

    def next_view(self, after: int = -1, timeout: float = 0.5) -> QrScanView[M] | None:
        """The next frame after ``after`` and the reading of its QR codes; None on timeout."""
        frame = self._camera.wait_for_frame(after, timeout)
        if frame is None:
            return None
        with self._lock:
            texts = decode_qr_texts(frame.image, self._detector)
        reads = [self._parse(text) for text in texts]
        best = next((r for r in reads if r.code is not None), reads[0] if reads else None)
        return QrScanView(frame, best)


def qr_camera_settings(settings: KioskSettings) -> CameraScannerSettings | None:
    """The first camera scanner of this terminal (a flatbed cannot read a QR), else None."""
    for scanner in settings.devices.scanners:
        if isinstance(scanner, CameraScannerSettings):
            return scanner
    return None


def still_video(path: Path, frame: npt.NDArray[np.uint8]) -> Path:
    """A short video of one still picture at ``path`` (atomically replaced): a demo camera."""
    path.parent.mkdir(parents=True, exist_ok=True)
    partial = path.with_suffix(f".{os.getpid()}.part.avi")  # two kiosks may race
    height, width = frame.shape[:2]
    writer = cv2.VideoWriter(
        str(partial), cv2.VideoWriter.fourcc(*"MJPG"), _DEMO_FPS, (width, height)
    )
    for _ in range(_DEMO_FRAMES):
        writer.write(frame)
    writer.release()
    partial.replace(path)
    return path


def demo_camera_settings(video: Path) -> CameraScannerSettings:
    """A camera that plays ``video`` (demo mode's stand-in for the document camera)."""
    return CameraScannerSettings(backend="camera", device=str(video), fps=_DEMO_FPS)


__all__ = [
    "QrCameraScanner",
    "QrCameraSource",
    "QrMeaning",
    "QrScanView",
    "decode_qr_texts",
    "demo_camera_settings",
    "qr_camera_settings",
    "still_video",
]
