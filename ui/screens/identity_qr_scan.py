"""扫描营业执照二维码: the camera view of the enterprise path, reading the licence's credit code.

The camera view itself (worker, preview, status) is ui.screens.qr_scan_view's; this is its
licence texts. A valid code ends the scan; a QR that is not a licence's says so and scanning
goes on; nothing within the time limit sends the resident back to the keypad.
"""

from __future__ import annotations

from PySide6.QtWidgets import QWidget

from kiosk.identity_licence_qr import LicenceQrKind
from ui.screens.qr_scan_view import SCAN_TIMEOUT_S, STOP_WAIT_MS, QrScanView, QrScanWorker

LicenceQrWorker = QrScanWorker  # the name the enterprise path knew it by

__all__ = ["SCAN_TIMEOUT_S", "STOP_WAIT_MS", "LicenceQrScanView", "LicenceQrWorker"]


class LicenceQrScanView(QrScanView):
    """The camera picture, what to do, what was seen, and a way back to the keypad."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.retranslate()

    # --- texts --------------------------------------------------------------------------------

    def problem_text(self, problem: str | None) -> str:
        """What to say about a QR that holds no valid credit code (None: still looking)."""
        if problem == LicenceQrKind.WRONG_CHECK_CHARACTER:
            return self.tr(
                "This QR code has a credit code whose check character is wrong. "
                "Please hold up the QR code of the business licence, or type the code."
            )
        if problem == LicenceQrKind.NOT_A_LICENCE:
            return self.tr(
                "This QR code does not contain a unified social credit code. "
                "Please hold up the QR code printed on the business licence."
            )
        return self.tr("Looking for the QR code…")

    def retranslate(self) -> None:
        """Texts in the current language."""
        self.title.setText(self.tr("Scan the business licence QR code"))
        self.hint.setText(
            self.tr(
                "Hold the QR code in the corner of the business licence (营业执照) "
                "under the camera, flat and still."
            )
        )
        self.back_button.setText(self.tr("Type the code instead"))
        self.back_button.setAccessibleName(self.tr("Stop scanning and type the credit code"))
        if not self.has_picture():
            self.preview.setText(self.tr("Starting the camera…"))
        self._show_status()
