"""A mobile unit whose one PC/SC reader serves both the staff card and the residents' cards (real
pcscd + vpcd, test staff CA): the identity reader running alongside never disturbs the staff
sign-in, and a staff card put in while the identity screen waits for a resident is not taken as
a resident; the screen says it is a staff card. The resident's own card then reads as usual."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import QThreadPool

from config.loader import read_toml, settings_from_data
from config.schema import KioskSettings
from kiosk.identity_session import open_identity_service
from kiosk.session import SessionKeeper
from tests.fixtures.pcsc import VIRTUAL_READERS
from tests.fixtures.staff_ca import IssuingStaffCa
from tests.fixtures.virtual_cards.piv_card import PivCard
from tests.fixtures.virtual_cards.social_security_card import SocialSecurityCard
from tests.ui.event_loop import settle
from tests.ui.identity_window import visible_texts
from tests.ui.journey_driver import at, click
from ui.main_window import MainWindow
from ui.router import ScreenName
from ui.screens.identity_screen import IdentifyState

pytestmark = pytest.mark.stack

STAFF_PIN = "246810"
STAFF_MESSAGE = "This is a staff card. Please insert the resident's card."
TIMEOUT_MS = 15_000


def _mobile_unit(root: Path, staff_ca_file: Path) -> KioskSettings:
    """The shipped mobile-unit profile (assisted on) with the virtual PC/SC reader as its only
    card reader, and no platform in reach."""
    data = read_toml("mobile-unit")
    data["storage"] = {
        "data_dir": str(root / "data"),
        "key_file": str(root / "keys" / "storage.key"),
        "secrets_file": str(root / "keys" / "secrets.toml"),
    }
    data["logging"] = {"file": str(root / "logs" / "kiosk.log")}
    data["devices"] = {
        "card_readers": [{"backend": "pcsc", "reader_name": VIRTUAL_READERS[0]}],
        "scanners": [{"backend": "simulated"}],
        "printer": {"backend": "simulated"},
    }
    data["platform"] = {"url": "http://127.0.0.1:9/", "connect_timeout_s": 1.0}
    data["staff_card"] = {"ca_file": str(staff_ca_file)}
    data["ui"]["default_language"] = "en"
    return settings_from_data(data, source="mobile-unit (test)", env={})


def test_a_staff_card_in_the_resident_reader_is_named_and_never_taken_as_the_resident(
    qtbot, tmp_path: Path, virtual_card_slot, staff_ca: IssuingStaffCa
) -> None:
    settings = _mobile_unit(tmp_path, staff_ca.pem_file)
    assert settings.mobile.assisted
    keeper = SessionKeeper(settings.ui, settings.session)
    # As `kiosk run` builds it: the identity reader watches the same PC/SC reader.
    service = open_identity_service(settings.devices.card_readers, lambda: keeper.current)
    window = MainWindow(settings, keeper=keeper, identity_service=service)
    qtbot.addWidget(window, before_close_func=lambda w: w.shutdown())
    window.setGeometry(0, 0, 1920, 1080)
    window.show()
    settle()
    mobile = window.mobile
    assert mobile is not None
    identify = window.identity_flow.screen
    staff_card = PivCard(staff_ca.issue(name="王晓明", staff_id="S0042"), pin=STAFF_PIN)
    try:
        # The staff member puts the card in on the home screen, about to sign in: the identity
        # screen opens on the card as for a resident, then gives way to the home screen again.
        virtual_card_slot.insert(staff_card)
        qtbot.waitUntil(lambda: identify.state() is IdentifyState.PROBLEM, timeout=TIMEOUT_MS)
        qtbot.waitUntil(lambda: at(window, ScreenName.ATTRACT), timeout=TIMEOUT_MS)
        assert keeper.current.identity is None
        virtual_card_slot.remove()

        # Staff sign-in: the card goes in while the PIN is typed; the identity reader reads it
        # at the same moment, and the sign-in still succeeds.
        click(qtbot, window.attract.tiles[0])
        assert at(window, ScreenName.STAFF_SIGN_IN)
        sign_in = mobile.screen
        virtual_card_slot.insert(staff_card)
        for digit in STAFF_PIN:
            click(qtbot, sign_in.digit_buttons[int(digit)])
        click(qtbot, sign_in.sign_in_button)
        qtbot.waitUntil(lambda: at(window, ScreenName.IDENTIFY), timeout=TIMEOUT_MS)
        assert mobile.staff_bar.text.text() == "Assisted by: S0042 王**"

        # The staff card is still in the reader: the identity screen asks for the resident's.
        qtbot.waitUntil(lambda: identify.state() is IdentifyState.PROBLEM, timeout=TIMEOUT_MS)
        assert STAFF_MESSAGE in "\n".join(visible_texts(window))
        assert keeper.current.identity is None

        # Taken out and put back while the screen waits for a resident: named, not taken.
        virtual_card_slot.remove()
        qtbot.waitUntil(lambda: identify.state() is IdentifyState.WAITING, timeout=TIMEOUT_MS)
        virtual_card_slot.insert(staff_card)
        qtbot.waitUntil(lambda: identify.state() is IdentifyState.PROBLEM, timeout=TIMEOUT_MS)
        shown = "\n".join(visible_texts(window))
        assert STAFF_MESSAGE in shown and "This card is not supported" in shown
        assert "王晓明" not in shown and "S0042 王**" in shown  # only the staff bar names them
        assert keeper.current.identity is None
        assert at(window, ScreenName.IDENTIFY)
        assert mobile.assisted_by() is not None and mobile.assisted_by().staff_id == "S0042"

        # The resident's card then reads as usual.
        virtual_card_slot.remove()
        qtbot.waitUntil(lambda: identify.state() is IdentifyState.WAITING, timeout=TIMEOUT_MS)
        virtual_card_slot.insert(SocialSecurityCard())
        qtbot.waitUntil(lambda: identify.state() is IdentifyState.IDENTIFIED, timeout=TIMEOUT_MS)
        assert keeper.current.identity is not None
        assert "1101**********002X" in visible_texts(window)
    finally:
        window.shutdown()
        QThreadPool.globalInstance().waitForDone(30000)
