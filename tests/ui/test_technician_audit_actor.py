"""Who did it: a technician who entered with a staff card (real pcscd + vpcd, test staff CA) is
named by their staff id in the audit entries of the technician pages' actions, not as a generic
"technician"; leaving technician mode forgets them."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QPoint, Qt, QThreadPool

from kiosk.audit import open_audit_log
from kiosk.identity_session import open_identity_service
from kiosk.session import SessionKeeper
from kiosk.technician_auth import PIN_ACTOR, TECHNICIAN_ACTOR
from offline_cache.store import OfflineStore
from tests.fixtures.pcsc import VIRTUAL_READERS
from tests.fixtures.staff_ca import IssuingStaffCa
from tests.fixtures.sync import seed_applications
from tests.fixtures.virtual_cards.piv_card import PivCard
from tests.ui.conftest import FakeClock
from tests.ui.event_loop import settle
from ui.main_window import MainWindow
from ui.router import ScreenName
from ui.screens.technician_home import TechnicianHomeScreen

CARD_PIN = "123456"
STAFF_ID = "TECH-0077"
TIMEOUT_MS = 30_000


@pytest.mark.stack
def test_a_queue_retry_is_audited_under_the_staff_id_of_the_card_that_entered(
    qtbot, settings_factory, staff_ca: IssuingStaffCa, virtual_card_slot
) -> None:
    settings = settings_factory(
        ui={"default_language": "en"},
        devices__card_readers=[{"backend": "pcsc", "reader_name": VIRTUAL_READERS[0]}],
        staff_card={"ca_file": str(staff_ca.pem_file)},
    )
    store = OfflineStore.open(settings.storage)
    try:
        seed_applications(store, 1, attachments=0, terminal_id=settings.terminal.id)
        receipt_number = store.outbox.all_records()[0].receipt_number
    finally:
        store.close()
    # python-sane is not thread-safe: no earlier test's device inventory may still be running.
    QThreadPool.globalInstance().waitForDone(30000)
    clock = FakeClock()
    keeper = SessionKeeper(settings.ui, settings.session, clock=clock)
    service = open_identity_service(settings.devices.card_readers, lambda: keeper.current)
    window = MainWindow(settings, keeper=keeper, identity_service=service, gesture_clock=clock)
    qtbot.addWidget(window, before_close_func=lambda w: w.shutdown())
    window.setGeometry(0, 0, 1920, 1080)
    window.show()
    settle()
    try:
        # The hidden gesture, then the staff card and its PIN.
        for _ in range(5):
            child = window.childAt(40, 30)
            target = child if child is not None else window
            qtbot.mouseClick(
                target, Qt.MouseButton.LeftButton, pos=target.mapFrom(window, QPoint(40, 30))
            )
            clock.advance(0.3)
        pad = window.technician.pin
        qtbot.waitUntil(lambda: "staff card" in pad.message.text(), timeout=5000)
        qtbot.waitUntil(pad.ok_button.isEnabled, timeout=5000)
        virtual_card_slot.insert(PivCard(staff_ca.issue(staff_id=STAFF_ID), pin=CARD_PIN))
        for digit in CARD_PIN:
            qtbot.mouseClick(pad.digit_buttons[int(digit)], Qt.MouseButton.LeftButton)
        qtbot.mouseClick(pad.ok_button, Qt.MouseButton.LeftButton)
        qtbot.waitUntil(
            lambda: window.router.current() is ScreenName.TECHNICIAN, timeout=TIMEOUT_MS
        )
        home = window.technician.home
        assert home.actor == STAFF_ID
        # Every page audits its actions under the staff id while the technician is in.
        assert {home.queue.actor, home.settings_page.actor, home.enrollment.actor} == {STAFF_ID}

        # Queue page: retry the waiting application.
        qtbot.mouseClick(home.page_buttons[1], Qt.MouseButton.LeftButton)
        queue = home.queue
        qtbot.waitUntil(lambda: queue.table.rowCount() == 1, timeout=TIMEOUT_MS)
        queue.select_receipt(receipt_number)
        assert queue.retry_button.isEnabled(), "selecting the row left Retry disabled"
        qtbot.mouseClick(queue.retry_button, Qt.MouseButton.LeftButton)
        log = open_audit_log(settings)

        def retried() -> None:
            # The worker writes the audit entry, then the page shows the result: wait for both,
            # and on failure say what the page showed (a refused audit detail is shown there).
            entries = [(e.kind, e.action, e.actor) for e in log.entries()]
            shown = queue.result.text()
            assert receipt_number in shown and ("queue", "retry", STAFF_ID) in entries, (
                f"retry of {receipt_number}: the page shows {shown!r}; audit entries {entries}"
            )

        qtbot.waitUntil(retried, timeout=TIMEOUT_MS)
        retries = [e for e in log.entries() if e.action == "retry"]
        assert [(e.kind, e.actor) for e in retries] == [("queue", STAFF_ID)]

        # Leaving forgets who it was: the pages are back to nobody in particular.
        qtbot.mouseClick(home.leave_button, Qt.MouseButton.LeftButton)
        assert window.router.current() is ScreenName.ATTRACT
        assert home.actor is None
        assert {home.queue.actor, home.settings_page.actor, home.enrollment.actor} == {
            TECHNICIAN_ACTOR
        }
        qtbot.waitUntil(lambda: any(e.action == "leave" for e in log.entries()), timeout=5000)
        assert [(e.action, e.actor) for e in log.entries() if e.kind == "technician"] == [
            ("enter", STAFF_ID),
            ("leave", STAFF_ID),
        ]
        assert log.verify().ok
    finally:
        window.shutdown()
        QThreadPool.globalInstance().waitForDone(30000)


def test_pin_entry_names_the_technician_pin_on_every_audited_page(qtbot, settings_factory) -> None:
    home = TechnicianHomeScreen(settings_factory(), lambda: None)
    qtbot.addWidget(home)

    home.set_actor(PIN_ACTOR)
    assert (home.queue.actor, home.settings_page.actor, home.enrollment.actor) == (PIN_ACTOR,) * 3

    home.reset()
    assert home.actor is None and home.queue.actor == TECHNICIAN_ACTOR
