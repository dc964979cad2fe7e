"""Notices every touch, click and key press of the resident (for the idle timer and the gesture)."""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, QPointF, Signal
from PySide6.QtGui import QSinglePointEvent

_INPUT_EVENTS = frozenset(
    {
        QEvent.Type.MouseButtonPress,
        QEvent.Type.TouchBegin,
        QEvent.Type.KeyPress,
        QEvent.Type.Wheel,
        QEvent.Type.InputMethod,
    }
)


class ActivityFilter(QObject):
    """Application-wide event filter; observes only, never consumes."""

    activity = Signal()
    pressed = Signal(QPointF)  # global position of a press, once per physical press

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._last_press: tuple[int, float, float] | None = None

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        """Report input; the same press reaches the filter once per widget it propagates through."""
        if event.type() in _INPUT_EVENTS:
            self.activity.emit()
        if event.type() == QEvent.Type.MouseButtonPress and isinstance(event, QSinglePointEvent):
            position = event.globalPosition()
            key = (event.timestamp(), position.x(), position.y())
            if key != self._last_press:
                self._last_press = key
                self.pressed.emit(position)
        return False
