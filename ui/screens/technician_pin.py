"""The technician's PIN pad: digits shown as dots, wrong-PIN and lockout messages."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from ui.screens.base import Screen

MAX_DIGITS = 12


class TechnicianPinScreen(Screen):
    """Asks for the technician PIN; emits it on OK, or cancelled to return to the start."""

    submitted = Signal(str)
    cancelled = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.heading = QLabel(objectName="heading", alignment=Qt.AlignmentFlag.AlignCenter)
        self.message = QLabel(objectName="message", wordWrap=True)
        self.message.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.pin_edit = QLineEdit(objectName="technicianPin", readOnly=True)
        self.pin_edit.setEchoMode(QLineEdit.EchoMode.Password)
        self.pin_edit.setMaxLength(MAX_DIGITS)
        self.pin_edit.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.pin_edit.setFixedWidth(520)
        self.digit_buttons: list[QPushButton] = []
        grid = QGridLayout()
        grid.setSpacing(16)
        for digit in range(10):
            button = QPushButton(str(digit), objectName="pinDigit")
            button.setFixedSize(160, 88)
            button.clicked.connect(lambda _=False, d=digit: self._type(str(d)))
            self.digit_buttons.append(button)
            row, col = (3, 1) if digit == 0 else divmod(digit - 1, 3)
            grid.addWidget(button, row, col)
        self.clear_button = QPushButton(objectName="secondary")
        self.clear_button.setFixedSize(160, 88)
        self.clear_button.clicked.connect(self.pin_edit.clear)
        grid.addWidget(self.clear_button, 3, 0)
        self.ok_button = QPushButton()
        self.ok_button.setFixedSize(160, 88)
        self.ok_button.clicked.connect(self._submit)
        grid.addWidget(self.ok_button, 3, 2)
        self.cancel_button = QPushButton(objectName="secondary")
        self.cancel_button.setMinimumHeight(72)
        self.cancel_button.clicked.connect(self.cancelled)

        pad = QHBoxLayout()
        pad.addStretch(1)
        pad.addLayout(grid)
        pad.addStretch(1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(160, 32, 160, 24)
        layout.setSpacing(20)
        layout.addWidget(self.heading)
        layout.addWidget(self.message)
        layout.addWidget(self.pin_edit, 0, Qt.AlignmentFlag.AlignHCenter)
        layout.addLayout(pad)
        layout.addWidget(self.cancel_button, 0, Qt.AlignmentFlag.AlignHCenter)
        layout.addStretch(1)
        self.retranslate()

    def prompt(self) -> str:
        """Spoken when the screen appears."""
        return self.heading.text()

    def retranslate(self) -> None:
        """Texts in the current language."""
        self.heading.setText(self.tr("Technician mode"))
        if not self.message.property("custom"):
            self.message.setText(self.tr("Enter the technician PIN."))
        self.pin_edit.setAccessibleName(self.tr("Technician PIN"))
        for digit, button in enumerate(self.digit_buttons):
            button.setAccessibleName(self.tr("Digit %1").replace("%1", str(digit)))
        self.clear_button.setText(self.tr("Clear"))
        self.clear_button.setAccessibleName(self.tr("Clear the PIN"))
        self.ok_button.setText(self.tr("OK"))
        self.ok_button.setAccessibleName(self.tr("Enter technician mode"))
        self.cancel_button.setText(self.tr("Cancel"))
        self.cancel_button.setAccessibleName(self.tr("Cancel and return to the start screen"))

    def show_message(self, text: str) -> None:
        """Replace the instruction with ``text`` (wrong PIN, lockout, no PIN set)."""
        self.message.setProperty("custom", True)
        self.message.setText(text)

    def set_locked(self, locked: bool) -> None:
        """While entry is locked the pad takes no input."""
        for button in (*self.digit_buttons, self.clear_button, self.ok_button):
            button.setEnabled(not locked)

    def set_busy(self, busy: bool) -> None:
        """While a PIN is being checked, OK cannot be pressed again."""
        self.ok_button.setEnabled(not busy)

    def reset(self) -> None:
        """Forget the typed digits and any message."""
        super().reset()
        self.message.setProperty("custom", False)
        self.set_locked(False)
        self.retranslate()

    def _type(self, digit: str) -> None:
        if len(self.pin_edit.text()) < MAX_DIGITS:
            self.pin_edit.setText(self.pin_edit.text() + digit)

    def _submit(self) -> None:
        pin = self.pin_edit.text()
        self.pin_edit.clear()  # the digits do not stay on screen while they are checked
        if pin:
            self.submitted.emit(pin)
