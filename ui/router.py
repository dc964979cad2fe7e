"""Which screen is showing: named screens over a QStackedWidget, with a history for "back"."""

from __future__ import annotations

import logging
from enum import StrEnum

from PySide6.QtCore import QObject, Signal
from PySide6.QtWidgets import QStackedWidget

from ui.screens.base import Screen

log = logging.getLogger(__name__)


class ScreenName(StrEnum):
    """Every screen the router knows."""

    ATTRACT = "attract"
    APPLY = "apply"
    TRACK = "track"
    GUIDE = "guide"
    RATE = "rate"
    CALL_STAFF = "call-staff"
    FORM = "form"
    MATERIALS = "materials"
    REVIEW = "review"
    CONSENT = "consent"
    RECEIPT = "receipt"
    IDENTIFY = "identify"
    CATALOG_BROWSE = "catalog-browse"
    SERVICE_GUIDE = "service-guide"
    TECHNICIAN_PIN = "technician-pin"
    TECHNICIAN = "technician"
    CAPTURE = "capture"
    STAFF_SIGN_IN = "staff-sign-in"


class ScreenRouter(QObject):
    """Shows one registered screen at a time and remembers the way back."""

    changed = Signal(str)  # the ScreenName now shown

    def __init__(self, stack: QStackedWidget, home: ScreenName = ScreenName.ATTRACT) -> None:
        super().__init__(stack)
        self._stack = stack
        self._home = home
        self._screens: dict[ScreenName, Screen] = {}
        self._history: list[ScreenName] = []
        self._current: ScreenName | None = None

    def register(self, name: ScreenName, screen: Screen) -> None:
        """Add a screen under ``name``, replacing any screen registered under it before."""
        if name in self._screens:
            self._stack.removeWidget(self._screens[name])
        self._screens[name] = screen
        self._stack.addWidget(screen)

    def screens(self) -> dict[ScreenName, Screen]:
        """All registered screens by name."""
        return dict(self._screens)

    def screen(self, name: ScreenName) -> Screen:
        """The screen registered under ``name``."""
        return self._screens[name]

    def current(self) -> ScreenName | None:
        """The name of the screen shown, if any."""
        return self._current

    def current_screen(self) -> Screen | None:
        """The screen shown, if any."""
        return self._screens[self._current] if self._current is not None else None

    def can_go_back(self) -> bool:
        """True when back() has somewhere to go."""
        return bool(self._history)

    def go(self, name: ScreenName) -> None:
        """Show ``name``, remembering the current screen for back()."""
        if name == self._current:
            return
        if self._current is not None:
            self._history.append(self._current)
        self._show(name)

    def back(self) -> None:
        """Return to the previous screen (home if there is none)."""
        self._show(self._history.pop() if self._history else self._home)

    def home(self) -> None:
        """Show the home screen and forget the history."""
        self._history.clear()
        self._show(self._home)

    def _show(self, name: ScreenName) -> None:
        screen = self._screens[name]
        self._stack.setCurrentWidget(screen)
        self._current = name
        screen.entered()
        log.info("screen shown", extra={"screen": name.value})
        self.changed.emit(name.value)
