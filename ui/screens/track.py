"""Track an application by receipt number or 办件编号 (the lookup arrives with sync)."""

from __future__ import annotations

import logging
from enum import Enum, auto

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QHBoxLayout, QLabel, QLineEdit, QPushButton, QVBoxLayout, QWidget

from ui.screens.base import Screen

log = logging.getLogger(__name__)


class _Answer(Enum):
    """What the message area says; kept as a state so it can be retranslated."""

    NONE = auto()
    EMPTY = auto()
    NOT_AVAILABLE = auto()


class TrackScreen(Screen):
    """A labelled field for the number and a Query button."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._heading = QLabel(objectName="heading")
        self._label = QLabel()
        self.number_edit = QLineEdit()
        self.number_edit.setMaxLength(40)
        self.number_edit.setInputMethodHints(Qt.InputMethodHint.ImhPreferUppercase)
        self._label.setBuddy(self.number_edit)
        self.query_button = QPushButton()
        self.query_button.clicked.connect(self.query)
        self.number_edit.returnPressed.connect(self.query)
        self.message = QLabel(objectName="message", wordWrap=True)
        self._hint = QLabel(objectName="hint", wordWrap=True)
        self._answer = _Answer.NONE

        row = QHBoxLayout()
        row.setSpacing(24)
        row.addWidget(self.number_edit, 1)
        row.addWidget(self.query_button)

        column = QVBoxLayout()
        column.setSpacing(20)
        column.addWidget(self._heading)
        column.addWidget(self._label)
        column.addLayout(row)
        column.addWidget(self._hint)
        column.addWidget(self.message)
        column.addStretch(1)

        outer = QHBoxLayout(self)
        outer.setContentsMargins(48, 48, 48, 32)
        outer.addStretch(1)
        outer.addLayout(column, 6)
        outer.addStretch(1)
        self.retranslate()

    def prompt(self) -> str:
        """Spoken when the screen appears."""
        return self.tr("Enter the receipt number or the application number, then touch Query.")

    def retranslate(self) -> None:
        """Texts in the current language."""
        self._heading.setText(self.tr("Track an application"))
        self._label.setText(self.tr("Receipt number or application number"))
        self.number_edit.setPlaceholderText(self.tr("Printed at the top of your receipt"))
        self.number_edit.setAccessibleName(self.tr("Receipt number or application number"))
        self.query_button.setText(self.tr("Query"))
        self.query_button.setAccessibleName(self.tr("Query the progress"))
        self._hint.setText(
            self.tr("You find both numbers on the receipt you received when you applied.")
        )
        self._show_answer()

    def entered(self) -> None:
        """Put the cursor in the field, so the virtual keyboard comes up at once."""
        self.number_edit.setFocus()

    def reset(self) -> None:
        """Clear the number and the answer."""
        super().reset()
        self._answer = _Answer.NONE
        self._show_answer()

    def query(self) -> None:
        """Answer honestly: this terminal cannot look applications up yet."""
        if not self.number_edit.text().strip():
            self._answer = _Answer.EMPTY
        else:
            # The number itself is personal data: it is never logged.
            log.info("track query: lookup not yet available on this terminal")
            self._answer = _Answer.NOT_AVAILABLE
        self._show_answer()

    def answer_text(self) -> str:
        """The message shown under the field (empty when there is none)."""
        return self.message.text()

    def _show_answer(self) -> None:
        texts = {
            _Answer.NONE: "",
            _Answer.EMPTY: self.tr("Please enter the number first."),
            _Answer.NOT_AVAILABLE: self.tr(
                "Tracking is not yet available on this terminal. Please ask at the service "
                "counter, where staff can look up your application."
            ),
        }
        self.message.setText(texts[self._answer])
        self.message.setVisible(self._answer is not _Answer.NONE)
