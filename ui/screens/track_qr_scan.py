"""扫描回执二维码: the Track screen's camera view, reading the tracking URL on a receipt.

The camera view itself (worker, preview, status) is ui.screens.qr_scan_view's, the checking is
kiosk.tracking_qr's: only a receipt of this terminal's platform, with a MAC that matches, gives
a number. Any other QR says so on screen and scanning goes on.
"""

from __future__ import annotations

from PySide6.QtWidgets import QWidget

from kiosk.tracking_url import ReceiptQrKind
from ui.screens.qr_scan_view import QrScanView


class ReceiptQrScanView(QrScanView):
    """The camera picture, how to hold the receipt, what was seen, and a way back to typing."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.retranslate()

    def problem_text(self, problem: str | None) -> str:
        """What to say about a QR that is not a usable receipt (None: still looking)."""
        if problem == ReceiptQrKind.NOT_VERIFIED:
            return self.tr(
                "This receipt QR code could not be verified, so it is not looked up. "
                "Please type the number printed on the receipt, or ask at the service counter."
            )
        if problem == ReceiptQrKind.NOT_A_RECEIPT:
            return self.tr(
                "This QR code is not a receipt of this service hall. "
                "Please hold up the QR code printed on your receipt."
            )
        return self.tr("Looking for the QR code…")

    def retranslate(self) -> None:
        """Texts in the current language."""
        self.title.setText(self.tr("Scan the QR code on your receipt"))
        self.hint.setText(
            self.tr(
                "Hold the QR code at the bottom of your receipt under the camera, flat and still."
            )
        )
        self.back_button.setText(self.tr("Type the number instead"))
        self.back_button.setAccessibleName(self.tr("Stop scanning and type the receipt number"))
        if not self.has_picture():
            self.preview.setText(self.tr("Starting the camera…"))
        self._show_status()
