"""The service guide screen: materials, fee, time limits, QR code, "Apply here" only where true."""

from __future__ import annotations

import cv2
import numpy as np
import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QImage

from config.schema import Language
from kiosk.catalog_reader import CatalogReader
from kiosk.catalog_store_reader import open_catalog
from tests.fixtures.settings import make_settings
from tests.ui.event_loop import settle
from ui.router import ScreenName


@pytest.fixture(scope="module")
def reader(tmp_path_factory) -> CatalogReader:
    """One opened catalog for the module."""
    return open_catalog(make_settings(tmp_path_factory.mktemp("catalog")))


def open_guide(qtbot, window, reader, query: str):
    window.catalog.source.adopt(reader)
    code = reader.search(query, limit=1)[0].code
    window.catalog.open_guide(code)
    screen = window.catalog.guide
    qtbot.waitUntil(
        lambda: (
            window.router.current() is ScreenName.SERVICE_GUIDE
            and screen.guide is not None
            and screen.guide.code == code
        ),
        timeout=5000,
    )
    settle()
    return window.catalog.guide, reader.guide(code)


@pytest.mark.parametrize("language", [Language.ZH, Language.EN])
def test_guide_shows_materials_fee_and_time_limits_in_both_languages(
    qtbot, window, reader, language
):
    window.set_language(language)
    screen, guide = open_guide(qtbot, window, reader, "居民身份证")
    bodies = {k: v.text() for k, v in screen.section_bodies.items()}
    for material in guide.materials:
        assert material.name.in_language(language.value) in bodies["materials"]
    assert guide.fee.in_language(language.value) in bodies["fee"]
    if language is Language.ZH:
        assert screen.section_titles["materials"].text() == "申请材料"
        assert "法定办结时限" in bodies["time"]
        assert "可在本机扫描" in bodies["materials"]
        assert "Application form" not in bodies["materials"]
    else:
        assert screen.section_titles["materials"].text() == "Materials to bring"
        assert "Statutory time limit" in bodies["time"]
        assert "can be scanned here" in bodies["materials"]
    counter = guide.counters[0]
    assert counter.address in bodies["where"]
    assert guide.legal_basis[0] in bodies["basis"]


def test_apply_here_only_for_a_service_the_terminal_takes(qtbot, window, reader):
    screen, guide = open_guide(qtbot, window, reader, "居民身份证")
    assert not guide.terminal_applicable
    assert not screen.apply_button.isVisible()
    assert screen.where_to_go.isVisible()
    assert guide.counters[0].address in screen.where_to_go.text()

    screen, guide = open_guide(qtbot, window, reader, "生育登记")
    assert reader.can_apply_here(guide)
    assert screen.apply_button.isVisible()
    assert not screen.where_to_go.isVisible()
    with qtbot.waitSignal(window.catalog.applyRequested, timeout=1000) as signal:
        qtbot.mouseClick(screen.apply_button, Qt.MouseButton.LeftButton)
    assert signal.args == [guide.code]


def test_qr_code_decodes_to_the_guide_url(qtbot, window, reader, kiosk_settings):
    screen, guide = open_guide(qtbot, window, reader, "生育登记")
    image = screen.qr.grab().toImage().convertToFormat(QImage.Format.Format_RGB888)
    pixels = (
        np.frombuffer(image.constBits(), np.uint8)
        .reshape(image.height(), image.bytesPerLine())[:, : image.width() * 3]
        .reshape(image.height(), image.width(), 3)
    )
    text, _points, _code = cv2.QRCodeDetector().detectAndDecode(np.ascontiguousarray(pixels))
    expected = str(kiosk_settings.platform.url).rstrip("/") + "/guide/" + guide.code
    assert text == expected
