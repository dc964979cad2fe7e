"""不能单独办理: why this person cannot apply for the chosen service (a minor applying alone)."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel, QPushButton, QWidget

from config.schema import Language
from kiosk.identity import Refusal
from ui.widgets.overlays import Overlay


class RefusalNotice(Overlay):
    """A refusal's plain-language reason; OK closes it, the resident stays where they were."""

    def __init__(self, parent: QWidget, language: Callable[[], Language]) -> None:
        super().__init__(parent)
        self._language = language
        self.refusal: Refusal | None = None
        self.heading = QLabel(objectName="heading", alignment=Qt.AlignmentFlag.AlignCenter)
        self.heading.setWordWrap(True)
        self.explanation = QLabel(wordWrap=True, alignment=Qt.AlignmentFlag.AlignCenter)
        self.ok_button = QPushButton()
        self.ok_button.setMinimumHeight(96)
        self.ok_button.clicked.connect(self.hide)
        for widget in (self.heading, self.explanation, self.ok_button):
            self.card_layout.addWidget(widget)
        self.retranslate()

    def show_refusal(self, refusal: Refusal) -> None:
        """Open the notice with ``refusal``'s reason in the resident's language."""
        self.refusal = refusal
        self.retranslate()
        self.open()

    def message(self) -> str:
        """The reason shown now."""
        return self.explanation.text()

    def retranslate(self) -> None:
        """Texts in the current language (the reason comes in both from kiosk.identity)."""
        self.heading.setText(self.tr("This service cannot be applied for by you alone"))
        self.ok_button.setText(self.tr("OK"))
        self.ok_button.setAccessibleName(self.tr("Close this notice"))
        refusal = self.refusal
        if refusal is not None:
            chinese = self._language() is Language.ZH
            self.explanation.setText(refusal.message_zh if chinese else refusal.message_en)
