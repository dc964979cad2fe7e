"""A mobile service unit end to end, with the platform out of reach: the field staff member
signs in → the resident's card is read → apply → the receipt names both → a rating is queued;
the banner says how long it has been offline. Then the platform comes up and one sync pass
delivers the application with the staff member and the GPS location in the platform's record."""

from __future__ import annotations

from pathlib import Path

import pytest

from config.loader import read_toml, settings_from_data
from devices.cardreader.simulated import DEMO_RESIDENTS, SimulatedCardReader
from kiosk.assisted_session import AssistingStaff
from kiosk.audit import open_audit_log
from kiosk.identity import mask_name, mask_resident_id
from kiosk.identity_session import ReaderIdentityService
from kiosk.rating import RatingLevel
from kiosk.session import EndReason, SessionKeeper
from tests.fixtures.gps_receiver import WEICHENG
from tests.fixtures.pcsc import VIRTUAL_READERS
from tests.fixtures.platform import running_reference_platform
from tests.fixtures.stacks import free_port
from tests.fixtures.sync import FAST_SYNC, enroll_terminal, open_terminal
from tests.fixtures.virtual_cards.piv_card import PivCard
from tests.ui.event_loop import settle
from tests.ui.identity_window import TODAY
from tests.ui.journey_driver import (
    HUKOU_OFFER,
    at,
    capture_all,
    click,
    fill_hukou_transfer,
    sign,
)
from ui.main_window import MainWindow
from ui.router import ScreenName
from ui.screens.identity_screen import IdentifyState

RESIDENT = DEMO_RESIDENTS[0]
STAFF = AssistingStaff("S0042", "王晓明")
STAFF_PIN = "246810"  # the virtual staff card's PIN
PLACE = "游仙区魏城镇 便民服务车"
TIMEOUT_MS = 15_000


def mobile_unit_settings(root: Path, port: int, gps_port: str, staff_ca_file: Path):
    """The shipped mobile-unit profile, paths under ``root``: the virtual PC/SC reader for the
    staff card, demo resident cards and devices, a pty GPS, and a platform on ``port`` where
    nothing listens yet."""
    data = read_toml("mobile-unit")
    data["storage"] = {
        "data_dir": str(root / "data"),
        "key_file": str(root / "keys" / "storage.key"),
        "secrets_file": str(root / "keys" / "secrets.toml"),
    }
    data["logging"] = {"file": str(root / "logs" / "kiosk.log")}
    data["devices"] = {
        "card_readers": [
            {"backend": "pcsc", "reader_name": VIRTUAL_READERS[0]},
            {"backend": "simulated"},
        ],
        "scanners": [{"backend": "simulated"}],
        "printer": {"backend": "simulated"},
        "gps": {"port": gps_port, "baudrate": 9600},
    }
    data["platform"] = {
        "url": f"http://127.0.0.1:{port}/",
        "connect_timeout_s": 1.0,
        "read_timeout_s": 5.0,
    }
    data["sync"] = dict(FAST_SYNC)
    data["staff_card"] = {"ca_file": str(staff_ca_file)}
    data["mobile"]["place_name"] = PLACE
    data["ui"]["default_language"] = "en"  # the staff member's choice; the receipt is Chinese
    return settings_from_data(data, source="mobile-unit (test)", env={})


