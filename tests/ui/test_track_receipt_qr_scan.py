"""Track by the receipt's QR: the camera (a video file here) reads the tracking URL, the Track
screen shows that application's status as if its number was typed; a foreign QR or one whose
MAC is wrong gets a plain message and is never looked up; demo mode's camera shows a receipt."""

from __future__ import annotations

import os
from datetime import date
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QImage

from config.schema import Language
from kiosk.receipt_number import format_receipt_number
from kiosk.tracking import TrackAnswer, Tracker
from kiosk.tracking_qr import DemoReceiptCamera, ReceiptQrScanner
from kiosk.tracking_url import tracking_url
from tests.fixtures.receipt_qr import MAC_KEY, give_mac_key, receipt_scanner, receipt_video
from tests.fixtures.tracking import open_tracking_terminal, seed_one
from tests.ui.event_loop import settle
from tests.ui.tracking_window import open_window
from ui.router import ScreenName
from ui.screens.track import TrackScreen

SCAN_TIMEOUT_MS = 15_000


@pytest.fixture
def terminal(tmp_path, tls_platform):
    """An enrolled terminal holding a receipt MAC key, with one application the platform
    accepted."""
    opened = open_tracking_terminal(tmp_path, tls_platform)
    give_mac_key(opened.settings)
    app_id = seed_one(opened)
    opened.engine.cycle()
    tls_platform.admin.move(app_id, "accepted", "材料齐全")
    opened.engine.cycle()
    opened.record = opened.store.outbox.get(app_id)
    try:
        yield opened
    finally:
        opened.client.close()
        opened.store.close()


class CountingTracker(Tracker):
    """A tracker that notes every lookup (to show a refused QR is never looked up)."""

    def __init__(self, settings) -> None:
        super().__init__(settings)
        self.looked_up: list[str] = []

    def lookup(self, text: str) -> TrackAnswer:
        self.looked_up.append(text)
        return super().lookup(text)


def _scan_in_window(qtbot, settings, scanner: ReceiptQrScanner):
    window = open_window(qtbot, settings)
    window.track.set_qr_source(scanner)
    window.router.go(ScreenName.TRACK)
    assert window.track.scan_button.isVisible()
    qtbot.mouseClick(window.track.scan_button, Qt.MouseButton.LeftButton)
    assert window.track.pages.currentWidget() is window.track.qr_scan
    return window


def _track_screen(qtbot, settings, video: Path) -> tuple[TrackScreen, CountingTracker]:
    tracker = CountingTracker(settings)
    screen = TrackScreen(settings, tracker=tracker)
    qtbot.addWidget(screen, before_close_func=lambda s: s.qr_scan.stop_worker())
    screen.setGeometry(0, 0, 1920, 960)
    screen.set_qr_source(receipt_scanner(video, settings))
    screen.show()
    qtbot.waitExposed(screen)
    screen.scan_button.click()
    return screen, tracker


def test_the_receipt_qr_shows_that_applications_status(qtbot, terminal, tmp_path):
    record = terminal.record
    url = tracking_url(str(terminal.settings.platform.url), record.receipt_number, MAC_KEY)
    video = receipt_video(tmp_path / "receipt.avi", url)
    window = _scan_in_window(qtbot, terminal.settings, receipt_scanner(video, terminal.settings))
    track = window.track
    qtbot.waitUntil(lambda: track.status_label.isVisible(), timeout=SCAN_TIMEOUT_MS)
    assert track.pages.currentIndex() == 0  # back on the field, the number read shown
    assert not track.qr_scan.is_scanning()  # the camera is released
    assert track.number_edit.text() == record.receipt_number
    assert record.platform_number in track.status_label.text()
    assert len(track.history_texts()) == 2  # received, accepted
    assert track.answer_text() == ""


def _other_hosts_receipt(settings) -> str:
    # A receipt URL with the right MAC, but of another host: not this hall's receipt.
    number = format_receipt_number(settings.terminal.id, date(2024, 5, 1), 3)
    return tracking_url("https://evil.example/", number, MAC_KEY)


