"""The business licence QR code read by the camera: frames in, the unified social credit code out.

The QR printed on a business licence (营业执照) encodes either the code itself or a URL of the
national enterprise credit information system (国家企业信用信息公示系统) that carries the code
as a query parameter (``uniscid=…``, ``creditCode=…``) or in its path. Frames are decoded by
kiosk.qr_camera (OpenCV's QR detector); every code found is checked with
``validate_credit_code`` (GB 32100), so a QR that is not a licence's, or a code with a wrong
check character, gives a clear answer, not a wrong code.

Everything here blocks (camera frames, decoding): the UI calls it from a worker thread.
"""

from __future__ import annotations

import logging
import re
import tempfile
import time
import urllib.parse
from dataclasses import dataclass
from enum import StrEnum
from pathlib import Path

import cv2
import numpy as np
import numpy.typing as npt

from config.schema import CameraScannerSettings, KioskSettings, SimulatedScannerSettings
from devices.scanner.base import Camera
from devices.scanner.camera import OpenCvCamera
from kiosk.identity import IdReason, validate_credit_code, validate_resident_id
from kiosk.qr_camera import (
    QrCameraScanner,
    QrScanView,
    decode_qr_texts,
    demo_camera_settings,
    still_video,
)

DEMO_CREDIT_CODE = "91510700MA62DE4L13"
"""The demo enterprise's code (kiosk.journey.DEMO_ENTERPRISE), printed on the demo licence."""

log = logging.getLogger(__name__)

# 18 characters of the GB 32100 alphabet standing alone (not inside a longer run).
_CODE_PATTERN = re.compile(r"(?<![0-9A-Z])[0-9A-HJ-NPQRTUWXY]{18}(?![0-9A-Z])")
# Query parameters the credit system's URLs use for the code (lower-cased for the lookup).
_CODE_PARAMETERS = ("uniscid", "creditcode", "credit_code", "uscc", "tyshxydm", "code")
# Frames decoded per second at most: decoding a 1080p frame takes tens of milliseconds.
_DECODE_EVERY_S = 0.1


class LicenceQrKind(StrEnum):
    """What one QR code turned out to be."""

    CREDIT_CODE = "credit_code"  # a valid unified social credit code
    WRONG_CHECK_CHARACTER = "wrong_check_character"  # looks like a code, check fails
    NOT_A_LICENCE = "not_a_licence"  # some other QR code (a web address, a payment code…)


@dataclass(frozen=True)
class LicenceQrRead:
    """The meaning of one decoded QR text; ``code`` only for CREDIT_CODE."""

    kind: LicenceQrKind
    code: str | None = None

    @property
    def valid(self) -> bool:
        """True when a valid credit code was found."""
        return self.kind is LicenceQrKind.CREDIT_CODE


def _candidates(text: str) -> list[str]:
    """Possible codes in a QR text, the most specific first (a named URL parameter first)."""
    value = text.strip()
    found: list[str] = []
    parsed = urllib.parse.urlsplit(value)
    if parsed.scheme in ("http", "https") and parsed.netloc:
        query = urllib.parse.parse_qs(parsed.query) | urllib.parse.parse_qs(parsed.fragment)
        lowered = {key.lower(): values for key, values in query.items()}
        for name in _CODE_PARAMETERS:
            found.extend(v.strip().upper() for v in lowered.get(name, ()))
        for values in query.values():
            found.extend(m.group(0) for v in values for m in _CODE_PATTERN.finditer(v.upper()))
        path = urllib.parse.unquote(parsed.path).upper()
        found.extend(m.group(0) for m in _CODE_PATTERN.finditer(path))
    else:
        found.append("".join(value.split()).upper())
        found.extend(m.group(0) for m in _CODE_PATTERN.finditer(value.upper()))
    return list(dict.fromkeys(c for c in found if c))


LicenceScanView = QrScanView[LicenceQrRead]
"""One camera frame and what its licence QR said (the name the identity service uses)."""


def credit_code_from_qr_text(text: str) -> LicenceQrRead:
    """The credit code in a licence QR's text (the code itself, or a credit-system URL)."""
    wrong_check = False
    for candidate in _candidates(text):
        check = validate_credit_code(candidate)
        if check.valid:
            return LicenceQrRead(LicenceQrKind.CREDIT_CODE, check.code)
        # A resident ID number is 18 characters of the same alphabet: not a wrong code.
        resident_id = validate_resident_id(candidate).valid
        wrong_check = wrong_check or (check.reason == IdReason.CHECKSUM and not resident_id)
    if wrong_check:
        return LicenceQrRead(LicenceQrKind.WRONG_CHECK_CHARACTER)
    return LicenceQrRead(LicenceQrKind.NOT_A_LICENCE)


