"""您的卡已取出: the short notice shown before a card removal ends the session."""

from __future__ import annotations

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtWidgets import QLabel, QWidget

from ui.widgets.overlays import Overlay

NOTICE_MS = 3000


class CardRemovedNotice(Overlay):
    """Says the card was taken out, then emits ``finished`` so the window can wipe the session."""

    finished = Signal()

    def __init__(self, parent: QWidget, notice_ms: int = NOTICE_MS) -> None:
        super().__init__(parent)
        self.heading = QLabel(objectName="heading", alignment=Qt.AlignmentFlag.AlignCenter)
        self.explanation = QLabel(wordWrap=True, alignment=Qt.AlignmentFlag.AlignCenter)
        self.card_layout.addWidget(self.heading)
        self.card_layout.addWidget(self.explanation)
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(notice_ms)
        self._timer.timeout.connect(self._finish)
        self.retranslate()

    def open(self) -> None:
        """Show the notice; ``finished`` follows a few seconds later (once, however often shown)."""
        super().open()
        if not self._timer.isActive():
            self._timer.start()

    def is_pending(self) -> bool:
        """True while the notice waits to end the session."""
        return self._timer.isActive()

    def cancel(self) -> None:
        """Hide without ending the session (it already ended for another reason)."""
        self._timer.stop()
        self.hide()

    def _finish(self) -> None:
        self.hide()
        self.finished.emit()

    def retranslate(self) -> None:
        """Texts in the current language."""
        self.heading.setText(self.tr("Your card was removed"))
        self.explanation.setText(
            self.tr(
                "To protect your information, this session ends now "
                "and everything you entered is cleared."
            )
        )
