"""The receipt QR read by the camera: frames in, a checked receipt number out.

The QR printed on a receipt carries its tracking URL (kiosk.tracking_url). The scanner is
kiosk.qr_camera's with ``read_tracking_url`` as the parser: a QR of another host, or of ours
whose MAC is missing or wrong, never yields a number, so it is never looked up. The MAC key is
read from the secrets when the camera starts (in the worker, like every call here).

Demo mode has no camera: a generated receipt lies under a pretend one, whose QR is the tracking
URL of the newest application on this terminal (the one the visitor just made, usually).
"""

from __future__ import annotations

import logging
import os
import tempfile
from datetime import date
from pathlib import Path

import cv2
import numpy as np
import numpy.typing as npt

from config.schema import KioskSettings, SimulatedScannerSettings
from devices.scanner.base import Camera, CameraState, Frame
from devices.scanner.camera import OpenCvCamera
from kiosk.qr_camera import QrCameraScanner, demo_camera_settings, qr_camera_settings, still_video
from kiosk.receipt_number import format_receipt_number
from kiosk.tracking import Tracker
from kiosk.tracking_url import ReceiptQrRead, read_tracking_url, tracking_url
from offline_cache.outbox import Outbox

log = logging.getLogger(__name__)


class ReceiptQrScanner(QrCameraScanner[ReceiptQrRead]):
    """The camera pointed at a receipt; each QR checked against this terminal's host and key."""

    def __init__(self, camera: Camera, settings: KioskSettings) -> None:
        super().__init__(camera, self._read)
        self._platform_url = str(settings.platform.url)
        self._tracker = Tracker(settings)
        self._mac_key: bytes | None = None

    def start(self) -> None:
        """Load the receipt MAC key (it may come with enrollment), then start the camera."""
        self._mac_key = self._tracker.mac_key()
        super().start()

    def _read(self, text: str) -> ReceiptQrRead:
        read = read_tracking_url(text, platform_url=self._platform_url, mac_key=self._mac_key)
        if read.code is None:
            log.info("scanned code refused", extra={"reason": read.reason})
        return read


def demo_receipt_frame(text: str, size: tuple[int, int] = (1280, 720)) -> npt.NDArray[np.uint8]:
    """A BGR picture of a paper receipt on a desk whose QR encodes ``text``."""
    width, height = size
    frame = np.full((height, width, 3), (92, 110, 128), np.uint8)  # a wooden desk
    paper_w, paper_h = 420, 660
    paper = np.full((paper_h, paper_w, 3), (240, 242, 244), np.uint8)
    for row, length in enumerate((300, 220, 340, 260, 320, 180)):
        y = 40 + row * 30
        cv2.line(paper, (40, y), (40 + length, y), (60, 60, 60), 5)  # the printed lines
    qr = cv2.QRCodeEncoder.create().encode(text)
    module = max(4, 300 // qr.shape[0])
    qr = cv2.resize(qr, None, fx=module, fy=module, interpolation=cv2.INTER_NEAREST)
    quiet = 4 * module
    qr = cv2.copyMakeBorder(qr, quiet, quiet, quiet, quiet, cv2.BORDER_CONSTANT, value=255)
    side = min(qr.shape[0], paper_w - 20, paper_h - 240)
    qr = cv2.resize(qr, (side, side), interpolation=cv2.INTER_NEAREST)
    left = (paper_w - side) // 2
    paper[220 : 220 + side, left : left + side] = cv2.cvtColor(qr, cv2.COLOR_GRAY2BGR)
    turn = cv2.getRotationMatrix2D((paper_w / 2, paper_h / 2), -3.0, 1.0)  # held a bit askew
    turn[0, 2] += (width - paper_w) / 2
    turn[1, 2] += (height - paper_h) / 2
    placed = cv2.warpAffine(paper, turn, (width, height))
    mask = cv2.warpAffine(np.full((paper_h, paper_w), 255, np.uint8), turn, (width, height)) > 0
    frame[mask] = placed[mask]
    return frame


def demo_receipt_text(settings: KioskSettings) -> str:
    """The tracking URL of the newest application here (a made-up number when there is none)."""
    data_dir = settings.storage.data_dir.expanduser()
    number: str | None = None
    if Outbox.exists_in(data_dir):
        outbox = Outbox(data_dir)
        try:
            records = outbox.all_records()
        finally:
            outbox.close()
        if records:
            number = max(records, key=lambda r: r.created_at).receipt_number
    if number is None:
        number = format_receipt_number(settings.terminal.id, date.today(), 1)
    return tracking_url(str(settings.platform.url), number, Tracker(settings).mac_key())


class DemoReceiptCamera:
    """Demo mode's camera: on each start, a video of the newest receipt's QR, played in a loop."""

    def __init__(self, settings: KioskSettings, directory: Path) -> None:
        self._settings = settings
        self._video = directory / f"demo-receipt-qr.{os.getpid()}.avi"
        self._camera: OpenCvCamera | None = None

    @property
    def state(self) -> CameraState:
        """The grab loop's state now."""
        return self._camera.state if self._camera is not None else CameraState.STOPPED

    def start(self) -> None:
        """Print the newest receipt (as a video) and start playing it."""
        frame = demo_receipt_frame(demo_receipt_text(self._settings))
        self._camera = OpenCvCamera(demo_camera_settings(still_video(self._video, frame)))
        self._camera.start()

    def latest(self) -> Frame | None:
        """The newest frame, or None before the first."""
        return self._camera.latest() if self._camera is not None else None

    def wait_for_frame(self, after: int = -1, timeout: float = 1.0) -> Frame | None:
        """The first frame numbered above ``after``, waiting up to ``timeout`` seconds."""
        return self._camera.wait_for_frame(after, timeout) if self._camera is not None else None

    def stop(self) -> None:
        """Stop playing and remove the video (the next start prints the newest receipt)."""
        if self._camera is not None:
            self._camera.stop()
            self._camera = None
        self._video.unlink(missing_ok=True)


def open_receipt_qr_scanner(settings: KioskSettings) -> ReceiptQrScanner | None:
    """The receipt QR scanner of this terminal (camera not started yet), or None without one.

    The document camera when there is one; in demo mode (simulated capture of the bundled
    samples) the demo receipt camera; a flatbed alone cannot read a QR.
    """
    camera = qr_camera_settings(settings)
    if camera is not None:
        return ReceiptQrScanner(OpenCvCamera(camera), settings)
    for scanner in settings.devices.scanners:
        if isinstance(scanner, SimulatedScannerSettings) and scanner.source is None:
            directory = Path(tempfile.gettempdir()) / "onewindow-demo"
            return ReceiptQrScanner(DemoReceiptCamera(settings, directory), settings)
    return None


__all__ = [
    "DemoReceiptCamera",
    "ReceiptQrScanner",
    "demo_receipt_frame",
    "demo_receipt_text",
    "open_receipt_qr_scanner",
]
