"""Technician entry by staff card over the real pcscd + vpcd stack, with a test staff CA.

The identity reader of the kiosk runs too (as in a hall): it sees the same card inserted, and the
sign-in must still succeed, because the staff sign-in holds the card exclusively.
"""

from __future__ import annotations

from dataclasses import dataclass

import pytest
from PySide6.QtCore import QPoint, Qt, QThreadPool

from config.schema import KioskSettings
from kiosk.audit import open_audit_log
from kiosk.identity_session import open_identity_service
from kiosk.session import SessionKeeper
from tests.fixtures.pcsc import VIRTUAL_READERS
from tests.fixtures.staff_ca import IssuingStaffCa
from tests.fixtures.virtual_cards.piv_card import PivCard, make_credentials
from tests.ui.conftest import FakeClock
from tests.ui.event_loop import settle
from ui.main_window import MainWindow
from ui.router import ScreenName

pytestmark = pytest.mark.stack

CARD_PIN = "123456"


@dataclass
class StaffWindow:
    """The window under test, the clock of its gesture detector, and its settings."""

    main: MainWindow
    clock: FakeClock
    settings: KioskSettings


@pytest.fixture
def staff_window(qtbot, settings_factory, staff_ca: IssuingStaffCa, virtual_card_slot):
    """The main window with a PC/SC reader, the staff CA configured and its identity reader on."""
    settings = settings_factory(
        ui={"default_language": "en"},
        devices__card_readers=[{"backend": "pcsc", "reader_name": VIRTUAL_READERS[0]}],
        staff_card={"ca_file": str(staff_ca.pem_file)},
    )
    # python-sane is not thread-safe: the technician home's device inventory of an earlier test
    # must not still be listing SANE devices when this test's home starts its own.
    QThreadPool.globalInstance().waitForDone(30000)
    clock = FakeClock()
    keeper = SessionKeeper(settings.ui, settings.session, clock=clock)
    service = open_identity_service(settings.devices.card_readers, lambda: keeper.current)
    window = MainWindow(settings, keeper=keeper, identity_service=service, gesture_clock=clock)
    qtbot.addWidget(window, before_close_func=lambda w: w.shutdown())
    window.setGeometry(0, 0, 1920, 1080)
    window.show()
    settle()
    yield StaffWindow(window, clock, settings)
    window.shutdown()
    QThreadPool.globalInstance().waitForDone(30000)


def _open_pad(staff: StaffWindow, qtbot) -> None:
    window = staff.main
    for _ in range(5):
        child = window.childAt(40, 30)
        target = child if child is not None else window
        qtbot.mouseClick(
            target, Qt.MouseButton.LeftButton, pos=target.mapFrom(window, QPoint(40, 30))
        )
        staff.clock.advance(0.3)
    assert window.router.current() is ScreenName.TECHNICIAN_PIN
    pad = window.technician.pin
    qtbot.waitUntil(lambda: "staff card" in pad.message.text(), timeout=5000)
    qtbot.waitUntil(pad.ok_button.isEnabled, timeout=5000)


def _enter(staff: StaffWindow, qtbot, pin: str) -> None:
    pad = staff.main.technician.pin
    for digit in pin:
        qtbot.mouseClick(pad.digit_buttons[int(digit)], Qt.MouseButton.LeftButton)
    qtbot.mouseClick(pad.ok_button, Qt.MouseButton.LeftButton)


def _wait_message(qtbot, staff: StaffWindow, text: str) -> None:
    pad = staff.main.technician.pin
    qtbot.waitUntil(lambda: text in pad.message.text(), timeout=15000)


def test_right_card_pin_enters_with_the_staff_id_in_the_audit_log(
    staff_window, qtbot, staff_ca, virtual_card_slot
):
    window = staff_window.main
    _open_pad(staff_window, qtbot)
    virtual_card_slot.insert(PivCard(staff_ca.issue(staff_id="TECH-0042"), pin=CARD_PIN))
    _enter(staff_window, qtbot, CARD_PIN)
    qtbot.waitUntil(lambda: window.router.current() is ScreenName.TECHNICIAN, timeout=15000)
    qtbot.mouseClick(window.technician.home.leave_button, Qt.MouseButton.LeftButton)
    log = open_audit_log(staff_window.settings)
    qtbot.waitUntil(lambda: len(log.entries()) >= 2, timeout=5000)
    entries = [(e.kind, e.action, e.actor, e.details.get("method")) for e in log.entries()]
    assert entries == [
        ("technician", "enter", "TECH-0042", "staff_card"),
        ("technician", "leave", "TECH-0042", None),
    ]
    assert log.verify().ok


def test_wrong_card_pin_shows_the_cards_tries_and_the_lockout_count(
    staff_window, qtbot, staff_ca, virtual_card_slot
):
    window = staff_window.main
    _open_pad(staff_window, qtbot)
    virtual_card_slot.insert(PivCard(staff_ca.issue(), pin=CARD_PIN, retries=3))
    _enter(staff_window, qtbot, "999999")
    _wait_message(qtbot, staff_window, "Wrong card PIN: 2 tries left on the card.")
    assert "4 attempt(s) left before entry is locked" in window.technician.pin.message.text()
    assert window.router.current() is ScreenName.TECHNICIAN_PIN
    refused = open_audit_log(staff_window.settings).entries()
    assert [(e.action, e.details.get("reason")) for e in refused] == [("refused", "WrongPin")]


def test_a_blocked_card_says_so(staff_window, qtbot, staff_ca, virtual_card_slot):
    window = staff_window.main
    _open_pad(staff_window, qtbot)
    virtual_card_slot.insert(PivCard(staff_ca.issue(), pin=CARD_PIN, retries=0))
    _enter(staff_window, qtbot, CARD_PIN)
    _wait_message(qtbot, staff_window, "PIN is blocked")
    assert window.router.current() is ScreenName.TECHNICIAN_PIN


def test_a_piv_card_not_from_the_staff_ca_is_refused(
    staff_window, qtbot, staff_ca, virtual_card_slot
):
    window = staff_window.main
    _open_pad(staff_window, qtbot)
    virtual_card_slot.insert(PivCard(make_credentials(), pin=CARD_PIN))
    _enter(staff_window, qtbot, CARD_PIN)
    _wait_message(qtbot, staff_window, "not from the staff CA")
    assert window.router.current() is ScreenName.TECHNICIAN_PIN
