"""UI test fixtures: the main window at 1920x1080, its session keeper on a test clock."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

import pytest
from PySide6.QtCore import QEvent
from PySide6.QtWidgets import QApplication

from config.schema import KioskSettings
from kiosk.redaction import clear_session_values
from kiosk.session import SessionKeeper
from tests.ui.event_loop import settle
from ui.main_window import MainWindow


@dataclass
class FakeClock:
    """A monotonic clock that moves only when the test says so."""

    now: float = 1000.0

    def __call__(self) -> float:
        return self.now

    def advance(self, seconds: float) -> None:
        self.now += seconds


@pytest.fixture(autouse=True)
def _free_earlier_windows() -> None:
    """Delete the widgets earlier tests closed: deleteLater never runs outside an event loop,
    and every live widget slows down each later restyle (setStyleSheet walks them all)."""
    app = QApplication.instance()
    if app is not None:
        app.sendPostedEvents(None, QEvent.Type.DeferredDelete)


@pytest.fixture(autouse=True)
def _no_earlier_residents_values() -> Iterator[None]:
    """Start and end each test with no resident's values registered for masking. They are
    process-wide and only a session wipe clears them, which a window shut down mid-journey
    never does: a demo resident's nation code "01" left behind masks the start of every UUIDv7,
    so the audit log then refuses any detail that holds an application id."""
    clear_session_values()
    yield
    clear_session_values()


@pytest.fixture
def clock() -> FakeClock:
    """The clock of the window's session keeper and technician gesture."""
    return FakeClock()


@pytest.fixture
def window(qtbot, kiosk_settings: KioskSettings, clock: FakeClock) -> Iterator[MainWindow]:
    """The kiosk's main window, shown at 1920x1080 offscreen, without voice output."""
    keeper = SessionKeeper(kiosk_settings.ui, kiosk_settings.session, clock=clock)
    main = MainWindow(kiosk_settings, keeper=keeper, gesture_clock=clock)
    qtbot.addWidget(main, before_close_func=lambda w: w.shutdown())
    main.setGeometry(0, 0, 1920, 1080)
    main.show()
    qtbot.waitExposed(main)
    settle()
    yield main
    main.shutdown()
