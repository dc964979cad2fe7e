"""A PIN pad screen: heading, instruction, digits shown as dots, clear / confirm / cancel.

The technician's entry and the field staff's sign-in differ only in their words and in what
they do with the PIN, so both are this screen with their own texts.
"""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, Qt, Signal
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

KEY_SIZE = (160, 88)


class PinScreen(Screen):
    """Emits the typed PIN on confirm (the digits leave the screen at once), or cancelled."""

    submitted = Signal(str)
    cancelled = Signal()
    max_digits = 8

    def __init__(self, pin_object_name: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.heading = QLabel(objectName="heading", alignment=Qt.AlignmentFlag.AlignCenter)
        self.message = QLabel(objectName="message", wordWrap=True)
        self.message.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.pin_edit = QLineEdit(objectName=pin_object_name, readOnly=True)
        self.pin_edit.setEchoMode(QLineEdit.EchoMode.Password)
        self.pin_edit.setMaxLength(self.max_digits)
        self.pin_edit.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.pin_edit.setFixedWidth(520)
        self.digit_buttons: list[QPushButton] = []
        grid = QGridLayout()
        grid.setSpacing(16)
        for digit in range(10):
            button = QPushButton(str(digit), objectName="pinDigit")
            button.setFixedSize(*KEY_SIZE)
            button.clicked.connect(lambda _=False, d=digit: self._type(str(d)))
            self.digit_buttons.append(button)
            row, col = (3, 1) if digit == 0 else divmod(digit - 1, 3)
            grid.addWidget(button, row, col)
        self.clear_button = QPushButton(objectName="secondary")
        self.clear_button.setFixedSize(*KEY_SIZE)
        self.clear_button.clicked.connect(self.pin_edit.clear)
        grid.addWidget(self.clear_button, 3, 0)
        self.ok_button = QPushButton()
        self.ok_button.setFixedSize(*KEY_SIZE)
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
        """The keys' texts in the current language; subclasses add heading and instruction."""

        # An explicit context: self.tr() would look the words up under each subclass's name.
        translate = QCoreApplication.translate
        for digit, button in enumerate(self.digit_buttons):
            button.setAccessibleName(translate("PinScreen", "Digit %1").replace("%1", str(digit)))
        self.clear_button.setText(translate("PinScreen", "Clear"))
        self.clear_button.setAccessibleName(translate("PinScreen", "Clear the PIN"))
        self.cancel_button.setText(translate("PinScreen", "Cancel"))
        self.cancel_button.setAccessibleName(
            translate("PinScreen", "Cancel and return to the start screen")
        )

    def set_instruction(self, text: str) -> None:
        """The instruction, unless a message (wrong PIN, lockout…) stands in its place."""
        if not self.message.property("custom"):
            self.message.setText(text)

    def show_message(self, text: str) -> None:
        """Replace the instruction with ``text`` (wrong PIN, lockout, card blocked, no card)."""
        self.message.setProperty("custom", True)
        self.message.setText(text)

    def set_busy(self, busy: bool) -> None:
        """While the PIN is being checked, it cannot be confirmed again."""
        self.ok_button.setEnabled(not busy)

    def reset(self) -> None:
        """Forget the typed digits and any message."""
        super().reset()
        self.message.setProperty("custom", False)
        self.set_busy(False)
        self.retranslate()

    def _type(self, digit: str) -> None:
        if len(self.pin_edit.text()) < self.max_digits:
            self.pin_edit.setText(self.pin_edit.text() + digit)

    def _submit(self) -> None:
        pin = self.pin_edit.text()
        self.pin_edit.clear()  # the digits do not stay on screen while they are checked
        if pin:
            self.submitted.emit(pin)
