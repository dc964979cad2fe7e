"""Track: the platform's history for a submitted application, the last known state with its
time when offline, plain messages otherwise; the lookup never blocks the UI thread and the
number is never logged."""

from __future__ import annotations

import time

import pytest
from PySide6.QtCore import Qt

from kiosk.receipt_number import CHINA_STANDARD_TIME
from kiosk.tracking_qr import open_receipt_qr_scanner
from tests.fixtures.tracking import open_tracking_terminal, seed_one
from tests.ui.tracking_window import offline, open_window
from ui.router import ScreenName

LOOKUP_TIMEOUT_MS = 15_000


@pytest.fixture
def terminal(tmp_path, tls_platform):
    """An enrolled terminal with one application the platform accepted."""
    opened = open_tracking_terminal(tmp_path, tls_platform)
    app_id = seed_one(opened)
    opened.engine.cycle()
    tls_platform.admin.move(app_id, "accepted", "材料齐全")
    opened.engine.cycle()
    opened.application_id = app_id
    try:
        yield opened
    finally:
        tls_platform.admin.set_faults()
        opened.client.close()
        opened.store.close()


def _query(qtbot, window, number):
    window.router.go(ScreenName.TRACK)
    window.track.number_edit.setText(number)
    qtbot.mouseClick(window.track.query_button, Qt.MouseButton.LeftButton)


def test_tracking_a_submitted_application_shows_its_history(qtbot, terminal, caplog):
    # INFO as on a terminal: urllib3's DEBUG lines carry request URLs (see the report).
    caplog.set_level("INFO")
    window = open_window(qtbot, terminal.settings)
    record = terminal.store.outbox.get(terminal.application_id)
    _query(qtbot, window, record.receipt_number)
    qtbot.waitUntil(lambda: window.track.status_label.isVisible(), timeout=LOOKUP_TIMEOUT_MS)
    track = window.track
    assert record.platform_number in track.status_label.text()
    assert "受理" in track.status_label.text() or "Accepted" in track.status_label.text()
    history = track.history_texts()
    assert len(history) == 2  # received, accepted
    assert track.answer_text() == ""
    assert track.rate_button.isVisible()
    assert record.receipt_number not in caplog.text
    qtbot.mouseClick(track.rate_button, Qt.MouseButton.LeftButton)
    assert window.router.current() is ScreenName.RATE
    assert window.rate.number_edit.text() == record.platform_number


def test_offline_tracking_shows_the_last_known_state_with_its_time(qtbot, terminal):
    window = open_window(qtbot, offline(terminal.settings))
    record = terminal.store.outbox.get(terminal.application_id)
    _query(qtbot, window, record.platform_number)
    qtbot.waitUntil(lambda: window.track.status_label.isVisible(), timeout=LOOKUP_TIMEOUT_MS)
    source = window.track.source_label.text()
    local = record.updated_at.astimezone(CHINA_STANDARD_TIME)
    assert local.strftime("%Y-%m-%d %H:%M") in source


def test_an_unknown_number_gets_a_plain_message(qtbot, terminal):
    from datetime import date

    from kiosk.receipt_number import format_receipt_number

    window = open_window(qtbot, terminal.settings)
    _query(qtbot, window, format_receipt_number("MY-ELSE-009", date(2024, 5, 1), 9))
    qtbot.waitUntil(
        lambda: window.track.answer_text() != "" and window.track.query_button.isEnabled(),
        timeout=LOOKUP_TIMEOUT_MS,
    )
    assert not window.track.status_label.isVisible()
    assert window.track.history_texts() == []
    assert window.track.answer_text()  # a message, not a made-up status


def test_a_mistyped_number_is_refused(qtbot, terminal):
    window = open_window(qtbot, terminal.settings)
    _query(qtbot, window, "MY0001202405060007")
    qtbot.waitUntil(lambda: window.track.query_button.isEnabled(), timeout=LOOKUP_TIMEOUT_MS)
    assert window.track.answer_text()
    assert not window.track.status_label.isVisible()


def test_query_without_a_number_asks_for_it(window, qtbot):
    window.router.go(ScreenName.TRACK)
    qtbot.mouseClick(window.track.query_button, Qt.MouseButton.LeftButton)
    assert window.track.answer_text() == "请先输入编号。"


def test_the_field_has_a_visible_label(window):
    window.router.go(ScreenName.TRACK)
    label = window.track._label
    assert label.buddy() is window.track.number_edit
    assert label.text() == "回执编号或办件编号"


def test_the_scan_button_shows_only_with_a_camera_qr_source(window, kiosk_settings):
    window.router.go(ScreenName.TRACK)
    assert not window.track.scan_button.isVisible()
    window.track.set_qr_source(open_receipt_qr_scanner(kiosk_settings))  # the demo camera
    assert window.track.scan_button.isVisible()
    window.track.set_qr_source(None)
    assert not window.track.scan_button.isVisible()


def test_a_slow_platform_never_blocks_the_ui_thread(qtbot, terminal, tls_platform):
    window = open_window(qtbot, terminal.settings)
    record = terminal.store.outbox.get(terminal.application_id)
    tls_platform.admin.set_faults(latency_ms=1500)
    started = time.monotonic()
    _query(qtbot, window, record.receipt_number)
    assert time.monotonic() - started < 0.5
    assert not window.track.query_button.isEnabled()  # busy, and saying so
    assert window.track.answer_text()
    qtbot.waitUntil(lambda: window.track.status_label.isVisible(), timeout=LOOKUP_TIMEOUT_MS)
    assert window.track.query_button.isEnabled()
