"""The banner of a long offline period: "Offline since …, N applications waiting"."""

from __future__ import annotations

from PySide6.QtCore import QEvent, Qt
from PySide6.QtWidgets import QFrame, QHBoxLayout, QLabel, QWidget

from kiosk.offline_status import OfflineStatus
from kiosk.receipt_number import CHINA_STANDARD_TIME
from ui.theme import PALETTE


class OfflineBanner(QFrame):
    """Shown under the header while the platform is out of reach; hidden otherwise."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("offlineBanner")
        # Danger colours: a pair the theme already checks for 7:1 contrast.
        self.setStyleSheet(
            f"QFrame#offlineBanner {{ background: {PALETTE.danger}; }}"
            f" QFrame#offlineBanner QLabel {{ color: {PALETTE.on_danger}; font-weight: 600; }}"
        )
        self.text = QLabel(objectName="offlineText", wordWrap=True)
        self.text.setAlignment(Qt.AlignmentFlag.AlignCenter)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(32, 8, 32, 8)
        layout.addWidget(self.text)
        self._status: OfflineStatus | None = None
        self.hide()

    def set_status(self, status: OfflineStatus | None) -> None:
        """Show the banner for an offline status, hide it when online (or unknown)."""
        self._status = status
        self.retranslate()
        self.setVisible(status is not None and status.offline)

    def retranslate(self) -> None:
        """Texts in the current language."""
        status = self._status
        if status is None:
            self.text.clear()
            return
        waiting = str(status.waiting)
        if status.last_contact_at is None:
            text = self.tr(
                "Offline: not yet connected to the platform; %1 applications waiting to be sent"
            ).replace("%1", waiting)
        else:
            since = status.last_contact_at.astimezone(CHINA_STANDARD_TIME)
            text = (
                self.tr("Offline since %1; %2 applications waiting to be sent")
                .replace("%1", since.strftime("%Y-%m-%d %H:%M"))
                .replace("%2", waiting)
            )
        self.text.setText(text)
        self.text.setAccessibleName(text)

    def changeEvent(self, event: QEvent) -> None:
        """Retranslate when the language changes."""
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)
