"""The identity screen over the real stack: PC/SC backend, real pcscd + vpcd, virtual card."""

from __future__ import annotations

import pytest

from kiosk.identity_session import open_identity_service
from kiosk.session import SessionKeeper
from tests.fixtures.pcsc import VIRTUAL_READERS
from tests.fixtures.virtual_cards.social_security_card import SocialSecurityCard
from tests.ui.event_loop import settle
from tests.ui.identity_window import visible_texts
from ui.main_window import MainWindow
from ui.router import ScreenName
from ui.screens.identity_screen import IdentifyState

pytestmark = pytest.mark.stack


def test_social_security_card_through_pcscd_shows_the_masked_identity(
    qtbot, settings_factory, virtual_card_slot
):
    settings = settings_factory(
        devices__card_readers=[{"backend": "pcsc", "reader_name": VIRTUAL_READERS[0]}]
    )
    keeper = SessionKeeper(settings.ui, settings.session)
    # The same path as `kiosk run`: the reader comes from the settings.
    service = open_identity_service(settings.devices.card_readers, lambda: keeper.current)
    window = MainWindow(settings, keeper=keeper, identity_service=service)
    qtbot.addWidget(window, before_close_func=lambda w: w.shutdown())
    window.setGeometry(0, 0, 1920, 1080)
    window.show()
    settle()
    try:
        screen = window.identity_flow.screen
        window.identity_flow.go(ScreenName.APPLY)
        qtbot.waitUntil(lambda: screen.state() is IdentifyState.WAITING, timeout=5000)

        virtual_card_slot.insert(SocialSecurityCard())
        qtbot.waitUntil(lambda: screen.state() is IdentifyState.IDENTIFIED, timeout=5000)
        shown = visible_texts(window)
        assert "王**" in shown
        assert "1101**********002X" in shown
        assert "社会保障卡" in shown
        assert not any("王秀英" in text or "11010519491231002X" in text for text in shown)

        virtual_card_slot.remove()
        qtbot.waitUntil(lambda: window.identity_flow.notice.isVisible(), timeout=5000)
        qtbot.waitUntil(lambda: window.router.current() is ScreenName.ATTRACT, timeout=6000)
        assert keeper.current.identity is None
    finally:
        window.shutdown()