class LicenceQrScanner(QrCameraScanner[LicenceQrRead]):
    """The camera pointed at a business licence; implements kiosk.identity_service.QrCodeSource."""

    def __init__(self, camera: Camera) -> None:
        super().__init__(camera, credit_code_from_qr_text)

    def read_credit_code(self, timeout_s: float) -> str | None:
        """Start the camera, wait for a licence QR with a valid code, stop; None on timeout."""
        self.start()
        try:
            deadline = time.monotonic() + timeout_s
            after = -1
            while time.monotonic() < deadline:
                view = self.next_view(after, min(0.5, max(0.01, deadline - time.monotonic())))
                if view is None:
                    continue
                after = view.frame.number
                if view.read is not None and view.read.code is not None:
                    return view.read.code
                time.sleep(_DECODE_EVERY_S)
            return None
        finally:
            self.stop()


def demo_licence_frame(text: str, size: tuple[int, int] = (1280, 720)) -> npt.NDArray[np.uint8]:
    """A BGR picture of a business licence on a desk whose corner QR encodes ``text``."""
    width, height = size
    frame = np.full((height, width, 3), (92, 110, 128), np.uint8)  # a wooden desk
    sheet = np.full((620, 880, 3), (236, 240, 244), np.uint8)
    cv2.rectangle(sheet, (20, 20), (860, 600), (40, 40, 170), 6)  # the red-brown border
    for row, length in enumerate((380, 440, 500, 560, 340, 390, 520, 470)):
        y = 150 + row * 50
        cv2.line(sheet, (60, y), (60 + length, y), (70, 70, 70), 6)
    qr = cv2.QRCodeEncoder.create().encode(text)
    module = 7
    qr = cv2.resize(qr, None, fx=module, fy=module, interpolation=cv2.INTER_NEAREST)
    quiet = 4 * module
    qr = cv2.copyMakeBorder(qr, quiet, quiet, quiet, quiet, cv2.BORDER_CONSTANT, value=255)
    side = qr.shape[0]
    sheet[580 - side : 580, 840 - side : 840] = cv2.cvtColor(qr, cv2.COLOR_GRAY2BGR)
    turn = cv2.getRotationMatrix2D((440, 310), 4.0, 1.0)  # lying slightly turned
    turn[0, 2] += (width - 880) / 2
    turn[1, 2] += (height - 620) / 2
    placed = cv2.warpAffine(sheet, turn, (width, height))
    mask = cv2.warpAffine(np.full((620, 880), 255, np.uint8), turn, (width, height)) > 0
    frame[mask] = placed[mask]
    return frame


def demo_licence_video(directory: Path) -> Path:
    """Demo mode's licence camera: a video (made once) of the demo enterprise's licence."""
    path = directory / "demo-licence-qr.avi"
    if path.exists() and path.stat().st_size > 0:
        return path
    frame = demo_licence_frame(f"http://www.gsxt.gov.cn/index.html?uniscid={DEMO_CREDIT_CODE}")
    return still_video(path, frame)


def licence_camera_settings(settings: KioskSettings) -> CameraScannerSettings | None:
    """The camera that can see a licence: the first camera scanner, the demo licence video in
    demo mode (simulated capture of the bundled samples), else None (a flatbed cannot)."""
    for scanner in settings.devices.scanners:
        if isinstance(scanner, CameraScannerSettings):
            return scanner
        if isinstance(scanner, SimulatedScannerSettings) and scanner.source is None:
            # Demo mode: a generated licence of the demo enterprise lies under the camera.
            video = demo_licence_video(Path(tempfile.gettempdir()) / "onewindow-demo")
            return demo_camera_settings(video)
    return None


def open_licence_qr_scanner(settings: KioskSettings) -> LicenceQrScanner | None:
    """The licence QR scanner of this terminal (camera not started yet), or None without one."""
    camera = licence_camera_settings(settings)
    return LicenceQrScanner(OpenCvCamera(camera)) if camera is not None else None


__all__ = [
    "DEMO_CREDIT_CODE",
    "LicenceQrKind",
    "LicenceQrRead",
    "LicenceQrScanner",
    "LicenceScanView",
    "credit_code_from_qr_text",
    "decode_qr_texts",
    "demo_licence_frame",
    "demo_licence_video",
    "licence_camera_settings",
    "open_licence_qr_scanner",
]
