"""Technician mode: gesture → PIN pad → lockout after five wrong PINs with the time left →
right PIN after the lockout → technician home with doctor results → leave, nothing left."""

from __future__ import annotations

import logging

import pytest
from PySide6.QtCore import QPoint, Qt

from config.secrets import Secrets, write_secrets
from kiosk.technician_auth import LockoutPolicy, TechnicianGate, hash_pin
from offline_cache.store import OfflineStore
from tests.fixtures.settings import make_settings
from tests.fixtures.sync import seed_applications
from ui.router import ScreenName

PIN = "80246813"
WRONG = "13579246"


class WallClock:
    """The gate's wall clock, moved by the test."""

    def __init__(self) -> None:
        self.now = 1_700_000_000.0

    def __call__(self) -> float:
        return self.now


@pytest.fixture
def kiosk_settings(tmp_path, reference_platform, loopback_printer):
    """Demo settings with the reference platform and the loopback ESC/POS printer."""
    return make_settings(
        tmp_path,
        platform={"url": reference_platform + "/", "start_reference_server": False},
        ui={"default_language": "en"},
        devices={
            "printer": {
                "backend": "network",
                "host": "127.0.0.1",
                "port": loopback_printer.port,
                "paper_width_mm": 80,
                "chars_per_line": 48,
            }
        },
    )


@pytest.fixture
def gate_clock(window, kiosk_settings) -> WallClock:
    """A PIN set in the secrets file; the window's gate reads it on a fake wall clock."""
    pin_hash = hash_pin(PIN)
    write_secrets(kiosk_settings.storage.secrets_file, Secrets(technician_pin_hash=pin_hash))
    clock = WallClock()
    window.technician.gate_factory = lambda: TechnicianGate(
        pin_hash,
        kiosk_settings.storage.data_dir,
        clock=clock,
        policy=LockoutPolicy(first_lock_s=120),
    )
    return clock


def _gesture(window, qtbot, clock) -> None:
    for _ in range(5):
        child = window.childAt(40, 30)
        target = child if child is not None else window
        qtbot.mouseClick(
            target, Qt.MouseButton.LeftButton, pos=target.mapFrom(window, QPoint(40, 30))
        )
        clock.advance(0.3)


def _enter(window, qtbot, pin: str) -> None:
    pad = window.technician.pin
    for digit in pin:
        qtbot.mouseClick(pad.digit_buttons[int(digit)], Qt.MouseButton.LeftButton)
    assert len(pad.pin_edit.text()) == len(pin)
    assert pad.pin_edit.echoMode() is pad.pin_edit.EchoMode.Password
    qtbot.mouseClick(pad.ok_button, Qt.MouseButton.LeftButton)


def test_pin_lockout_entry_and_leaving_without_a_trace(window, qtbot, clock, gate_clock, caplog):
    caplog.set_level(logging.DEBUG)
    pad = window.technician.pin
    _gesture(window, qtbot, clock)
    assert window.router.current() is ScreenName.TECHNICIAN_PIN

    for left in (4, 3, 2, 1):
        _enter(window, qtbot, WRONG)
        qtbot.waitUntil(lambda n=left: f"{n} attempt(s) left" in pad.message.text(), timeout=5000)
    _enter(window, qtbot, WRONG)
    qtbot.waitUntil(lambda: "locked for 2 min 00 s" in pad.message.text(), timeout=5000)
    assert not pad.ok_button.isEnabled() and not pad.digit_buttons[0].isEnabled()

    gate_clock.now += 75
    window.technician.update_lock()
    assert "locked for 45 s" in pad.message.text()
    gate_clock.now += 45
    window.technician.update_lock()
    assert pad.ok_button.isEnabled() and "open again" in pad.message.text()

    _enter(window, qtbot, PIN)
    qtbot.waitUntil(lambda: window.router.current() is ScreenName.TECHNICIAN, timeout=5000)
    home = window.technician.home
    # The Devices page opens with the doctor's results and what is detected.
    qtbot.waitUntil(lambda: "Detected SANE devices" in home.devices.report.text(), timeout=30000)
    report = home.devices.report.text()
    assert "[OK  ] receipt printer (network): ok" in report
    assert "card reader" in report and "Detected PC/SC readers" in report

    qtbot.mouseClick(home.devices.printer_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(
        lambda: "printer (network): OK" in home.devices.test_result.text(), timeout=10000
    )
    assert " s)" in home.devices.test_result.text()  # with its timing

    qtbot.mouseClick(home.leave_button, Qt.MouseButton.LeftButton)
    assert window.router.current() is ScreenName.ATTRACT
    assert not window.technician.authorized
    assert home.devices.report.text() == "" and home.devices.test_result.text() == ""
    assert pad.pin_edit.text() == "" and pad.message.text() == "Enter the technician PIN."
    window.router.go(ScreenName.TECHNICIAN)  # no way back in without the PIN
    assert window.router.current() is ScreenName.TECHNICIAN_PIN
    assert home.devices.report.text() == ""

    logged = "\n".join(f"{r.getMessage()} {r.__dict__}" for r in caplog.records)
    assert "technician entry locked" in logged
    assert PIN not in logged and WRONG not in logged


def test_queue_page_lists_a_waiting_application(window, qtbot, clock, gate_clock, kiosk_settings):
    store = OfflineStore.open(kiosk_settings.storage)
    try:
        seed_applications(store, 1, attachments=1, size=1000)
        number = store.outbox.all_records()[0].receipt_number
    finally:
        store.close()
    _gesture(window, qtbot, clock)
    _enter(window, qtbot, PIN)
    qtbot.waitUntil(lambda: window.router.current() is ScreenName.TECHNICIAN, timeout=5000)
    home = window.technician.home
    qtbot.mouseClick(home.page_buttons[1], Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: home.queue.table.rowCount() == 1, timeout=10000)
    assert home.queue.counts.text() == "Waiting: 1 · Quarantined: 0"
    assert home.queue.table.item(0, 0).text() == number
    assert home.queue.table.item(0, 2).text() == "waiting"
