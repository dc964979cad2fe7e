"""Idle countdown ("还在吗？") and the wipe at session end leave nothing of the resident."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QLineEdit

from config.schema import Language
from tests.ui.event_loop import settle
from ui.router import ScreenName


def _idle_for(window, clock, seconds: float) -> None:
    clock.advance(seconds)
    window.check_idle()
    settle()


def _start_using_track(window, qtbot) -> None:
    window.router.go(ScreenName.TRACK)
    qtbot.keyClicks(window.track.number_edit, "SC20240506A1")
    settle()


def test_countdown_appears_with_the_seconds_left(window, clock, qtbot, kiosk_settings):
    _start_using_track(window, qtbot)
    timeout = kiosk_settings.session.idle_timeout_s
    countdown = kiosk_settings.session.countdown_s

    _idle_for(window, clock, timeout - 1)
    assert not window.idle_overlay.isVisible()

    _idle_for(window, clock, 6)
    assert window.idle_overlay.isVisible()
    assert window.idle_overlay.seconds_shown() == countdown - 5
    assert window.idle_overlay.countdown.text() == str(countdown - 5)
    assert window.idle_overlay.heading.text() == "还在吗？"

    _idle_for(window, clock, 3)
    assert window.idle_overlay.countdown.text() == str(countdown - 8)


def test_continue_hides_the_countdown_and_keeps_the_input(window, clock, qtbot, kiosk_settings):
    _start_using_track(window, qtbot)
    _idle_for(window, clock, kiosk_settings.session.idle_timeout_s + 2)
    assert window.idle_overlay.isVisible()

    qtbot.mouseClick(window.idle_overlay.continue_button, Qt.MouseButton.LeftButton)
    settle()
    assert not window.idle_overlay.isVisible()
    assert window.track.number_edit.text() == "SC20240506A1"
    assert window.router.current() is ScreenName.TRACK

    # The timer starts again from the touch: no countdown until a full idle timeout has passed.
    _idle_for(window, clock, kiosk_settings.session.idle_timeout_s - 1)
    assert not window.idle_overlay.isVisible()


def test_expiry_wipes_session_screens_temp_files_and_choices(window, clock, qtbot, kiosk_settings):
    session = window.keeper.current
    _start_using_track(window, qtbot)
    window.header.large_text_button.click()
    window.header.language_button.click()
    settle()
    assert session.language is Language.EN and session.large_text
    session.form_data["name"] = "张三"
    session.print_jobs.append(b"receipt")
    session.identity = object()
    temp = session.temp_dir()
    (temp / "page-1.png").write_bytes(b"captured page")

    _idle_for(window, clock, kiosk_settings.session.idle_timeout_s + 1)
    assert window.idle_overlay.isVisible()
    _idle_for(window, clock, kiosk_settings.session.countdown_s)

    current = window.keeper.current
    assert current.identity is None
    assert current.form_data == {}
    assert current.print_jobs == []
    assert not temp.exists()
    assert all(edit.text() == "" for edit in window.findChildren(QLineEdit))
    assert window.track.answer_text() == ""
    assert window.router.current() is ScreenName.ATTRACT
    assert not window.router.can_go_back()
    assert not window.idle_overlay.isVisible()
    assert current.language is kiosk_settings.ui.default_language
    assert current.large_text is kiosk_settings.ui.large_text_default
    # What the resident sees is back to the defaults too.
    assert window.header.language_button.text() == "English"
    assert not window.header.large_text_button.isChecked()
    assert window.attract.tiles[0].accessibleName() == "办理业务"
    assert QApplication.instance().font().pixelSize() == 24


def test_idle_terminal_on_home_screen_shows_no_countdown(window, clock, kiosk_settings):
    _idle_for(window, clock, kiosk_settings.session.idle_timeout_s * 3)
    assert not window.idle_overlay.isVisible()
    assert window.router.current() is ScreenName.ATTRACT


def test_start_over_asks_first_then_wipes(window, qtbot):
    _start_using_track(window, qtbot)
    temp = window.keeper.current.temp_dir()

    qtbot.mouseClick(window.footer.start_over_button, Qt.MouseButton.LeftButton)
    assert window.start_over_overlay.isVisible()
    qtbot.mouseClick(window.start_over_overlay.cancel_button, Qt.MouseButton.LeftButton)
    assert not window.start_over_overlay.isVisible()
    assert window.track.number_edit.text() == "SC20240506A1"

    qtbot.mouseClick(window.footer.start_over_button, Qt.MouseButton.LeftButton)
    qtbot.mouseClick(window.start_over_overlay.confirm_button, Qt.MouseButton.LeftButton)
    settle()
    assert not window.start_over_overlay.isVisible()
    assert window.track.number_edit.text() == ""
    assert not temp.exists()
    assert window.router.current() is ScreenName.ATTRACT
