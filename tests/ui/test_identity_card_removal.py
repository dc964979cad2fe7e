"""Taking the card out during a journey: a short notice, then the session is wiped."""
# ruff: noqa: F811  (pytest fixtures imported from tests.ui.identity_window)

from __future__ import annotations

from kiosk import redaction
from tests.ui.identity_window import (  # noqa: F401 (fixtures)
    CANARY_NAME,
    identity_screen,
    identity_window,
    simulated_reader,
)
from ui.router import ScreenName
from ui.screens.identity_screen import IdentifyState


def test_card_removed_mid_journey_shows_notice_then_wipes_to_attract(
    qtbot, identity_window, simulated_reader
):
    flow = identity_window.identity_flow
    flow.go(ScreenName.APPLY)
    screen = identity_screen(identity_window)
    simulated_reader.present(0)
    qtbot.waitUntil(lambda: screen.state() is IdentifyState.IDENTIFIED, timeout=3000)
    screen.continue_button.click()
    assert identity_window.router.current() is ScreenName.APPLY

    simulated_reader.take_away()
    qtbot.waitUntil(lambda: flow.notice.isVisible(), timeout=3000)
    assert flow.notice.heading.text() == "您的卡已取出"
    # A notice, not an instant wipe: the resident sees what happened first.
    assert identity_window.router.current() is ScreenName.APPLY

    qtbot.waitUntil(lambda: identity_window.router.current() is ScreenName.ATTRACT, timeout=6000)
    assert not flow.notice.isVisible()
    assert identity_window.keeper.current.identity is None
    assert redaction.redact(CANARY_NAME) == CANARY_NAME  # the session's values are forgotten
    assert screen.state() is IdentifyState.WAITING
    assert "柯***" not in screen.name_value.text()


def test_card_removed_before_identification_only_resets_the_screen(
    qtbot, identity_window, simulated_reader
):
    identity_window.router.go(ScreenName.IDENTIFY)
    screen = identity_screen(identity_window)
    simulated_reader.present(1)  # expired: refused, nothing kept
    qtbot.waitUntil(lambda: screen.state() is IdentifyState.PROBLEM, timeout=3000)
    simulated_reader.take_away()
    qtbot.waitUntil(lambda: screen.state() is IdentifyState.WAITING, timeout=3000)
    assert not identity_window.identity_flow.notice.isVisible()
    assert identity_window.router.current() is ScreenName.IDENTIFY
