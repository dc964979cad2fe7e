"""A QR code drawn crisp: the qrcode library's module matrix painted into a QImage."""

from __future__ import annotations

import qrcode
from PySide6.QtCore import Qt
from PySide6.QtGui import QColor, QImage, QPainter, QPixmap
from PySide6.QtWidgets import QLabel, QWidget
from qrcode.constants import ERROR_CORRECT_M


def qr_image(data: str, module_px: int = 6) -> QImage:
    """``data`` as a black-on-white QR code with its 4-module quiet zone, ``module_px`` a module."""
    code = qrcode.QRCode(border=4, box_size=1, error_correction=ERROR_CORRECT_M)
    code.add_data(data)
    code.make(fit=True)
    matrix = code.get_matrix()
    size = len(matrix) * module_px
    image = QImage(size, size, QImage.Format.Format_RGB32)
    image.fill(QColor("white"))
    painter = QPainter(image)
    try:
        for y, line in enumerate(matrix):
            for x, dark in enumerate(line):
                if dark:
                    painter.fillRect(x * module_px, y * module_px, module_px, module_px, Qt.black)
    finally:
        painter.end()
    return image


class QrLabel(QLabel):
    """Shows the QR code of a URL; the URL is kept as the accessible description."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.data = ""

    def set_data(self, data: str, module_px: int = 6) -> None:
        """Draw the code of ``data`` (nothing for an empty string)."""
        self.data = data
        if not data:
            self.clear()
            return
        self.setPixmap(QPixmap.fromImage(qr_image(data, module_px)))
        self.setAccessibleDescription(data)
