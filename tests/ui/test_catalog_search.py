"""The catalog search screen: results as the resident types, matched part highlighted."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QInputMethodEvent
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication

from config.schema import Language
from kiosk.catalog_reader import CatalogReader
from kiosk.catalog_store_reader import open_catalog
from tests.fixtures.settings import make_settings
from tests.ui.event_loop import settle
from ui.router import ScreenName
from ui.widgets.catalog_results import HIGHLIGHT_BACKGROUND


@pytest.fixture(scope="module")
def reader(tmp_path_factory) -> CatalogReader:
    """One opened catalog for the module (seeding the store takes about a second)."""
    return open_catalog(make_settings(tmp_path_factory.mktemp("catalog")))


@pytest.fixture
def search(window, reader, qtbot):
    """The Guide tile's screen with the catalog loaded."""
    window.catalog.source.adopt(reader)
    window.attract.tiles[2].click()  # the Guide tile
    settle()
    assert window.router.current() is ScreenName.GUIDE
    return window.catalog.search


def type_text(edit, text: str) -> None:
    """Latin letters as key clicks; Chinese as the pinyin keyboard commits it (input method)."""
    for char in text:
        if char.isascii():
            QTest.keyClick(edit, char)
        else:
            event = QInputMethodEvent()
            event.setCommitString(char)
            QApplication.sendEvent(edit, event)


def type_and_wait(qtbot, screen, text: str) -> None:
    type_text(screen.search_edit, text)
    qtbot.waitUntil(lambda: bool(screen.hits) and screen.query() == text, timeout=5000)
    settle()


@pytest.mark.parametrize("typed", ["身份证", "sfz", "shenfenzheng"])
def test_typing_finds_resident_id_card_services_first_with_the_match_highlighted(
    qtbot, search, typed
):
    type_and_wait(qtbot, search, typed)
    rows = search.results.rows()
    assert rows and rows[0].isVisible()
    assert "居民身份证" in rows[0].accessibleName()
    shown = rows[0].name_label.text()
    assert HIGHLIGHT_BACKGROUND in shown
    assert f'{HIGHLIGHT_BACKGROUND}; font-weight:bold;">身份证</span>' in shown


def test_results_narrow_as_more_is_typed(qtbot, search):
    type_and_wait(qtbot, search, "s")
    first = [row.accessibleName() for row in search.results.rows()]
    type_text(search.search_edit, "fz")
    qtbot.waitUntil(lambda: "居民身份证" in search.results.rows()[0].accessibleName(), timeout=5000)
    assert [row.accessibleName() for row in search.results.rows()] != first


def test_no_result_offers_browsing_and_the_call_staff_button(qtbot, window, search):
    type_text(search.search_edit, "xqxqxq")
    qtbot.waitUntil(lambda: search.no_result_browse.isVisible(), timeout=5000)
    assert "xqxqxq" in search.status.text()
    assert search.no_result_staff.isVisible()
    assert not search.results.isVisible()
    qtbot.mouseClick(search.no_result_browse, Qt.MouseButton.LeftButton)
    assert window.router.current() is ScreenName.CATALOG_BROWSE
    window.router.back()
    qtbot.mouseClick(search.no_result_staff, Qt.MouseButton.LeftButton)
    assert window.router.current() is ScreenName.CALL_STAFF


def test_choosing_a_result_opens_its_guide(qtbot, window, search):
    type_and_wait(qtbot, search, "sfz")
    qtbot.mouseClick(search.results.rows()[0], Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: window.router.current() is ScreenName.SERVICE_GUIDE, timeout=5000)
    assert "居民身份证" in window.catalog.guide.title.text()


def test_screen_is_translated_and_reset_clears_the_search(qtbot, window, search):
    window.set_language(Language.ZH)
    settle()
    assert search.browse_button.text() == "分类浏览"
    window.set_language(Language.EN)
    settle()
    assert search.browse_button.text() == "Browse by category"
    type_and_wait(qtbot, search, "sfz")
    search.reset()
    assert search.search_edit.text() == ""
    assert search.results.rows() == []
