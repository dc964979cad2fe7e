"""An honest placeholder for a service the terminal does not offer yet (即将开通)."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel, QVBoxLayout, QWidget

from ui.router import ScreenName
from ui.screens.base import Screen
from ui.screens.tiles import tile_title


class ComingSoonScreen(Screen):
    """Says plainly that ``service`` is coming to this terminal soon."""

    def __init__(self, service: ScreenName, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.service = service
        self._heading = QLabel(objectName="heading", alignment=Qt.AlignmentFlag.AlignCenter)
        self._message = QLabel(objectName="message", wordWrap=True)
        self._message.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self._hint = QLabel(
            objectName="hint", wordWrap=True, alignment=Qt.AlignmentFlag.AlignCenter
        )
        layout = QVBoxLayout(self)
        layout.setContentsMargins(160, 80, 160, 32)
        layout.setSpacing(32)
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
        self._heading.setText(tile_title(self.service))
        self._message.setText(
            self.tr("Coming to this terminal soon. Until then, please ask at the service counter.")
        )
        self._hint.setText(self.tr("Touch Home to choose another service."))
