"""Staff sign-in (mobile service units): staff card in the reader, PIN on the pad."""

from __future__ import annotations

from PySide6.QtWidgets import QWidget

from ui.screens.pin_screen import PinScreen


class StaffSignInScreen(PinScreen):
    """Asks the field staff member for the staff card's PIN; emits it, or cancelled."""

    max_digits = 8  # a PIV PIN has 6 to 8 digits

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__("staffPin", parent)
        self.sign_in_button = self.ok_button

    def retranslate(self) -> None:
        """Texts in the current language."""
        super().retranslate()
        self.heading.setText(self.tr("Staff sign-in"))
        self.set_instruction(
            self.tr(
                "Assisted service: put your staff card in the reader and enter its PIN. "
                "You stay signed in for the shift; each resident's data is still wiped "
                "when they finish."
            )
        )
        self.pin_edit.setAccessibleName(self.tr("Staff card PIN"))
        self.ok_button.setText(self.tr("Sign in"))
        self.ok_button.setAccessibleName(self.tr("Sign in with the staff card"))
