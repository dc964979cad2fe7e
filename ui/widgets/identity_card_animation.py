"""A painted card sliding into the reader: shows the resident where the card goes."""

from __future__ import annotations

from PySide6.QtCore import (
    Property,
    QEasingCurve,
    QPropertyAnimation,
    QRectF,
    Qt,
)
from PySide6.QtGui import QColor, QPainter, QPainterPath, QPaintEvent, QPen
from PySide6.QtWidgets import QSizePolicy, QWidget

from ui.theme import PALETTE

CYCLE_MS = 2400
_CARD_COLOUR = "#DCE8F7"
_CHIP_COLOUR = "#C9A227"
_READER_COLOUR = "#1F2937"


class CardInsertAnimation(QWidget):
    """The reader with its slot and pad; a card moves from above into place, over and over."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._progress = 0.0
        self.setMinimumSize(420, 420)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)
        self.setAttribute(Qt.WidgetAttribute.WA_TransparentForMouseEvents)
        self._animation = QPropertyAnimation(self, b"progress", self)
        self._animation.setStartValue(0.0)
        self._animation.setEndValue(1.0)
        self._animation.setDuration(CYCLE_MS)
        self._animation.setEasingCurve(QEasingCurve.Type.InOutCubic)
        self._animation.setLoopCount(-1)

    def _get_progress(self) -> float:
        return self._progress

    def _set_progress(self, value: float) -> None:
        self._progress = max(0.0, min(1.0, value))
        self.update()

    progress = Property(float, _get_progress, _set_progress)

    def play(self) -> None:
        """Loop the card going into the reader."""
        if not self.is_playing():
            self._animation.start()

    def hold_in_place(self) -> None:
        """Stop with the card in the reader (reading, or read)."""
        self._animation.stop()
        self._set_progress(1.0)

    def show_frame(self, progress: float) -> None:
        """Stop at ``progress`` (0 card above the reader, 1 card in place): for screenshots."""
        self._animation.stop()
        self._set_progress(progress)

    def is_playing(self) -> bool:
        """True while the animation runs."""
        return self._animation.state() is QPropertyAnimation.State.Running

    def paintEvent(self, event: QPaintEvent) -> None:
        """Draw the reader and the card at the current progress."""
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        side = min(self.width(), self.height())
        left = (self.width() - side) / 2
        top = (self.height() - side) / 2
        # The reader: a dark box in the lower part with a light pad on top.
        reader = QRectF(left + side * 0.1, top + side * 0.58, side * 0.8, side * 0.34)
        painter.setPen(Qt.PenStyle.NoPen)
        painter.setBrush(QColor(_READER_COLOUR))
        painter.drawRoundedRect(reader, side * 0.04, side * 0.04)
        pad = reader.adjusted(side * 0.08, side * 0.05, -side * 0.08, -side * 0.14)
        painter.setBrush(QColor(PALETTE.primary))
        painter.drawRoundedRect(pad, side * 0.02, side * 0.02)
        # The card: from above the reader down onto the pad, with a little fade-in.
        card_w, card_h = side * 0.56, side * 0.35
        start_y, end_y = top + side * 0.02, pad.top() + (pad.height() - card_h) / 2
        y = start_y + (end_y - start_y) * self._progress
        card = QRectF(left + (side - card_w) / 2, y, card_w, card_h)
        painter.setOpacity(0.55 + 0.45 * min(1.0, self._progress * 2))
        path = QPainterPath()
        path.addRoundedRect(card, side * 0.025, side * 0.025)
        painter.setPen(QPen(QColor(PALETTE.border), max(2.0, side * 0.006)))
        painter.setBrush(QColor(_CARD_COLOUR))
        painter.drawPath(path)
        chip = QRectF(
            card.left() + card_w * 0.1, card.top() + card_h * 0.3, card_w * 0.16, card_h * 0.3
        )
        painter.setPen(Qt.PenStyle.NoPen)
        painter.setBrush(QColor(_CHIP_COLOUR))
        painter.drawRoundedRect(chip, side * 0.008, side * 0.008)
        painter.setBrush(QColor(PALETTE.text_muted))
        for row in range(3):
            line = QRectF(
                card.left() + card_w * 0.34,
                card.top() + card_h * (0.28 + row * 0.16),
                card_w * (0.5 - row * 0.08),
                card_h * 0.07,
            )
            painter.drawRoundedRect(line, 2, 2)
        painter.setOpacity(1.0)
        # A downward arrow above the pad while the card is still on its way.
        if self._progress < 0.85:
            painter.setPen(QPen(QColor(PALETTE.focus), max(4.0, side * 0.015)))
            x = left + side * 0.9
            painter.drawLine(x, top + side * 0.2, x, top + side * 0.5)
            painter.drawLine(x - side * 0.04, top + side * 0.44, x, top + side * 0.5)
            painter.drawLine(x + side * 0.04, top + side * 0.44, x, top + side * 0.5)
        painter.end()
