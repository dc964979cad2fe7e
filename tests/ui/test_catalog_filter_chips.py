"""The browse screen's chips (residents / enterprises, "can be done here") narrow what is
listed, and in English the areas are named in English."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt

from config.schema import Language
from kiosk.catalog_query import SearchFilters
from kiosk.catalog_reader import CatalogReader
from kiosk.catalog_store_reader import open_catalog
from tests.fixtures.settings import make_settings
from tests.ui.event_loop import settle
from ui.router import ScreenName
from ui.screens.catalog_browse import BrowseBy


@pytest.fixture(scope="module")
def reader(tmp_path_factory) -> CatalogReader:
    """One opened catalog for the module."""
    return open_catalog(make_settings(tmp_path_factory.mktemp("catalog-chips")))


@pytest.fixture
def browse(window, reader, qtbot):
    """The browse screen with the catalog loaded and nothing chosen."""
    window.catalog.source.adopt(reader)
    window.router.go(ScreenName.GUIDE)
    window.catalog.search.browse_button.click()
    screen = window.catalog.browse
    assert window.router.current() is ScreenName.CATALOG_BROWSE
    qtbot.waitUntil(lambda: screen.shown_filters == SearchFilters(), timeout=5000)
    return screen


def _click(qtbot, screen, button) -> int:
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: screen.shown_filters == screen.filters, timeout=5000)
    settle()
    return screen.total


def test_chips_split_residents_from_enterprises_and_keep_what_can_be_done_here(
    qtbot, browse, reader
):
    everything = browse.total
    residents = _click(qtbot, browse, browse.chips.person)
    enterprises = _click(qtbot, browse, browse.chips.enterprise)  # replaces "residents"
    assert not browse.chips.person.isChecked()
    assert residents + enterprises == everything
    here = _click(qtbot, browse, browse.chips.here)
    assert 0 < here < enterprises
    assert all(reader.guide(h.code).terminal_applicable for h in browse.hits)
    assert all(reader.guide(h.code).service_object == "enterprise" for h in browse.hits)
    browse.clear_button.click()
    qtbot.waitUntil(lambda: browse.shown_filters == SearchFilters(), timeout=5000)
    assert not browse.chips.here.isChecked() and browse.total == everything


def test_areas_are_named_in_english_in_english_mode(qtbot, window, browse):
    window.set_language(Language.EN)
    settle()
    browse.mode_buttons[BrowseBy.AREA].click()
    settle()
    assert browse.choice_button("510726").text() == "Beichuan Qiang Autonomous County"
    browse.choice_button("510781").click()
    settle()
    assert browse.choice_button("510781101").text() == "Taiping Town"
    window.set_language(Language.ZH)
    settle()
    assert browse.choice_button("510781101").text() == "太平镇"
