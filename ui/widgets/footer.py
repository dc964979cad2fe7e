"""The footer: back, home (首页) and start over (重新开始)."""

from __future__ import annotations

from PySide6.QtCore import QEvent, Qt, Signal
from PySide6.QtWidgets import QFrame, QHBoxLayout, QPushButton, QWidget


class Footer(QFrame):
    """Bottom bar; it only reports what the resident touched."""

    backRequested = Signal()
    homeRequested = Signal()
    startOverRequested = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("footer")
        self.back_button = QPushButton(objectName="secondary")
        self.back_button.clicked.connect(self.backRequested)
        self.home_button = QPushButton(objectName="secondary")
        self.home_button.clicked.connect(self.homeRequested)
        self.start_over_button = QPushButton(objectName="secondary")
        self.start_over_button.clicked.connect(self.startOverRequested)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(32, 12, 32, 12)
        layout.setSpacing(24)
        layout.addWidget(self.back_button)
        layout.addWidget(self.home_button)
        layout.addStretch(1)
        layout.addWidget(self.start_over_button)
        for button in (self.back_button, self.home_button, self.start_over_button):
            button.setFocusPolicy(Qt.FocusPolicy.NoFocus)
            button.setMinimumWidth(200)
        self.retranslate()

    def set_at_home(self, at_home: bool) -> None:
        """Back and Home mean nothing on the home screen: hide them there."""
        self.back_button.setVisible(not at_home)
        self.home_button.setVisible(not at_home)

    def retranslate(self) -> None:
        """Texts in the current language."""
        self.back_button.setText(self.tr("Back"))
        self.back_button.setAccessibleName(self.tr("Back to the previous screen"))
        self.home_button.setText(self.tr("Home"))
        self.home_button.setAccessibleName(self.tr("Home screen"))
        self.start_over_button.setText(self.tr("Start over"))
        self.start_over_button.setAccessibleName(self.tr("Start over and clear everything"))

    def changeEvent(self, event: QEvent) -> None:
        """Retranslate when the application's translator changes."""
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)
