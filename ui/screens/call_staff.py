"""Call staff (呼叫工作人员): tells the resident help is on its way, and logs the call."""

from __future__ import annotations

import logging

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel, QVBoxLayout, QWidget

from ui.icons import IconKind, pixmap
from ui.screens.base import Screen
from ui.theme import PALETTE

log = logging.getLogger(__name__)


class CallStaffScreen(Screen):
    """Shown when the resident asks for help; each showing is one logged call."""

    def __init__(self, terminal_id: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._terminal_id = terminal_id
        icon = QLabel(alignment=Qt.AlignmentFlag.AlignCenter)
        icon.setPixmap(pixmap(IconKind.STAFF, 160, PALETTE.primary))
        self._heading = QLabel(objectName="heading", alignment=Qt.AlignmentFlag.AlignCenter)
        self._message = QLabel(objectName="message", wordWrap=True)
        self._message.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self._hint = QLabel(
            objectName="hint", wordWrap=True, alignment=Qt.AlignmentFlag.AlignCenter
        )
        layout = QVBoxLayout(self)
        layout.setContentsMargins(160, 64, 160, 32)
        layout.setSpacing(32)
        layout.addWidget(icon)
        layout.addWidget(self._heading)
        layout.addWidget(self._message)
        layout.addWidget(self._hint)
        layout.addStretch(1)
        self.retranslate()

    def prompt(self) -> str:
        """Spoken when the screen appears."""
        return self._message.text()

    def retranslate(self) -> None:
        """Texts in the current language."""
        self._heading.setText(self.tr("Call staff"))
        self._message.setText(self.tr("A staff member has been called. Please wait here."))
        self._hint.setText(self.tr("Touch Back to continue what you were doing while you wait."))

    def entered(self) -> None:
        """Record the call (the hall's paging system is wired by a later issue)."""
        log.info("staff called", extra={"terminal": self._terminal_id})