@pytest.mark.parametrize(
    "make_text",
    [lambda _settings: "https://example.com/x", _other_hosts_receipt],
    ids=["foreign-url", "other-host"],
)
def test_a_foreign_qr_gets_a_plain_message_and_no_lookup(
    qtbot, kiosk_settings, tmp_path, make_text
):
    give_mac_key(kiosk_settings)
    text = make_text(kiosk_settings)
    screen, tracker = _track_screen(qtbot, kiosk_settings, receipt_video(tmp_path / "f.avi", text))
    message = screen.qr_scan.tr(
        "This QR code is not a receipt of this service hall. "
        "Please hold up the QR code printed on your receipt."
    )
    qtbot.waitUntil(lambda: screen.qr_scan.status_text() == message, timeout=SCAN_TIMEOUT_MS)
    assert screen.qr_scan.isVisible() and screen.qr_scan.is_scanning()  # scanning goes on
    screen.qr_scan.back_button.click()
    assert not screen.qr_scan.is_scanning()
    assert screen.pages.currentIndex() == 0
    assert tracker.looked_up == []
    assert screen.answer_text() == ""


def test_a_receipt_qr_with_a_tampered_mac_is_refused(qtbot, kiosk_settings, tmp_path):
    give_mac_key(kiosk_settings)
    number = format_receipt_number(kiosk_settings.terminal.id, date(2024, 5, 1), 3)
    genuine = tracking_url(str(kiosk_settings.platform.url), number, MAC_KEY)
    tampered = genuine[:-4] + ("0000" if not genuine.endswith("0000") else "1111")
    video = receipt_video(tmp_path / "forged.avi", tampered)
    screen, tracker = _track_screen(qtbot, kiosk_settings, video)
    message = screen.qr_scan.tr(
        "This receipt QR code could not be verified, so it is not looked up. "
        "Please type the number printed on the receipt, or ask at the service counter."
    )
    qtbot.waitUntil(lambda: screen.qr_scan.status_text() == message, timeout=SCAN_TIMEOUT_MS)
    screen.qr_scan.stop_scan("")
    assert tracker.looked_up == []
    assert screen.number_edit.text() == ""


def test_demo_mode_camera_shows_the_newest_receipt(qtbot, terminal, tmp_path):
    scanner = ReceiptQrScanner(
        DemoReceiptCamera(terminal.settings, tmp_path / "demo"), terminal.settings
    )
    window = _scan_in_window(qtbot, terminal.settings, scanner)
    qtbot.waitUntil(lambda: window.track.status_label.isVisible(), timeout=SCAN_TIMEOUT_MS)
    assert window.track.number_edit.text() == terminal.record.receipt_number


def _shot(window, language: Language, path: Path) -> QImage:
    window.set_language(language)
    settle()
    window.grab().save(str(path))
    return QImage(str(path))


def test_the_track_screen_and_its_camera_view_render_in_both_languages(
    qtbot, kiosk_settings, tmp_path
):
    out = Path(os.environ.get("TRACK_SHOTS_DIR", tmp_path))
    video = receipt_video(tmp_path / "pay.avi", "https://qr.alipay.com/fkx12345")
    window = open_window(qtbot, kiosk_settings)
    window.track.set_qr_source(receipt_scanner(video, kiosk_settings))
    window.router.go(ScreenName.TRACK)
    shots = [
        _shot(window, language, out / f"track-scan-button-{language.value}.png")
        for language in (Language.ZH, Language.EN)
    ]
    window.track.scan_button.click()
    scan = window.track.qr_scan
    looking = scan.problem_text(None)
    qtbot.waitUntil(
        lambda: scan.preview.pixmap().width() > 0 and scan.status_text() != looking,
        timeout=SCAN_TIMEOUT_MS,
    )
    scan.stop_worker()  # hold the picture still for the shots
    shots += [
        _shot(window, language, out / f"track-receipt-qr-{language.value}.png")
        for language in (Language.ZH, Language.EN)
    ]
    assert all(s.width() == 1920 and s.height() == 1080 for s in shots)
    assert shots[0] != shots[1] and shots[2] != shots[3]
