"""The technician's PIN pad: digits shown as dots, wrong-PIN and lockout messages."""

from __future__ import annotations

from PySide6.QtWidgets import QWidget

from ui.screens.pin_screen import PinScreen


class TechnicianPinScreen(PinScreen):
    """Asks for the technician PIN (or a staff card's PIN); emits it on OK, or cancelled."""

    max_digits = 12
    card_mode = False  # a staff card and its PIN instead of the technician PIN

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__("technicianPin", parent)

    def retranslate(self) -> None:
        """Texts in the current language."""
        super().retranslate()
        self.heading.setText(self.tr("Technician mode"))
        self.set_instruction(
            self.tr("Insert your staff card, then enter the card's PIN.")
            if self.card_mode
            else self.tr("Enter the technician PIN.")
        )
        self.pin_edit.setAccessibleName(
            self.tr("Staff card PIN") if self.card_mode else self.tr("Technician PIN")
        )
        self.ok_button.setText(self.tr("OK"))
        self.ok_button.setAccessibleName(self.tr("Enter technician mode"))

    def set_card_mode(self, card_mode: bool) -> None:
        """Ask for the staff card and its PIN (True) or for the technician PIN (False)."""
        self.card_mode = card_mode
        self.retranslate()

    def set_locked(self, locked: bool) -> None:
        """While entry is locked the pad takes no input."""
        for button in (*self.digit_buttons, self.clear_button, self.ok_button):
            button.setEnabled(not locked)

    def reset(self) -> None:
        """Forget the typed digits and any message; the pad takes input again."""
        super().reset()
        self.set_locked(False)
