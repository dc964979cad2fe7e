"""The receipt QR: the receipt number out of a scanned tracking URL, only when it is this
platform's host and its MAC matches; read through a camera (a video file, or demo mode's
generated receipt) with OpenCV."""

from __future__ import annotations

from datetime import date

import pytest

from config.schema import CameraScannerSettings, DeviceSettings, SimulatedScannerSettings
from kiosk.qr_camera import decode_qr_texts
from kiosk.receipt_number import format_receipt_number, parse_receipt_number
from kiosk.tracking import Outcome, Tracker
from kiosk.tracking_qr import (
    demo_receipt_frame,
    demo_receipt_text,
    open_receipt_qr_scanner,
)
from kiosk.tracking_url import ReceiptQrKind, read_tracking_url, tracking_url
from tests.fixtures.receipt_qr import MAC_KEY, give_mac_key, receipt_scanner, receipt_video

PLATFORM = "https://gov.example:8443/"
NUMBER = format_receipt_number("MY-DEMO-001", date(2024, 5, 1), 3)


def _read(text: str, mac_key: bytes | None = MAC_KEY):
    return read_tracking_url(text, platform_url=PLATFORM, mac_key=mac_key)


def test_a_genuine_receipt_url_gives_its_number():
    read = _read(tracking_url(PLATFORM, NUMBER, MAC_KEY))
    assert read.kind is ReceiptQrKind.RECEIPT and read.code == NUMBER


def test_the_scheme_may_differ_but_not_the_host_or_port():
    assert _read(tracking_url("http://gov.example:8443", NUMBER, MAC_KEY)).code == NUMBER
    for other in (
        "https://evil.example:8443/",
        "https://gov.example:9443/",
        "https://gov.example/",
    ):
        read = _read(tracking_url(other, NUMBER, MAC_KEY))
        assert read.kind is ReceiptQrKind.NOT_A_RECEIPT and read.code is None


@pytest.mark.parametrize(
    "text",
    ["https://example.com/x", "WIFI:S:hall;T:WPA;P:secret;;", f"{PLATFORM}track/NOT-A-NUMBER"],
)
def test_foreign_codes_are_not_receipts(text):
    assert _read(text).kind is ReceiptQrKind.NOT_A_RECEIPT


def test_a_wrong_or_missing_mac_is_not_verified():
    genuine = tracking_url(PLATFORM, NUMBER, MAC_KEY)
    tampered = genuine[:-4] + ("0000" if not genuine.endswith("0000") else "1111")
    for text in (tampered, tracking_url(PLATFORM, NUMBER), tracking_url(PLATFORM, NUMBER, b"x")):
        read = _read(text)
        assert read.kind is ReceiptQrKind.NOT_VERIFIED and read.code is None


def test_a_terminal_without_a_key_cannot_check_the_mac():
    assert _read(tracking_url(PLATFORM, NUMBER, MAC_KEY), mac_key=None).code == NUMBER


def test_a_typed_url_of_another_host_is_refused_before_any_lookup(settings_factory):
    settings = settings_factory()
    text = tracking_url("https://evil.example/", NUMBER)
    assert Tracker(settings).lookup(text).outcome is Outcome.BAD_QR


def test_the_camera_reads_a_receipt_and_says_what_a_foreign_qr_is(kiosk_settings, tmp_path):
    give_mac_key(kiosk_settings)
    url = tracking_url(str(kiosk_settings.platform.url), NUMBER, MAC_KEY)
    for text, kind in ((url, ReceiptQrKind.RECEIPT), ("https://example.com/x", None)):
        scanner = receipt_scanner(receipt_video(tmp_path / "r.avi", text), kiosk_settings)
        scanner.start()
        try:
            view = scanner.next_view(timeout=5.0)
        finally:
            scanner.stop()
        assert view is not None and view.read is not None
        assert view.read.kind is (kind or ReceiptQrKind.NOT_A_RECEIPT)


def test_the_demo_receipt_decodes_to_its_text():
    url = tracking_url("http://127.0.0.1:8765/", NUMBER, MAC_KEY)
    assert decode_qr_texts(demo_receipt_frame(url)) == [url]


def test_without_applications_the_demo_receipt_has_a_number_of_this_terminal(kiosk_settings):
    read = read_tracking_url(demo_receipt_text(kiosk_settings))
    assert read.code is not None
    parsed = parse_receipt_number(read.code)
    assert parsed is not None and parsed.terminal_id == kiosk_settings.terminal.id


def test_the_receipt_camera_is_the_document_camera_or_demo_modes(kiosk_settings):
    camera = CameraScannerSettings(backend="camera", device="/dev/video0")
    simulated = SimulatedScannerSettings(backend="simulated")

    def with_scanners(*scanners):
        return kiosk_settings.model_copy(update={"devices": DeviceSettings(scanners=[*scanners])})

    assert open_receipt_qr_scanner(with_scanners(camera)) is not None
    demo = open_receipt_qr_scanner(with_scanners(simulated))
    assert demo is not None
    demo.start()  # demo mode: a generated receipt of this terminal lies under the camera
    try:
        view = demo.next_view(timeout=5.0)
    finally:
        demo.stop()
    assert view is not None and view.read is not None and view.read.code is not None
    assert open_receipt_qr_scanner(with_scanners()) is None
