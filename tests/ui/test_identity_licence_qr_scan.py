"""The enterprise path's "scan licence QR": a camera view whose worker reads the licence QR from
a camera (a video file here) and puts the credit code on the keypad; a QR that is not a
licence's says so on screen; the confirmed enterprise travels with the session, masked."""
# ruff: noqa: F811  (pytest fixtures imported from tests.ui.identity_window)

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import QCoreApplication
from PySide6.QtGui import QImage

from config.schema import Language
from kiosk.applications import Draft, prefill_values
from kiosk.forms import Prefill, load_forms
from kiosk.identity import EnterpriseIdentity, EnterpriseSource
from kiosk.identity_session import ReaderIdentityService
from kiosk.journey import demo_identity
from kiosk.session import Session, SessionKeeper
from tests.fixtures.licence_qr import (
    PUBLISHED_CODE,
    gsxt_url,
    licence_scanner,
    licence_video,
)
from tests.ui.event_loop import settle
from tests.ui.identity_window import (  # noqa: F401 (fixtures)
    TODAY,
    identity_screen,
    simulated_reader,
    visible_texts,
)
from ui.forms.form_view import FormView
from ui.main_window import MainWindow
from ui.router import ScreenName
from ui.screens.identity_screen import IdentifyState
from ui.screens.review_screen import shown_value

MASKED = "9135**********0Y43"


def _tr(context: str, text: str) -> str:
    # The resident's language (Chinese once the pending translations are merged).
    return QCoreApplication.translate(context, text)


def _window(qtbot, settings, reader, video) -> MainWindow:
    keeper = SessionKeeper(settings.ui, settings.session)
    service = ReaderIdentityService(
        [],
        lambda: keeper.current,
        built=[reader],
        today=lambda: TODAY,
        qr_source=licence_scanner(video),
    )
    main = MainWindow(settings, keeper=keeper, identity_service=service)
    qtbot.addWidget(main, before_close_func=lambda w: w.shutdown())
    main.setGeometry(0, 0, 1920, 1080)
    main.show()
    qtbot.waitExposed(main)
    settle()
    screen = identity_screen(main)
    qtbot.waitUntil(lambda: screen.state() is IdentifyState.WAITING, timeout=3000)
    return main


@pytest.fixture
def licence_window(qtbot, kiosk_settings, simulated_reader, tmp_path) -> Iterator[MainWindow]:
    """The window whose camera sees a business licence with the published example code."""
    video = licence_video(tmp_path / "licence.avi", gsxt_url(PUBLISHED_CODE))
    main = _window(qtbot, kiosk_settings, simulated_reader, video)
    yield main
    main.shutdown()


def test_scanning_the_licence_puts_its_code_on_the_keypad(qtbot, licence_window):
    licence_window.router.go(ScreenName.IDENTIFY)
    screen = identity_screen(licence_window)
    screen.enterprise_button.click()
    assert screen.scan_qr_button.isVisible()
    screen.scan_qr_button.click()
    assert screen.pages.currentWidget() is screen.qr_scan
    assert _tr("LicenceQrScanView", "Scan the business licence QR code") in visible_texts(
        screen.qr_scan
    )
    qtbot.waitUntil(lambda: screen.keypad.code() == PUBLISHED_CODE, timeout=8000)
    assert screen.pages.currentIndex() == 1  # back on the keypad, the code to confirm
    assert not screen.qr_scan.is_scanning()  # the camera is released
    assert screen.confirm_code_button.isEnabled()
    read = _tr("IdentityScreen", "Code read from the licence QR: check it, then confirm.")
    assert read in visible_texts(screen)


def test_the_confirmed_enterprise_is_on_the_session_and_shown_masked(
    qtbot, licence_window, simulated_reader
):
    flow = licence_window.identity_flow
    flow.go(ScreenName.APPLY)
    screen = identity_screen(licence_window)
    screen.enterprise_button.click()
    screen.scan_qr_button.click()
    qtbot.waitUntil(lambda: screen.confirm_code_button.isEnabled(), timeout=8000)
    screen.confirm_code_button.click()
    texts = visible_texts(screen)
    assert any(MASKED in text for text in texts)
    assert not any(PUBLISHED_CODE in text for text in texts)
    simulated_reader.present(0)
    qtbot.waitUntil(lambda: screen.state() is IdentifyState.IDENTIFIED, timeout=3000)
    screen.continue_button.click()
    enterprise = licence_window.keeper.current.enterprise
    assert enterprise is not None
    assert enterprise.credit_code == PUBLISHED_CODE
    assert enterprise.source is EnterpriseSource.LICENCE_QR


