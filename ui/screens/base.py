"""What every screen offers the main window: a spoken prompt, retranslation, and a full reset."""

from __future__ import annotations

from PySide6.QtCore import QEvent, Qt
from PySide6.QtWidgets import QLineEdit, QPlainTextEdit, QTextEdit, QWidget

from ui.theme import Metrics


class Screen(QWidget):
    """Base of all screens; subclasses build widgets once and only change their texts later."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("screen")
        # The screen itself takes focus when shown, so no button looks pre-selected.
        self.setFocusPolicy(Qt.FocusPolicy.ClickFocus)

    def prompt(self) -> str:
        """What voice guidance says when the screen appears (in the current language)."""
        raise NotImplementedError

    def retranslate(self) -> None:
        """Set every text again from the current translator; input the resident typed stays."""
        raise NotImplementedError

    def reset(self) -> None:
        """Forget everything the resident entered or saw on this screen."""
        for edit in self.findChildren(QLineEdit):
            edit.clear()
        for text in self.findChildren(QTextEdit):
            text.clear()
        for plain in self.findChildren(QPlainTextEdit):
            plain.clear()

    def entered(self) -> None:
        """Called each time the router shows the screen."""
        self.setFocus()

    def apply_metrics(self, metrics: Metrics) -> None:
        """Adapt sizes the style sheet cannot set (icons, columns) to normal or large text."""

    def changeEvent(self, event: QEvent) -> None:
        """Retranslate when the application's translator changes."""
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)
