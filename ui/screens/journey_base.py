"""What the application screens share: the language callable, a heading, a scrolling body."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QFrame, QHBoxLayout, QLabel, QScrollArea, QVBoxLayout, QWidget

from config.schema import Language
from ui.screens.base import Screen


class JourneyScreen(Screen):
    """A heading row, a scrolling body and an action bar at the bottom."""

    def __init__(self, language: Callable[[], Language], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.language = language
        self.heading = QLabel(objectName="heading", wordWrap=True)
        self.top = QVBoxLayout()
        self.top.setSpacing(12)
        self.top.addWidget(self.heading)
        self.body = QWidget(objectName="journeyBody")
        self.body_layout = QVBoxLayout(self.body)
        self.body_layout.setContentsMargins(0, 0, 16, 0)
        self.body_layout.setSpacing(20)
        self.scroll = QScrollArea(objectName="journeyScroll")
        self.scroll.setWidgetResizable(True)
        self.scroll.setFrameShape(QFrame.Shape.NoFrame)
        self.scroll.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.scroll.setWidget(self.body)
        self.actions = QHBoxLayout()
        self.actions.setSpacing(24)
        self.message = QLabel(objectName="message", wordWrap=True)
        self.message.hide()
        outer = QVBoxLayout(self)
        outer.setContentsMargins(64, 24, 64, 16)
        outer.setSpacing(16)
        outer.addLayout(self.top)
        # A screen may put a panel beside the scrolling body (the consent's signature).
        self.middle = QHBoxLayout()
        self.middle.setSpacing(48)
        self.middle.addWidget(self.scroll, 1)
        outer.addLayout(self.middle, 1)
        outer.addWidget(self.message)
        outer.addLayout(self.actions)

    def lang(self) -> str:
        """The current language code ("zh" or "en")."""
        return self.language().value

    def show_message(self, text: str) -> None:
        """A plain sentence above the actions (empty hides it)."""
        self.message.setText(text)
        self.message.setVisible(bool(text))
