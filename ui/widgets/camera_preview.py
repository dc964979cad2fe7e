"""The live camera picture with the detected page outlined and a ring filling up as it holds.

Only painting happens here: frames arrive as ready QImages from the preview worker.
"""

from __future__ import annotations

from PySide6.QtCore import QPointF, QRectF, Qt
from PySide6.QtGui import QColor, QImage, QPainter, QPaintEvent, QPen, QPolygonF
from PySide6.QtWidgets import QSizePolicy, QWidget

OUTLINE_SEARCHING = QColor(255, 196, 0)  # amber: page found, not yet still
OUTLINE_READY = QColor(0, 200, 83)  # green: still long enough, being captured
OUTLINE_WIDTH = 6


class CameraPreview(QWidget):
    """Paints the newest preview frame, fitted to the widget, and the page's outline on it."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("cameraPreview")
        self.setAccessibleName("Camera picture")
        self.setMinimumSize(640, 360)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)
        self._image: QImage | None = None
        self._corners: list[QPointF] | None = None
        self._hold = 0.0
        self._new_frame = False
        self.frames_painted = 0  # distinct frames that reached the screen
        self.outline_painted = False  # whether the last paint drew a page outline

    def show_frame(
        self, image: QImage, corners: list[tuple[float, float]] | None, hold: float
    ) -> None:
        """Show ``image`` with the page's ``corners`` (image pixels) and hold 0..1."""
        self._image = image
        self._corners = [QPointF(x, y) for x, y in corners] if corners else None
        self._hold = hold
        self._new_frame = True
        self.update()

    def clear(self) -> None:
        """No picture (camera stopped)."""
        self._image = None
        self._corners = None
        self.update()

    def image_rect(self) -> QRectF:
        """Where the picture is drawn inside the widget (aspect kept, centred)."""
        if self._image is None or self._image.isNull():
            return QRectF(self.rect())
        scale = min(self.width() / self._image.width(), self.height() / self._image.height())
        width, height = self._image.width() * scale, self._image.height() * scale
        return QRectF((self.width() - width) / 2, (self.height() - height) / 2, width, height)

    def paintEvent(self, event: QPaintEvent) -> None:
        """The frame, then the outline in amber (holding) or green (about to capture)."""
        painter = QPainter(self)
        painter.fillRect(self.rect(), QColor(20, 20, 20))
        self.outline_painted = False
        if self._image is None:
            painter.end()
            return
        target = self.image_rect()
        painter.setRenderHint(QPainter.RenderHint.SmoothPixmapTransform, False)
        painter.drawImage(target, self._image)
        if self._new_frame:
            self.frames_painted += 1
            self._new_frame = False
        if self._corners:
            scale = target.width() / self._image.width()
            polygon = QPolygonF(
                [
                    QPointF(target.x() + p.x() * scale, target.y() + p.y() * scale)
                    for p in self._corners
                ]
            )
            colour = OUTLINE_READY if self._hold >= 1.0 else OUTLINE_SEARCHING
            painter.setRenderHint(QPainter.RenderHint.Antialiasing)
            painter.setPen(QPen(colour, OUTLINE_WIDTH, Qt.PenStyle.SolidLine))
            painter.drawPolygon(polygon)
            if 0.0 < self._hold < 1.0:
                # The hold ring: fills as the page stays still, so the resident keeps still.
                centre = polygon.boundingRect().center()
                ring = QRectF(centre.x() - 40, centre.y() - 40, 80, 80)
                painter.setPen(QPen(OUTLINE_READY, 10))
                painter.drawArc(ring, 90 * 16, -round(self._hold * 360 * 16))
            self.outline_painted = True
        painter.end()
