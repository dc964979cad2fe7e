"""The credit-code keypad: the 31 characters of GB 32100 as big keys, with a live check."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QEvent, Qt, Signal
from PySide6.QtWidgets import QGridLayout, QLabel, QLineEdit, QPushButton, QVBoxLayout, QWidget

from kiosk.identity_service import (
    CREDIT_CODE_ALPHABET,
    CREDIT_CODE_LENGTH,
    CreditCodeState,
    CreditCodeStatus,
)
from ui.theme import NORMAL, Metrics

CreditCodeCheck = Callable[[str], CreditCodeStatus]
COLUMNS = 11  # 31 characters + delete + clear = 3 full rows


class CreditCodeKeypad(QWidget):
    """Big keys for the code, a display, and a line saying where the typed code stands."""

    statusChanged = Signal(object)  # kiosk.identity_service.CreditCodeStatus

    def __init__(self, check: CreditCodeCheck, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._check = check
        self._status = check("")
        self.display = QLineEdit(objectName="creditCodeDisplay", readOnly=True)
        self.display.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.display.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.status_label = QLabel(objectName="subtitle", alignment=Qt.AlignmentFlag.AlignCenter)
        self.keys: dict[str, QPushButton] = {}
        grid = QGridLayout()
        grid.setSpacing(12)
        for index, character in enumerate(CREDIT_CODE_ALPHABET):
            key = QPushButton(character)
            key.setFocusPolicy(Qt.FocusPolicy.NoFocus)
            key.clicked.connect(lambda _=False, c=character: self.type_character(c))
            self.keys[character] = key
            grid.addWidget(key, index // COLUMNS, index % COLUMNS)
        self.delete_key = QPushButton(objectName="secondary")
        self.delete_key.clicked.connect(self.delete_last)
        self.clear_key = QPushButton(objectName="secondary")
        self.clear_key.clicked.connect(self.clear)
        for offset, key in enumerate((self.delete_key, self.clear_key)):
            key.setFocusPolicy(Qt.FocusPolicy.NoFocus)
            position = len(CREDIT_CODE_ALPHABET) + offset
            grid.addWidget(key, position // COLUMNS, position % COLUMNS)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(16)
        layout.addWidget(self.display)
        layout.addWidget(self.status_label)
        layout.addLayout(grid)
        self.apply_metrics(NORMAL)
        self.retranslate()

    def code(self) -> str:
        """The code typed so far."""
        return self.display.text()

    def status(self) -> CreditCodeStatus:
        """The live check of the code typed so far."""
        return self._status

    def type_character(self, character: str) -> None:
        """Append one character (ignored once the code has its 18 characters)."""
        if len(self.code()) < CREDIT_CODE_LENGTH:
            self._set_code(self.code() + character)

    def type_code(self, code: str) -> None:
        """Replace the code with ``code`` (from the licence QR, say)."""
        self._set_code("".join(code.split()).upper()[:CREDIT_CODE_LENGTH])

    def delete_last(self) -> None:
        """Remove the last character."""
        self._set_code(self.code()[:-1])

    def clear(self) -> None:
        """Start again with an empty code."""
        self._set_code("")

    def _set_code(self, code: str) -> None:
        self.display.setText(code)
        self._status = self._check(code)
        self._show_status()
        self.statusChanged.emit(self._status)

    def _show_status(self) -> None:
        state = self._status.state
        if state is CreditCodeState.VALID:
            text = self.tr("✓ The code is valid")
        elif state is CreditCodeState.WRONG_CHECK_CHARACTER:
            text = self.tr(
                "The last character (the check character) does not match. Please check the code."
            )
        elif state is CreditCodeState.INVALID:
            text = self.tr("This is not a valid unified social credit code. Please check it.")
        else:
            text = self.tr("%1 of 18 characters").replace("%1", str(self._status.length))
        self.status_label.setText(text)
        self.display.setAccessibleDescription(text)

    def apply_metrics(self, metrics: Metrics) -> None:
        """Keys and display a size above the body text, larger still in large-text mode."""
        key_px = metrics.touch_px + 16
        self.setStyleSheet(
            f"QPushButton {{ font-size: {metrics.heading_px}px; min-height: {key_px}px; }}"
            f"QLineEdit#creditCodeDisplay {{ font-size: {metrics.title_px}px;"
            f" min-height: {key_px + 16}px; letter-spacing: 4px; }}"
        )

    def retranslate(self) -> None:
        """Texts in the current language."""
        for character, key in self.keys.items():
            key.setAccessibleName(self.tr("Character %1").replace("%1", character))
        self.delete_key.setText(self.tr("Delete"))
        self.delete_key.setAccessibleName(self.tr("Delete the last character"))
        self.clear_key.setText(self.tr("Clear"))
        self.clear_key.setAccessibleName(self.tr("Clear the code"))
        self.display.setAccessibleName(self.tr("Unified social credit code"))
        self._show_status()

    def changeEvent(self, event: QEvent) -> None:
        """Retranslate when the application's translator changes."""
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)
