"""The receipt on screen, drawn from kiosk.receipt.receipt_layout: the same lines as on paper.

Text blocks are drawn line by line in a monospaced CJK font, rules as lines, and the QR code
module by module from the qrcode library's matrix (crisp at any size, so a phone can read it
from the screen).
"""

from __future__ import annotations

import qrcode
from PySide6.QtCore import QRectF, QSize, Qt
from PySide6.QtGui import QColor, QFont, QImage, QPainter, QPaintEvent
from PySide6.QtWidgets import QSizePolicy, QWidget
from qrcode.constants import ERROR_CORRECT_M

from kiosk.receipt import Block, QrBlock, Receipt, RuleBlock, TextBlock, receipt_layout

QUIET_ZONE = 4  # modules of white around the code, as the QR standard asks


def qr_image(payload: str, module_px: int) -> QImage:
    """The QR code of ``payload`` as a black-on-white QImage, ``module_px`` per module."""
    code = qrcode.QRCode(border=QUIET_ZONE, error_correction=ERROR_CORRECT_M)
    code.add_data(payload)
    code.make(fit=True)
    matrix = code.get_matrix()
    side = len(matrix) * module_px
    image = QImage(side, side, QImage.Format.Format_RGB32)
    image.fill(Qt.GlobalColor.white)
    painter = QPainter(image)
    for y, row in enumerate(matrix):
        for x, dark in enumerate(row):
            if dark:
                painter.fillRect(
                    x * module_px, y * module_px, module_px, module_px, Qt.GlobalColor.black
                )
    painter.end()
    return image


class ReceiptPreview(QWidget):
    """A paper-white receipt; ``set_scale`` makes it larger when the printer failed."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("receiptPreview")
        self.setSizePolicy(QSizePolicy.Policy.Fixed, QSizePolicy.Policy.Fixed)
        self._blocks: list[Block] = []
        self._columns = 48
        self._column_px = 12
        self._qr_module_px = 6
        self.receipt: Receipt | None = None

    def set_receipt(self, receipt: Receipt | None, columns: int = 48) -> None:
        """Show ``receipt`` laid out for ``columns`` characters per line (None: nothing)."""
        self.receipt = receipt
        self._columns = columns
        self._blocks = receipt_layout(receipt, columns) if receipt is not None else []
        self.updateGeometry()
        self.adjustSize()
        self.update()

    def set_scale(self, column_px: int, qr_module_px: int) -> None:
        """Pixels per column of text and per QR module."""
        self._column_px = column_px
        self._qr_module_px = qr_module_px
        self.updateGeometry()
        self.adjustSize()
        self.update()

    def lines(self) -> list[str]:
        """The text lines shown, in order."""
        return [b.text for b in self._blocks if isinstance(b, TextBlock)]

    def _line_px(self) -> int:
        return int(self._column_px * 2.3)

    def _margin(self) -> int:
        return self._column_px * 2

    def _height_of(self, block: Block) -> int:
        if isinstance(block, TextBlock):
            return self._line_px() * (2 if block.double else 1)
        if isinstance(block, RuleBlock):
            return self._line_px() // 2
        return qr_image(block.payload, self._qr_module_px).height()

    def sizeHint(self) -> QSize:
        """The receipt's natural size at the current scale."""
        width = self._columns * self._column_px + 2 * self._margin()
        height = sum(self._height_of(b) for b in self._blocks) + 2 * self._margin()
        return QSize(width, max(height, 100))

    def paintEvent(self, event: QPaintEvent) -> None:
        """Paper, then each block from the top."""
        painter = QPainter(self)
        painter.fillRect(self.rect(), QColor("#FFFFFF"))
        painter.setPen(QColor("#4B5563"))
        painter.drawRect(self.rect().adjusted(0, 0, -1, -1))
        margin = self._margin()
        width = self.width() - 2 * margin
        top = margin
        for block in self._blocks:
            height = self._height_of(block)
            if isinstance(block, TextBlock):
                font = QFont("Noto Sans Mono CJK SC")
                font.setPixelSize(int(self._column_px * 1.8 * (2 if block.double else 1)))
                font.setBold(block.bold)
                painter.setFont(font)
                painter.setPen(QColor("#000000"))
                align = (
                    Qt.AlignmentFlag.AlignHCenter if block.center else Qt.AlignmentFlag.AlignLeft
                )
                painter.drawText(
                    QRectF(margin, top, width, height),
                    int(align | Qt.AlignmentFlag.AlignVCenter),
                    block.text,
                )
            elif isinstance(block, RuleBlock):
                painter.setPen(QColor("#000000"))
                middle = top + height // 2
                painter.drawLine(margin, middle, margin + width, middle)
            elif isinstance(block, QrBlock):
                image = qr_image(block.payload, self._qr_module_px)
                painter.drawImage(margin + (width - image.width()) // 2, top, image)
            top += height
        painter.end()