def test_a_qr_that_is_not_a_licence_says_so_and_scanning_goes_on(
    qtbot, kiosk_settings, simulated_reader, tmp_path
):
    video = licence_video(tmp_path / "pay.avi", "https://qr.alipay.com/fkx12345")
    main = _window(qtbot, kiosk_settings, simulated_reader, video)
    try:
        main.router.go(ScreenName.IDENTIFY)
        screen = identity_screen(main)
        screen.enterprise_button.click()
        screen.scan_qr_button.click()
        message = _tr(
            "LicenceQrScanView",
            "This QR code does not contain a unified social credit code. "
            "Please hold up the QR code printed on the business licence.",
        )
        qtbot.waitUntil(lambda: message in visible_texts(screen.qr_scan), timeout=8000)
        assert screen.qr_scan.is_scanning()
        assert screen.keypad.code() == ""
        screen.qr_scan.back_button.click()
        assert not screen.qr_scan.is_scanning()
        assert screen.pages.currentIndex() == 1
    finally:
        main.shutdown()


def _shot(qtbot, main: MainWindow, language: Language, path: Path) -> QImage:
    main.set_language(language)
    settle()
    main.grab().save(str(path))
    return QImage(str(path))


def test_the_enterprise_page_after_a_scan_renders_in_both_languages(
    qtbot, licence_window, tmp_path
):
    out = Path(os.environ.get("IDENTITY_SHOTS_DIR", tmp_path))
    licence_window.router.go(ScreenName.IDENTIFY)
    screen = identity_screen(licence_window)
    screen.enterprise_button.click()
    screen.scan_qr_button.click()
    qtbot.waitUntil(lambda: screen.keypad.code() == PUBLISHED_CODE, timeout=8000)
    shots = [
        _shot(qtbot, licence_window, language, out / f"enterprise-{language.value}.png")
        for language in (Language.ZH, Language.EN)
    ]
    assert all(s.width() == 1920 and s.height() == 1080 for s in shots)
    assert shots[0] != shots[1]


def test_the_camera_view_renders_in_both_languages(
    qtbot, kiosk_settings, simulated_reader, tmp_path
):
    out = Path(os.environ.get("IDENTITY_SHOTS_DIR", tmp_path))
    # A QR that is not a licence's keeps the camera view open with its message.
    video = licence_video(tmp_path / "pay.avi", "https://qr.alipay.com/fkx12345")
    main = _window(qtbot, kiosk_settings, simulated_reader, video)
    try:
        main.router.go(ScreenName.IDENTIFY)
        scan = identity_screen(main)
        scan.enterprise_button.click()
        scan.scan_qr_button.click()
        qtbot.waitUntil(
            lambda: (
                scan.qr_scan.preview.pixmap().width() > 0
                and scan.qr_scan.status_text() != scan.qr_scan.tr("Looking for the QR code…")
            ),
            timeout=8000,
        )
        scan.qr_scan.stop_worker()  # hold the picture still for the shots
        shots = [
            _shot(qtbot, main, language, out / f"licence-qr-{language.value}.png")
            for language in (Language.ZH, Language.EN)
        ]
    finally:
        main.shutdown()
    assert all(s.width() == 1920 and s.height() == 1080 for s in shots)
    assert shots[0] != shots[1]


def test_the_enterprise_code_is_masked_on_the_form_and_the_review(qapp):
    form = load_forms().forms["enterprise-general"]
    enterprise = EnterpriseIdentity(PUBLISHED_CODE, "绵阳示例科技有限公司").prefill()
    draft = Draft(
        Session(language="zh", large_text=False),
        form,
        "T",
        prefill_values(demo_identity(), enterprise),
    )
    view = FormView(draft, lambda: "zh")
    field = next(f for _, f in form.top_level_fields() if f.prefill is Prefill.CREDIT_CODE)
    assert view.input(field.path).edit.text() == MASKED
    assert view.input(field.path).value() == PUBLISHED_CODE  # the draft keeps the real code
    assert shown_value(field, PUBLISHED_CODE, "zh") == MASKED
    view.deleteLater()
