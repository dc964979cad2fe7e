"""The business licence QR: the credit code out of the QR's text (the code itself or a credit
system URL), checked with GB 32100; and read through a camera (a video file) with OpenCV."""

from __future__ import annotations

import pytest

from config.schema import CameraScannerSettings, DeviceSettings, SimulatedScannerSettings
from kiosk.identity_licence_qr import (
    LicenceQrKind,
    credit_code_from_qr_text,
    decode_qr_texts,
    licence_camera_settings,
    open_licence_qr_scanner,
)
from kiosk.journey import DEMO_ENTERPRISE
from tests.fixtures.licence_qr import (
    PUBLISHED_CODE,
    empty_desk_video,
    gsxt_url,
    licence_frame,
    licence_scanner,
    licence_video,
)

WRONG_CHECK = PUBLISHED_CODE[:-1] + "4"


@pytest.mark.parametrize(
    "text",
    [
        PUBLISHED_CODE,
        PUBLISHED_CODE.lower(),
        f" {PUBLISHED_CODE}\n",
        gsxt_url(PUBLISHED_CODE),
        f"https://www.gsxt.gov.cn/corp-query-homepage.html?creditCode={PUBLISHED_CODE}",
        f"http://www.gsxt.gov.cn/%7B{PUBLISHED_CODE}%7D",
        f"https://sc.gsxt.gov.cn/detail?id=ABC&other={PUBLISHED_CODE}",
        f"统一社会信用代码：{PUBLISHED_CODE}",
    ],
)
def test_the_code_is_found_in_every_shape_a_licence_qr_takes(text):
    read = credit_code_from_qr_text(text)
    assert read.kind is LicenceQrKind.CREDIT_CODE
    assert read.code == PUBLISHED_CODE


def test_a_named_parameter_wins_over_other_code_like_values():
    other = "91510700MA62DE4L1" + "0"
    url = f"http://www.gsxt.gov.cn/x?ref={other}&uniscid={PUBLISHED_CODE}"
    assert credit_code_from_qr_text(url).code == PUBLISHED_CODE


@pytest.mark.parametrize(
    ("text", "kind"),
    [
        (WRONG_CHECK, LicenceQrKind.WRONG_CHECK_CHARACTER),
        (gsxt_url(WRONG_CHECK), LicenceQrKind.WRONG_CHECK_CHARACTER),
        ("https://qr.alipay.com/fkx12345", LicenceQrKind.NOT_A_LICENCE),
        ("WIFI:S:Guest;T:WPA;P:12345678;;", LicenceQrKind.NOT_A_LICENCE),
        ("http://www.gsxt.gov.cn/index.html", LicenceQrKind.NOT_A_LICENCE),
        ("11010519491231002X", LicenceQrKind.NOT_A_LICENCE),  # a resident ID, not a code
        ("", LicenceQrKind.NOT_A_LICENCE),
    ],
)
def test_a_qr_without_a_valid_code_says_what_it_is(text, kind):
    read = credit_code_from_qr_text(text)
    assert read.kind is kind
    assert read.code is None and not read.valid


def test_opencv_decodes_the_qr_of_a_turned_licence_on_a_desk():
    assert decode_qr_texts(licence_frame(gsxt_url(PUBLISHED_CODE))) == [gsxt_url(PUBLISHED_CODE)]


def test_the_camera_reads_the_code_of_the_licence_it_sees(tmp_path):
    scanner = licence_scanner(licence_video(tmp_path / "licence.avi", gsxt_url(PUBLISHED_CODE)))
    assert scanner.read_credit_code(timeout_s=5.0) == PUBLISHED_CODE


def test_a_qr_that_is_not_a_licence_is_reported_and_gives_no_code(tmp_path):
    video = licence_video(tmp_path / "pay.avi", "https://qr.alipay.com/fkx12345")
    scanner = licence_scanner(video)
    scanner.start()
    try:
        view = scanner.next_view(timeout=5.0)
    finally:
        scanner.stop()
    assert view is not None and view.read is not None
    assert view.read.kind is LicenceQrKind.NOT_A_LICENCE
    assert licence_scanner(video).read_credit_code(timeout_s=0.5) is None


def test_nothing_in_view_times_out_with_no_code(tmp_path):
    scanner = licence_scanner(empty_desk_video(tmp_path / "desk.avi"))
    assert scanner.read_credit_code(timeout_s=0.5) is None


def test_the_licence_camera_is_the_document_camera(kiosk_settings):
    camera = CameraScannerSettings(backend="camera", device="/dev/video0")
    with_camera = kiosk_settings.model_copy(update={"devices": DeviceSettings(scanners=[camera])})
    without = kiosk_settings.model_copy(update={"devices": DeviceSettings()})
    assert licence_camera_settings(with_camera) == camera
    assert licence_camera_settings(without) is None


def test_demo_mode_has_a_licence_of_the_demo_enterprise_under_the_camera(kiosk_settings):
    simulated = SimulatedScannerSettings(backend="simulated")
    settings = kiosk_settings.model_copy(update={"devices": DeviceSettings(scanners=[simulated])})
    scanner = open_licence_qr_scanner(settings)
    assert scanner is not None
    assert scanner.read_credit_code(timeout_s=5.0) == DEMO_ENTERPRISE["credit_code"]
