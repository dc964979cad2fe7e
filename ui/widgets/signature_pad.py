"""A touch signature pad: strokes drawn with a finger, exported as a PNG for the application."""

from __future__ import annotations

from PySide6.QtCore import QBuffer, QByteArray, QIODevice, QPointF, QRectF, Qt, Signal
from PySide6.QtGui import QImage, QMouseEvent, QPainter, QPainterPath, QPaintEvent, QPen
from PySide6.QtWidgets import QSizePolicy, QWidget

_PEN_PX = 5.0


class SignaturePad(QWidget):
    """White box with a base line; touches and drags become strokes."""

    signed = Signal()  # the first stroke was drawn
    cleared = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("signaturePad")
        self.setMinimumSize(640, 260)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
        self.setAttribute(Qt.WidgetAttribute.WA_StaticContents)
        self.setAttribute(Qt.WidgetAttribute.WA_AcceptTouchEvents)
        self._strokes: list[list[QPointF]] = []

    def strokes(self) -> list[list[QPointF]]:
        """The strokes drawn so far (points in widget coordinates)."""
        return [list(s) for s in self._strokes]

    def is_empty(self) -> bool:
        """True until something was drawn (a single touch is not a signature)."""
        return not any(len(stroke) > 1 for stroke in self._strokes)

    def clear(self) -> None:
        """Wipe the pad."""
        self._strokes = []
        self.update()
        self.cleared.emit()

    def mousePressEvent(self, event: QMouseEvent) -> None:
        """A touch starts a stroke (touches arrive as synthesized mouse events)."""
        self._strokes.append([event.position()])
        self.update()

    def mouseMoveEvent(self, event: QMouseEvent) -> None:
        """Dragging extends the stroke."""
        if not self._strokes or not event.buttons():
            return
        was_empty = self.is_empty()
        self._strokes[-1].append(event.position())
        self.update()
        if was_empty and not self.is_empty():
            self.signed.emit()

    def add_stroke(self, points: list[tuple[float, float]]) -> None:
        """Add a whole stroke (tests, and replaying a signature)."""
        was_empty = self.is_empty()
        self._strokes.append([QPointF(x, y) for x, y in points])
        self.update()
        if was_empty and not self.is_empty():
            self.signed.emit()

    def _paint_strokes(self, painter: QPainter) -> None:
        pen = QPen(Qt.GlobalColor.black, _PEN_PX, Qt.PenStyle.SolidLine, Qt.PenCapStyle.RoundCap)
        pen.setJoinStyle(Qt.PenJoinStyle.RoundJoin)
        painter.setPen(pen)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        for stroke in self._strokes:
            if len(stroke) == 1:
                painter.drawPoint(stroke[0])
                continue
            path = QPainterPath(stroke[0])
            for point in stroke[1:]:
                path.lineTo(point)
            painter.drawPath(path)

    def paintEvent(self, event: QPaintEvent) -> None:
        """White paper, a base line, the strokes."""
        painter = QPainter(self)
        painter.fillRect(self.rect(), Qt.GlobalColor.white)
        painter.setPen(QPen(Qt.GlobalColor.gray, 2, Qt.PenStyle.DashLine))
        base = self.height() * 0.75
        painter.drawLine(QPointF(24, base), QPointF(self.width() - 24, base))
        painter.setPen(QPen(Qt.GlobalColor.darkGray, 3))
        painter.drawRect(QRectF(self.rect()).adjusted(1.5, 1.5, -1.5, -1.5))
        self._paint_strokes(painter)
        painter.end()

    def to_png(self) -> bytes:
        """The strokes on white, at the pad's size, as PNG bytes (nothing touches the disk)."""
        image = QImage(self.size(), QImage.Format.Format_Grayscale8)
        image.fill(Qt.GlobalColor.white)
        painter = QPainter(image)
        self._paint_strokes(painter)
        painter.end()
        data = QByteArray()
        buffer = QBuffer(data)
        buffer.open(QIODevice.OpenModeFlag.WriteOnly)
        image.save(buffer, "PNG")
        buffer.close()
        return bytes(data.data())