@pytest.mark.stack
def test_an_assisted_application_offline_then_delivered_with_staff_and_location(
    qtbot, tmp_path, simulated_gps, virtual_card_slot, staff_ca
):
    simulated_gps.fix_at(*WEICHENG)
    # The field staff member's card, issued by the staff CA the terminal trusts.
    virtual_card_slot.insert(
        PivCard(staff_ca.issue(name=STAFF.name, staff_id=STAFF.staff_id), pin=STAFF_PIN)
    )
    port = free_port()
    settings = mobile_unit_settings(tmp_path, port, simulated_gps.port, staff_ca.pem_file)
    assert settings.profile == "mobile-unit" and not settings.ui.fullscreen
    reader = SimulatedCardReader()
    keeper = SessionKeeper(settings.ui, settings.session)
    service = ReaderIdentityService([], lambda: keeper.current, built=[reader], today=lambda: TODAY)
    window = MainWindow(settings, keeper=keeper, identity_service=service)
    qtbot.addWidget(window, before_close_func=lambda w: w.shutdown())
    window.setGeometry(0, 0, 1920, 1080)
    window.show()
    qtbot.waitExposed(window)
    settle()
    mobile = window.mobile
    assert mobile is not None

    # Never in contact with the platform: the banner says so, over the attract screen.
    qtbot.waitUntil(lambda: mobile.banner.isVisible(), timeout=TIMEOUT_MS)
    banner = mobile.banner.text.text()
    assert "not yet connected" in banner and "0 applications waiting" in banner
    assert "no staff member signed in" in mobile.staff_bar.text.text()

    # The Apply tile asks for the staff card's PIN first (real pcscd + virtual PIV card);
    # a wrong PIN is refused with the tries left.
    click(qtbot, window.attract.tiles[0])
    assert at(window, ScreenName.STAFF_SIGN_IN)
    screen = mobile.screen
    for digit in "111111":
        click(qtbot, screen.digit_buttons[int(digit)])
    click(qtbot, screen.sign_in_button)
    qtbot.waitUntil(lambda: screen.message.text() == "Wrong PIN. 2 tries left.", timeout=TIMEOUT_MS)
    assert at(window, ScreenName.STAFF_SIGN_IN)
    for digit in STAFF_PIN:
        click(qtbot, screen.digit_buttons[int(digit)])
    click(qtbot, screen.sign_in_button)
    qtbot.waitUntil(lambda: at(window, ScreenName.IDENTIFY), timeout=TIMEOUT_MS)
    assert mobile.staff_bar.text.text() == "Assisted by: S0042 王**"

    # The resident identifies with the card and applies.
    identify = window.identity_flow.screen
    qtbot.waitUntil(lambda: identify.state() is IdentifyState.WAITING, timeout=3000)
    reader.present(0)
    qtbot.waitUntil(lambda: identify.state() is IdentifyState.IDENTIFIED, timeout=3000)
    click(qtbot, identify.continue_button)
    assert at(window, ScreenName.APPLY)
    click(qtbot, window.journey.choice.button_for(HUKOU_OFFER.code))
    fill_hukou_transfer(qtbot, window)
    click(qtbot, window.journey.form.next_button)
    capture_all(qtbot, window)
    click(qtbot, window.journey.materials.next_button)
    click(qtbot, window.journey.review.confirm_button)
    sign(window)
    click(qtbot, window.journey.consent.submit_button)
    qtbot.waitUntil(lambda: at(window, ScreenName.RECEIPT), timeout=TIMEOUT_MS)

    # The receipt names both: the resident (masked) and the staff member (number, masked name).
    receipt = window.journey.receipt.receipt
    assert receipt is not None
    lines = window.journey.receipt.preview.lines()
    applicant = f"{mask_name(RESIDENT.name)}（{mask_resident_id(RESIDENT.number)}）"
    assert any(applicant in line for line in lines)
    assert "经 办 人：S0042 王**" in lines
    assert not any("晓明" in line or RESIDENT.name in line for line in lines)
    number = receipt.receipt_number

    # Rated at once, offline: queued.
    click(qtbot, window.journey.receipt.rate_button)
    assert at(window, ScreenName.RATE)
    click(qtbot, window.rate.level_buttons[RatingLevel.VERY_SATISFIED])
    click(qtbot, window.rate.submit_button)
    qtbot.waitUntil(lambda: window.rate.done_button.isVisible(), timeout=TIMEOUT_MS)
    click(qtbot, window.rate.done_button)
    assert at(window, ScreenName.ATTRACT)

    # The resident's session is gone; the staff member stays for the next resident.
    assert window.keeper.current.identity is None
    assert mobile.assisted_by() == STAFF
    mobile.refresh()
    qtbot.waitUntil(
        lambda: "1 applications waiting" in mobile.banner.text.text(), timeout=TIMEOUT_MS
    )

    # Its status as last known, offline: the Track screen reads the terminal's own outbox.
    window.router.go(ScreenName.TRACK)
    window.track.number_edit.setText(number)
    click(qtbot, window.track.query_button)
    qtbot.waitUntil(lambda: window.track.status_label.isVisible(), timeout=TIMEOUT_MS)
    assert "Waiting on this terminal to be sent" in window.track.status_label.text()
    assert "Last known state on this terminal" in window.track.source_label.text()
    window.end_session(EndReason.FINISHED)

    # The audit trail: who signed in and finalized, never a name.
    staff_entries = [
        (e.action, e.actor) for e in open_audit_log(settings).entries_since(0) if e.kind == "staff"
    ]
    assert staff_entries == [
        ("staff signed in", "S0042"),
        ("assisted application finalized", "S0042"),
    ]

    # The platform comes up: one sync pass delivers application and rating.
    base = tmp_path / "platform"
    base.mkdir()
    with running_reference_platform(base / "data", base, port=port) as platform:
        terminal = open_terminal(settings, enroll_terminal(settings, platform))
        try:
            report = terminal.engine.cycle()
            assert report.submitted == 1 and report.ratings_sent == 1
            stored = platform.admin.call("GET", f"applications/{number}")
        finally:
            terminal.client.close()
            terminal.store.close()
    assert stored["assisted_by"] == {"staff_id": "S0042", "name": "王晓明"}
    location = stored["location"]
    assert location["source"] == "gps" and location["place_name"] == PLACE
    assert (location["latitude"], location["longitude"]) == pytest.approx(WEICHENG, abs=2e-5)

    # In contact again: the banner goes.
    mobile.refresh()
    qtbot.waitUntil(lambda: not mobile.banner.isVisible(), timeout=TIMEOUT_MS)
