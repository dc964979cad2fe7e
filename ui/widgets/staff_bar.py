"""The staff bar of assisted service: who assists (number, masked name) and sign-in / sign-out."""

from __future__ import annotations

from PySide6.QtCore import QEvent, Signal
from PySide6.QtWidgets import QFrame, QHBoxLayout, QLabel, QPushButton, QWidget

from kiosk.assisted_session import AssistingStaff
from ui.theme import PALETTE


class StaffBar(QFrame):
    """Under the header on a mobile service unit; only reports the buttons touched."""

    signInRequested = Signal()
    signOutRequested = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("staffBar")
        self.setStyleSheet(
            f"QFrame#staffBar {{ background: {PALETTE.checked}; }}"
            f" QFrame#staffBar QLabel {{ color: {PALETTE.on_checked}; font-weight: 600; }}"
        )
        self.text = QLabel(objectName="staffText")
        self.button = QPushButton(objectName="secondary")
        self.button.setMinimumHeight(48)
        self.button.clicked.connect(self._clicked)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(32, 6, 32, 6)
        layout.addWidget(self.text, 1)
        layout.addWidget(self.button)
        self._staff: AssistingStaff | None = None
        self.retranslate()

    def set_staff(self, staff: AssistingStaff | None) -> None:
        """Show who is signed in (or that nobody is)."""
        self._staff = staff
        self.retranslate()

    def retranslate(self) -> None:
        """Texts in the current language."""
        if self._staff is None:
            self.text.setText(self.tr("Assisted service: no staff member signed in"))
            self.button.setText(self.tr("Staff sign-in"))
            self.button.setAccessibleName(self.tr("Sign in with a staff card"))
        else:
            self.text.setText(self.tr("Assisted by: %1").replace("%1", self._staff.masked()))
            self.button.setText(self.tr("Sign out"))
            self.button.setAccessibleName(self.tr("Sign the staff member out"))

    def _clicked(self) -> None:
        if self._staff is None:
            self.signInRequested.emit()
        else:
            self.signOutRequested.emit()

    def changeEvent(self, event: QEvent) -> None:
        """Retranslate when the language changes."""
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)
