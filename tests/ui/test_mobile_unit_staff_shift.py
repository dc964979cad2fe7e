"""The mobile-unit window: a normal framed window with the same lockdown; the staff shift
(sign-in before the first resident, sign-out, timeout, audited) and the offline banner's text.
The staff card itself is read through the real PC/SC stack in test_mobile_unit_assisted_journey;
here a stand-in gives the staff member so the shift rules are tested fast."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QWidget

from kiosk.assisted_session import AssistingStaff
from kiosk.audit import open_audit_log
from kiosk.receipt_number import CHINA_STANDARD_TIME
from kiosk.session import EndReason, SessionKeeper
from offline_cache.contact_record import record_contact
from tests.ui.event_loop import settle
from tests.ui.journey_driver import at, click
from ui.main_window import MainWindow
from ui.router import ScreenName

STAFF = AssistingStaff("S0007", "欧阳建华")
SHIFT_S = 3600
TIMEOUT_MS = 10_000


@pytest.fixture
def mobile_window(qtbot, settings_factory, clock):
    settings = settings_factory(
        profile="mobile-unit",
        ui={"fullscreen": False, "default_language": "en"},
        mobile={"assisted": True, "offline_banner": True, "shift_timeout_s": SHIFT_S},
    )
    keeper = SessionKeeper(settings.ui, settings.session, clock=clock)
    window = MainWindow(
        settings, keeper=keeper, gesture_clock=clock, staff_sign_in=lambda _pin: STAFF
    )
    qtbot.addWidget(window, before_close_func=lambda w: w.shutdown())
    window.setGeometry(0, 0, 1600, 900)
    window.show()
    qtbot.waitExposed(window)
    settle()
    yield window
    window.shutdown()


def _sign_in(qtbot, window) -> None:
    click(qtbot, window.attract.tiles[0])
    assert at(window, ScreenName.STAFF_SIGN_IN)
    screen = window.mobile.screen
    for _ in range(6):
        click(qtbot, screen.digit_buttons[1])
    click(qtbot, screen.sign_in_button)
    qtbot.waitUntil(lambda: window.mobile.shift.staff == STAFF, timeout=TIMEOUT_MS)


def _staff_actions(window) -> list[tuple[str, str, dict]]:
    return [
        (e.action, e.actor, dict(e.details))
        for e in open_audit_log(window.settings).entries_since(0)
        if e.kind == "staff"
    ]


def test_the_laptop_window_is_framed_but_locked_down_the_same(mobile_window):
    assert not mobile_window.windowFlags() & Qt.WindowType.FramelessWindowHint
    assert mobile_window.close() is False
    settle()
    assert mobile_window.isVisible()
    widgets = [mobile_window, *mobile_window.findChildren(QWidget)]
    assert all(w.contextMenuPolicy() == Qt.ContextMenuPolicy.NoContextMenu for w in widgets)


def test_staff_sign_in_comes_before_the_first_resident_and_lasts_for_the_shift(
    qtbot, mobile_window
):
    _sign_in(qtbot, mobile_window)
    assert at(mobile_window, ScreenName.IDENTIFY)
    assert mobile_window.mobile.staff_bar.text.text() == "Assisted by: S0007 欧阳**"
    mobile_window.end_session(EndReason.FINISHED)
    click(qtbot, mobile_window.attract.tiles[0])
    assert at(mobile_window, ScreenName.IDENTIFY)  # no second sign-in for the next resident
    qtbot.waitUntil(lambda: len(_staff_actions(mobile_window)) == 1, timeout=TIMEOUT_MS)
    assert _staff_actions(mobile_window) == [("staff signed in", "S0007", {})]


def test_sign_out_ends_the_shift_and_the_residents_session(qtbot, mobile_window):
    _sign_in(qtbot, mobile_window)
    click(qtbot, mobile_window.mobile.staff_bar.button)
    assert at(mobile_window, ScreenName.ATTRACT)
    assert mobile_window.mobile.needs_sign_in()
    assert "no staff member signed in" in mobile_window.mobile.staff_bar.text.text()
    qtbot.waitUntil(lambda: len(_staff_actions(mobile_window)) == 2, timeout=TIMEOUT_MS)
    assert _staff_actions(mobile_window)[1] == (
        "staff signed out",
        "S0007",
        {"reason": "signed_out"},
    )


def test_the_shift_times_out_and_the_next_resident_needs_a_sign_in_again(
    qtbot, mobile_window, clock
):
    _sign_in(qtbot, mobile_window)
    clock.advance(SHIFT_S + 1)
    mobile_window.mobile.refresh()
    assert mobile_window.mobile.needs_sign_in()
    qtbot.waitUntil(lambda: len(_staff_actions(mobile_window)) == 2, timeout=TIMEOUT_MS)
    assert _staff_actions(mobile_window)[1] == (
        "staff signed out",
        "S0007",
        {"reason": "timed_out"},
    )
    mobile_window.end_session(EndReason.FINISHED)
    click(qtbot, mobile_window.attract.tiles[0])
    assert at(mobile_window, ScreenName.STAFF_SIGN_IN)


def test_the_banner_says_since_when_and_goes_once_the_platform_answers(qtbot, mobile_window):
    mobile = mobile_window.mobile
    data_dir = mobile_window.settings.storage.data_dir
    yesterday = datetime.now(UTC) - timedelta(hours=20)
    record_contact(data_dir, yesterday)
    mobile.refresh()
    since = yesterday.astimezone(CHINA_STANDARD_TIME).strftime("%Y-%m-%d %H:%M")
    qtbot.waitUntil(lambda: since in mobile.banner.text.text(), timeout=TIMEOUT_MS)
    assert mobile.banner.isVisible()
    assert mobile.banner.text.text() == (
        f"Offline since {since}; 0 applications waiting to be sent"
    )
    record_contact(data_dir, datetime.now(UTC))
    mobile.refresh()
    qtbot.waitUntil(lambda: not mobile.banner.isVisible(), timeout=TIMEOUT_MS)
