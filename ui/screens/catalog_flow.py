"""The catalog screens wired together: search → guide, browse → guide, no result → staff.

``CatalogScreens`` builds the catalog source and its three screens and registers them with the
router: the search screen is the Guide tile's screen (ScreenName.GUIDE). ``applyRequested(code)``
carries "Apply here" to whoever runs applications.
"""

from __future__ import annotations

import time
from collections.abc import Callable

from PySide6.QtCore import QCoreApplication, QObject, Signal

from config.schema import KioskSettings, Language
from ui.router import ScreenName, ScreenRouter
from ui.screens.catalog_browse import BrowseBy, CatalogBrowseScreen
from ui.screens.catalog_search import CatalogSearchScreen
from ui.screens.catalog_source import CatalogSource
from ui.screens.service_guide import ServiceGuideScreen

# What the screenshots show: a typical search, a theme, an applicable service.
SCREENSHOT_QUERY = "身份证"
SCREENSHOT_THEME = "户籍"
SCREENSHOT_SERVICE_QUERY = "生育登记"
SCREENSHOT_TIMEOUT_S = 30.0


class CatalogScreens(QObject):
    """The catalog source and the search, browse and guide screens, registered and wired."""

    applyRequested = Signal(str)  # service code

    def __init__(
        self,
        settings: KioskSettings,
        router: ScreenRouter,
        language: Callable[[], Language],
        parent: QObject | None = None,
        home_division: Callable[[], str | None] | None = None,
    ) -> None:
        super().__init__(parent)
        self.router = router
        self.source = CatalogSource(settings, self)
        # The identified resident's division ranks first (kiosk.catalog_home.home_division_of).
        self.search = CatalogSearchScreen(self.source, language, home_division=home_division)
        self.browse = CatalogBrowseScreen(self.source, language, home_division=home_division)
        self.guide = ServiceGuideScreen(self.source, language, str(settings.platform.url))
        router.register(ScreenName.GUIDE, self.search)
        router.register(ScreenName.CATALOG_BROWSE, self.browse)
        router.register(ScreenName.SERVICE_GUIDE, self.guide)
        self.search.browseRequested.connect(lambda: router.go(ScreenName.CATALOG_BROWSE))
        self.search.callStaffRequested.connect(lambda: router.go(ScreenName.CALL_STAFF))
        self.search.serviceChosen.connect(self.open_guide)
        self.browse.serviceChosen.connect(self.open_guide)
        self.guide.applyRequested.connect(self.applyRequested)

    def open_guide(self, code: str) -> None:
        """Show the guide screen for ``code`` once its guide has been read."""
        self.guide.show_service(code, lambda: self.router.go(ScreenName.SERVICE_GUIDE))


def _wait(condition: Callable[[], bool], what: str) -> None:
    deadline = time.monotonic() + SCREENSHOT_TIMEOUT_S
    app = QCoreApplication.instance()
    assert app is not None
    while not condition():
        if time.monotonic() > deadline:
            raise TimeoutError(f"screenshot: {what} did not happen in {SCREENSHOT_TIMEOUT_S} s")
        app.processEvents()
        time.sleep(0.01)


def prepare_screenshot(screens: CatalogScreens, name: str) -> None:
    """Put a catalog screen into a telling state for ``kiosk screenshot`` (blocks until then)."""
    if name not in ("catalog-search", "catalog-browse", "service-guide"):
        return
    screens.source.load()
    _wait(lambda: screens.source.reader() is not None, "loading the catalog")
    if name == "catalog-search":
        screens.router.go(ScreenName.GUIDE)
        screens.search.search_edit.setText(SCREENSHOT_QUERY)
        _wait(lambda: bool(screens.search.hits), "the search")
    elif name == "catalog-browse":
        screens.router.go(ScreenName.CATALOG_BROWSE)
        screens.browse.set_mode(BrowseBy.THEME)
        screens.browse.choose_theme(SCREENSHOT_THEME)
        _wait(lambda: bool(screens.browse.hits), "browsing")
    else:
        reader = screens.source.reader()
        assert reader is not None
        hits = reader.search(SCREENSHOT_SERVICE_QUERY, limit=1)
        screens.guide.show_service(hits[0].code)
        _wait(lambda: screens.guide.guide is not None, "reading the guide")
        screens.router.go(ScreenName.SERVICE_GUIDE)
