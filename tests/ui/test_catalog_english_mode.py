"""English mode of the catalog screens: English service and division names, English words
found, the "can be done here" chip, and the resident's division first."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt

from config.schema import Language
from kiosk.catalog_reader import CatalogReader
from kiosk.catalog_store_reader import open_catalog
from tests.fixtures.settings import make_settings
from tests.ui.event_loop import settle
from tests.ui.test_catalog_search import type_and_wait
from ui.router import ScreenName


def no_chinese(text: str) -> bool:
    """True when ``text`` has no CJK character."""
    return not any("\u4e00" <= c <= "\u9fff" for c in text)


@pytest.fixture(scope="module")
def reader(tmp_path_factory) -> CatalogReader:
    """One opened catalog for the module."""
    return open_catalog(make_settings(tmp_path_factory.mktemp("catalog-en")))


@pytest.fixture
def search(window, reader):
    """The search screen with the catalog loaded."""
    window.catalog.source.adopt(reader)
    window.attract.tiles[2].click()
    settle()
    assert window.router.current() is ScreenName.GUIDE
    return window.catalog.search


def test_english_words_find_english_names_with_english_divisions(qtbot, window, search):
    window.set_language(Language.EN)
    settle()
    type_and_wait(qtbot, search, "birth reg")
    row = search.results.rows()[0]
    assert row.accessibleName() == "Birth registration"
    assert "<span" in row.name_label.text()  # the typed words highlighted
    assert no_chinese(row.detail_label.text())
    qtbot.mouseClick(row, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: window.router.current() is ScreenName.SERVICE_GUIDE, timeout=5000)
    guide = window.catalog.guide
    assert guide.title.text() == "Birth registration"
    assert no_chinese(guide.subtitle.text())


def test_can_be_done_here_chip_narrows_the_results(qtbot, window, search, reader):
    type_and_wait(qtbot, search, "身份证")
    qtbot.mouseClick(search.chips.here, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(
        lambda: all(reader.guide(h.code).terminal_applicable for h in search.hits), timeout=5000
    )
    assert search.hits


def test_the_residents_division_ranks_first(qtbot, window, reader):
    window.catalog.search._home_division = lambda: "510781101"  # 江油市太平镇
    window.catalog.source.adopt(reader)
    window.attract.tiles[2].click()
    settle()
    search = window.catalog.search
    type_and_wait(qtbot, search, "生育登记")
    assert search.hits[0].division_code == "510781101"
