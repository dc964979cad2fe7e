"""Modal-looking overlays over the whole window, without a nested event loop."""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, Qt, Signal
from PySide6.QtGui import QMouseEvent
from PySide6.QtWidgets import QFrame, QHBoxLayout, QLabel, QPushButton, QVBoxLayout, QWidget


class Overlay(QWidget):
    """A dimmed layer over its parent with a card in the middle; eats touches around the card."""

    def __init__(self, parent: QWidget) -> None:
        super().__init__(parent)
        self.setObjectName("scrim")
        self.setAttribute(Qt.WidgetAttribute.WA_StyledBackground)
        self.card = QFrame(objectName="overlayCard")
        self.card.setMinimumWidth(900)
        self.card_layout = QVBoxLayout(self.card)
        self.card_layout.setContentsMargins(56, 48, 56, 48)
        self.card_layout.setSpacing(28)
        outer = QVBoxLayout(self)
        outer.addStretch(1)
        row = QHBoxLayout()
        row.addStretch(1)
        row.addWidget(self.card)
        row.addStretch(1)
        outer.addLayout(row)
        outer.addStretch(1)
        parent.installEventFilter(self)
        self.hide()

    def open(self) -> None:
        """Cover the parent and show the card."""
        self.setGeometry(self.parentWidget().rect())
        self.raise_()
        self.show()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        """Follow the parent's size."""
        if watched is self.parentWidget() and event.type() == QEvent.Type.Resize:
            self.setGeometry(self.parentWidget().rect())
        return False

    def mousePressEvent(self, event: QMouseEvent) -> None:
        """Touches on the dimmed area must not reach the screen below."""
        event.accept()

    def changeEvent(self, event: QEvent) -> None:
        """Retranslate when the application's translator changes."""
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)

    def retranslate(self) -> None:
        """Texts in the current language."""


class IdleOverlay(Overlay):
    """还在吗？ Are you still there? — the seconds left and a big Continue button."""

    continueRequested = Signal()

    def __init__(self, parent: QWidget) -> None:
        super().__init__(parent)
        self._seconds = 0
        self.heading = QLabel(objectName="heading", alignment=Qt.AlignmentFlag.AlignCenter)
        self.countdown = QLabel(objectName="countdown", alignment=Qt.AlignmentFlag.AlignCenter)
        self.explanation = QLabel(wordWrap=True, alignment=Qt.AlignmentFlag.AlignCenter)
        self.continue_button = QPushButton()
        self.continue_button.setMinimumHeight(96)
        self.continue_button.clicked.connect(self.continueRequested)
        for widget in (self.heading, self.countdown, self.explanation, self.continue_button):
            self.card_layout.addWidget(widget)
        self.retranslate()

    def set_seconds_left(self, seconds: int) -> None:
        """Show how long until the session is cleared."""
        self._seconds = seconds
        self.countdown.setText(str(seconds))
        self.countdown.setAccessibleName(self.tr("%n second(s) left", "", seconds))

    def seconds_shown(self) -> int:
        """The number of seconds on the card."""
        return self._seconds

    def retranslate(self) -> None:
        """Texts in the current language."""
        self.heading.setText(self.tr("Are you still there?"))
        self.explanation.setText(
            self.tr(
                "When the countdown ends, everything you entered is cleared "
                "and the terminal returns to the home screen."
            )
        )
        self.continue_button.setText(self.tr("Continue"))
        self.continue_button.setAccessibleName(self.tr("Continue my session"))
        self.set_seconds_left(self._seconds)


class StartOverOverlay(Overlay):
    """Asks before "start over" clears everything."""

    confirmed = Signal()
    cancelled = Signal()

    def __init__(self, parent: QWidget) -> None:
        super().__init__(parent)
        self.heading = QLabel(objectName="heading", alignment=Qt.AlignmentFlag.AlignCenter)
        self.explanation = QLabel(wordWrap=True, alignment=Qt.AlignmentFlag.AlignCenter)
        self.confirm_button = QPushButton(objectName="danger")
        self.confirm_button.clicked.connect(self.confirmed)
        self.cancel_button = QPushButton(objectName="secondary")
        self.cancel_button.clicked.connect(self.cancelled)
        buttons = QHBoxLayout()
        buttons.setSpacing(32)
        buttons.addWidget(self.cancel_button)
        buttons.addWidget(self.confirm_button)
        self.card_layout.addWidget(self.heading)
        self.card_layout.addWidget(self.explanation)
        self.card_layout.addLayout(buttons)
        self.retranslate()

    def retranslate(self) -> None:
        """Texts in the current language."""
        self.heading.setText(self.tr("Start over?"))
        self.explanation.setText(
            self.tr("Everything you entered will be cleared and the home screen shown.")
        )
        self.confirm_button.setText(self.tr("Yes, start over"))
        self.confirm_button.setAccessibleName(self.tr("Yes, start over"))
        self.cancel_button.setText(self.tr("No, go on"))
        self.cancel_button.setAccessibleName(self.tr("No, go on with my session"))
