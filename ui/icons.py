"""Tile icons drawn with QPainter, so the kiosk ships no image files it did not make."""

from __future__ import annotations

import math
from collections.abc import Callable
from enum import StrEnum

from PySide6.QtCore import QPointF, QRectF, Qt
from PySide6.QtGui import QColor, QIcon, QPainter, QPainterPath, QPen, QPixmap, QPolygonF


class IconKind(StrEnum):
    """The pictures the kiosk can draw."""

    APPLY = "apply"  # a form with a pen
    TRACK = "track"  # a magnifier over a document
    GUIDE = "guide"  # an open book
    RATE = "rate"  # a star
    STAFF = "staff"  # a person with a bell


def _apply(p: QPainter, s: float) -> None:
    p.drawRoundedRect(QRectF(0.18 * s, 0.1 * s, 0.5 * s, 0.78 * s), 0.05 * s, 0.05 * s)
    for i in range(4):
        y = (0.26 + i * 0.13) * s
        p.drawLine(QPointF(0.28 * s, y), QPointF(0.58 * s, y))
    pen_body = QPolygonF(
        [QPointF(0.78 * s, 0.32 * s), QPointF(0.88 * s, 0.42 * s), QPointF(0.56 * s, 0.86 * s)]
    )
    p.drawPolygon(pen_body)


def _track(p: QPainter, s: float) -> None:
    p.drawRoundedRect(QRectF(0.12 * s, 0.08 * s, 0.5 * s, 0.66 * s), 0.05 * s, 0.05 * s)
    p.drawLine(QPointF(0.22 * s, 0.24 * s), QPointF(0.5 * s, 0.24 * s))
    p.drawLine(QPointF(0.22 * s, 0.36 * s), QPointF(0.42 * s, 0.36 * s))
    p.drawEllipse(QPointF(0.58 * s, 0.58 * s), 0.18 * s, 0.18 * s)
    p.drawLine(QPointF(0.71 * s, 0.71 * s), QPointF(0.9 * s, 0.9 * s))


def _guide(p: QPainter, s: float) -> None:
    path = QPainterPath(QPointF(0.5 * s, 0.26 * s))
    path.quadTo(QPointF(0.3 * s, 0.14 * s), QPointF(0.08 * s, 0.2 * s))
    path.lineTo(QPointF(0.08 * s, 0.8 * s))
    path.quadTo(QPointF(0.3 * s, 0.74 * s), QPointF(0.5 * s, 0.86 * s))
    path.quadTo(QPointF(0.7 * s, 0.74 * s), QPointF(0.92 * s, 0.8 * s))
    path.lineTo(QPointF(0.92 * s, 0.2 * s))
    path.quadTo(QPointF(0.7 * s, 0.14 * s), QPointF(0.5 * s, 0.26 * s))
    p.drawPath(path)
    p.drawLine(QPointF(0.5 * s, 0.26 * s), QPointF(0.5 * s, 0.86 * s))


def _rate(p: QPainter, s: float) -> None:
    points = []
    for i in range(10):
        radius = 0.44 * s if i % 2 == 0 else 0.19 * s
        angle = -math.pi / 2 + i * math.pi / 5
        points.append(
            QPointF(0.5 * s + radius * math.cos(angle), 0.53 * s + radius * math.sin(angle))
        )
    p.drawPolygon(QPolygonF(points))


def _staff(p: QPainter, s: float) -> None:
    p.drawEllipse(QPointF(0.4 * s, 0.3 * s), 0.15 * s, 0.15 * s)
    body = QPainterPath(QPointF(0.12 * s, 0.88 * s))
    body.quadTo(QPointF(0.14 * s, 0.5 * s), QPointF(0.4 * s, 0.5 * s))
    body.quadTo(QPointF(0.66 * s, 0.5 * s), QPointF(0.68 * s, 0.88 * s))
    body.closeSubpath()
    p.drawPath(body)
    p.drawArc(QRectF(0.7 * s, 0.12 * s, 0.22 * s, 0.22 * s), 0, 180 * 16)
    p.drawLine(QPointF(0.7 * s, 0.23 * s), QPointF(0.92 * s, 0.23 * s))


_PAINTERS: dict[IconKind, Callable[[QPainter, float], None]] = {
    IconKind.APPLY: _apply,
    IconKind.TRACK: _track,
    IconKind.GUIDE: _guide,
    IconKind.RATE: _rate,
    IconKind.STAFF: _staff,
}


def pixmap(kind: IconKind, size: int, colour: str) -> QPixmap:
    """Draw ``kind`` as a square transparent pixmap of ``size`` pixels in ``colour``."""
    image = QPixmap(size, size)
    image.fill(Qt.GlobalColor.transparent)
    painter = QPainter(image)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    pen = QPen(QColor(colour), max(2.0, size * 0.055))
    pen.setCapStyle(Qt.PenCapStyle.RoundCap)
    pen.setJoinStyle(Qt.PenJoinStyle.RoundJoin)
    painter.setPen(pen)
    painter.setBrush(Qt.BrushStyle.NoBrush)
    _PAINTERS[kind](painter, float(size))
    painter.end()
    return image


def icon(kind: IconKind, size: int, colour: str) -> QIcon:
    """``pixmap()`` wrapped as an icon for buttons."""
    return QIcon(pixmap(kind, size, colour))
