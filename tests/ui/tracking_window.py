"""A main window for a terminal enrolled with the session's reference platform (tracking and
rating UI tests), and the offline variant of its settings."""

from __future__ import annotations

from config.schema import KioskSettings, Language
from kiosk.session import SessionKeeper
from tests.fixtures.stacks import free_port
from tests.ui.event_loop import settle
from ui.main_window import MainWindow


def open_window(qtbot, settings: KioskSettings) -> MainWindow:
    """The main window for ``settings`` at 1920x1080, shut down with the test."""
    keeper = SessionKeeper(settings.ui, settings.session)
    main = MainWindow(settings, keeper=keeper)
    qtbot.addWidget(main, before_close_func=lambda w: w.shutdown())
    main.setGeometry(0, 0, 1920, 1080)
    main.show()
    qtbot.waitExposed(main)
    settle()
    return main


def offline(settings: KioskSettings) -> KioskSettings:
    """The same terminal with its platform out of reach (nothing listens on the port)."""
    platform = settings.platform.model_copy(
        update={"url": f"https://127.0.0.1:{free_port()}/", "connect_timeout_s": 1.0}
    )
    return settings.model_copy(update={"platform": platform})


def in_english(settings: KioskSettings) -> KioskSettings:
    """The same terminal with English as its default language (the tests read English)."""
    ui = settings.ui.model_copy(update={"default_language": Language.EN})
    return settings.model_copy(update={"ui": ui})
