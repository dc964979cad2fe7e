"""The receipt at the end of the journey: its number on screen, a QR code a phone can read, and
the large on-screen receipt when the printer is out of paper."""

from __future__ import annotations

import numpy as np
import pytest
from PySide6.QtGui import QImage

from devices.printer.loopback import LoopbackState
from kiosk.qr_camera import decode_qr_texts
from offline_cache.errors import RESIDENT_MESSAGE_ZH
from offline_cache.vault import ATTACHMENT_SUFFIX
from tests.ui.conftest import FakeClock
from tests.ui.event_loop import settle
from tests.ui.journey_driver import at, click, run_to_consent, sign
from ui.main_window import MainWindow
from ui.router import ScreenName


def _decode_qr(image: QImage) -> str:
    image = image.convertToFormat(QImage.Format.Format_Grayscale8)
    width, height = image.width(), image.height()
    data = np.frombuffer(image.constBits(), dtype=np.uint8, count=image.bytesPerLine() * height)
    pixels = data.reshape(height, image.bytesPerLine())[:, :width].copy()
    # The kiosk's own decoder: the classic detector misses some codes (receipt numbers vary).
    texts = decode_qr_texts(pixels)
    return texts[0] if texts else ""


def _window(qtbot, settings) -> MainWindow:
    main = MainWindow(settings, gesture_clock=FakeClock())
    qtbot.addWidget(main, before_close_func=lambda w: w.shutdown())
    main.setGeometry(0, 0, 1920, 1080)
    main.show()
    qtbot.waitExposed(main)
    settle()
    return main


def _submit(qtbot, window: MainWindow) -> None:
    sign(window)
    click(qtbot, window.journey.consent.submit_button)
    qtbot.waitUntil(lambda: at(window, ScreenName.RECEIPT), timeout=10000)


def test_printed_receipt_shows_its_number_and_a_qr_code_that_decodes(window, qtbot):
    run_to_consent(qtbot, window)
    _submit(qtbot, window)
    screen = window.journey.receipt
    receipt = screen.receipt
    assert receipt.receipt_number in screen.number_label.text()
    assert f"回执编号：{receipt.receipt_number}" in screen.preview.lines()
    assert receipt.tracking_url.endswith(f"/track/{receipt.receipt_number}")
    assert _decode_qr(screen.preview.grab().toImage()) == receipt.tracking_url
    assert not screen.is_large()
    assert "请取走" in screen.explanation.text()


def test_out_of_paper_the_resident_is_warned_and_gets_a_large_receipt_to_photograph(
    qtbot, settings_factory, loopback_printer
):
    loopback_printer.set_state(LoopbackState.PAPER_OUT)
    settings = settings_factory(
        devices__printer={"backend": "network", "host": "127.0.0.1", "port": loopback_printer.port}
    )
    window = _window(qtbot, settings)
    run_to_consent(qtbot, window)
    consent = window.journey.consent
    qtbot.waitUntil(lambda: consent.printer_notice.isVisible(), timeout=5000)
    assert "缺纸" in consent.printer_notice.text()

    _submit(qtbot, window)
    screen = window.journey.receipt
    assert screen.is_large()
    assert "拍" in screen.heading.text()
    assert screen.big_qr.isVisible()
    assert screen.big_qr.pixmap().width() >= 360  # large enough to photograph from the screen
    assert _decode_qr(screen.big_qr.pixmap().toImage()) == screen.receipt.tracking_url
    assert _decode_qr(screen.preview.grab().toImage()) == screen.receipt.tracking_url
    assert b"\x1b@" not in loopback_printer.received  # nothing was sent to print
    # a technician can still reprint it by number once paper is back
    desk = window.journey.receipt_step.desk
    assert desk.archive.get(screen.receipt.receipt_number) == screen.receipt


def test_storage_failure_shows_the_resident_message_and_keeps_the_application(
    qtbot, kiosk_settings
):
    # Encrypted data without its key: the store refuses to open rather than lose it.
    vault = kiosk_settings.storage.data_dir / "vault"
    vault.mkdir(parents=True)
    (vault / f"00000000-0000-0000-0000-000000000001{ATTACHMENT_SUFFIX}").write_bytes(b"sealed")
    window = _window(qtbot, kiosk_settings)
    run_to_consent(qtbot, window)
    sign(window)
    click(qtbot, window.journey.consent.submit_button)
    consent = window.journey.consent
    qtbot.waitUntil(lambda: consent.message.text() == RESIDENT_MESSAGE_ZH, timeout=5000)
    assert at(window, ScreenName.CONSENT)
    assert consent.submit_button.isEnabled()  # the answers are still there to retry
    assert window.keeper.current.form_data["contact"]["phone"]


@pytest.mark.parametrize("language_button_clicks", [1])
def test_receipt_screen_follows_the_language(window, qtbot, language_button_clicks):
    run_to_consent(qtbot, window)
    _submit(qtbot, window)
    for _ in range(language_button_clicks):
        click(qtbot, window.header.language_button)
    assert window.journey.receipt.finish_button.text() == "Finish"


def test_back_after_submitting_never_submits_twice(window, qtbot):
    run_to_consent(qtbot, window)
    _submit(qtbot, window)
    number = window.journey.receipt.receipt.receipt_number
    click(qtbot, window.footer.back_button)
    assert at(window, ScreenName.CONSENT)
    assert not window.journey.consent.submit_button.isEnabled()
    window.journey.submit()  # even if it were touched, the receipt comes back, not a new one
    settle()
    assert at(window, ScreenName.RECEIPT)
    assert window.journey.receipt.receipt.receipt_number == number
