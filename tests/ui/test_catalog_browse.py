"""Browsing the catalog by theme, department, level and division narrows the services listed."""

from __future__ import annotations

import pytest

from config.schema import Language
from kiosk.catalog_query import SearchFilters
from kiosk.catalog_reader import CatalogReader
from kiosk.catalog_store_reader import open_catalog
from tests.fixtures.settings import make_settings
from tests.ui.event_loop import settle
from ui.router import ScreenName
from ui.screens.catalog_browse import BrowseBy

MIANYANG_CITY = "510700"
FUCHENG = "510703"


@pytest.fixture(scope="module")
def reader(tmp_path_factory) -> CatalogReader:
    """One opened catalog for the module."""
    return open_catalog(make_settings(tmp_path_factory.mktemp("catalog")))


@pytest.fixture
def browse(window, reader, qtbot):
    """The browse screen, reached from the search screen, with the catalog loaded."""
    window.catalog.source.adopt(reader)
    window.router.go(ScreenName.GUIDE)
    window.catalog.search.browse_button.click()
    screen = window.catalog.browse
    assert window.router.current() is ScreenName.CATALOG_BROWSE
    qtbot.waitUntil(lambda: screen.shown_filters == SearchFilters(), timeout=5000)
    assert screen.total == reader.service_count()
    return screen


def click_and_wait(qtbot, screen, key: str) -> int:
    before = screen.filters
    screen.choice_button(key).click()
    assert screen.filters != before
    qtbot.waitUntil(lambda: screen.shown_filters == screen.filters, timeout=5000)
    settle()
    return screen.total


def test_a_theme_tile_narrows_to_that_life_event(qtbot, browse):
    everything = browse.total
    births = click_and_wait(qtbot, browse, "生育")
    assert 0 < births < everything
    assert browse.choice_button("生育").isChecked()
    assert str(births) in browse.count_label.text()


def test_level_then_county_then_town_narrows_step_by_step(qtbot, browse, reader):
    browse.mode_buttons[BrowseBy.AREA].click()
    settle()
    everything = browse.total
    towns = click_and_wait(qtbot, browse, "town")
    fucheng_towns = click_and_wait(qtbot, browse, FUCHENG)
    first_town = reader.towns(FUCHENG)[0]
    one_town = click_and_wait(qtbot, browse, first_town.code)
    assert everything > towns > fucheng_towns > one_town > 0
    details = [row.accessibleDescription() for row in browse.results.rows()]
    assert details and all(d.startswith(first_town.name) for d in details)


def test_city_level_lists_only_municipal_services(qtbot, browse):
    browse.mode_buttons[BrowseBy.AREA].click()
    settle()
    city = click_and_wait(qtbot, browse, "municipal")
    assert city > 0
    details = [row.accessibleDescription() for row in browse.results.rows()]
    assert details and all(d.endswith("· 市级") for d in details)
    assert all(hit.level == "municipal" for hit in browse.hits)


def test_a_department_narrows_to_its_services(qtbot, browse, reader):
    browse.mode_buttons[BrowseBy.DEPARTMENT].click()
    settle()
    department = reader.departments()[0]
    count = click_and_wait(qtbot, browse, department)
    assert 0 < count < reader.service_count()
    assert browse.filters.department == department


def test_theme_names_follow_the_language(qtbot, window, browse):
    window.set_language(Language.EN)
    settle()
    assert browse.choice_button("开办企业").text() == "Starting a business"
    window.set_language(Language.ZH)
    settle()
    assert browse.choice_button("开办企业").text() == "开办企业"
    assert browse.mode_buttons[BrowseBy.THEME].text() == "人生事项与主题"
