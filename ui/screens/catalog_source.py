"""The catalog for the screens: opened once in the background, queried off the UI thread.

Opening takes about half a second (index, forms) and a search up to a few milliseconds per
keystroke, so both run on the thread pool through ui.bridge. Each asker gets only the answer to
its latest question: an older result arriving late is dropped, never shown over a newer one.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from typing import Any, TypeVar

from PySide6.QtCore import QObject, Signal
from shiboken6 import isValid

from config.schema import KioskSettings
from kiosk.catalog_reader import CatalogReader
from kiosk.catalog_store_reader import StoreCatalogReader, open_catalog, reopen_if_updated
from ui.bridge import run_in_background

log = logging.getLogger(__name__)

T = TypeVar("T")


class CatalogSource(QObject):
    """Loads the catalog once and runs questions about it on the thread pool."""

    ready = Signal()
    failed = Signal(str)

    def __init__(self, settings: KioskSettings, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._settings = settings
        self._reader: CatalogReader | None = None
        self._loading = False
        self._latest: dict[str, int] = {}

    def reader(self) -> CatalogReader | None:
        """The opened catalog, or None while it is still loading (or failed)."""
        return self._reader

    def is_loading(self) -> bool:
        """True between load() and ready/failed."""
        return self._loading

    def load(self) -> None:
        """Start opening the catalog in the background (once; later calls do nothing)."""
        if self._reader is not None or self._loading:
            return
        self._loading = True
        run_in_background(open_catalog, self._settings).on_success(self._loaded).on_failure(
            self._load_failed
        ).start()

    def refresh_if_updated(self) -> None:
        """Between residents: pick up a catalog the sync service updated, in the background."""
        current = self._reader
        if not isinstance(current, StoreCatalogReader) or self._loading:
            return

        def swapped(reader: StoreCatalogReader | None) -> None:
            if reader is not None and isValid(self) and self._reader is current:
                log.info("catalog updated", extra={"version": reader.version})
                self._reader = reader
                self.ready.emit()

        run_in_background(reopen_if_updated, self._settings, current).on_success(
            swapped
        ).on_failure(lambda error: log.error("catalog update not loaded", exc_info=error)).start()

    def adopt(self, reader: CatalogReader) -> None:
        """Use an already opened catalog (tests share one across many windows)."""
        self._reader = reader
        self._loading = False
        self.ready.emit()

    def ask(
        self,
        asker: str,
        question: Callable[[CatalogReader], T],
        answer: Callable[[T], None],
    ) -> None:
        """Run ``question(reader)`` off the UI thread; ``answer`` gets it if still the latest."""
        reader = self._reader
        if reader is None:
            return
        ticket = self._latest.get(asker, 0) + 1
        self._latest[asker] = ticket

        def deliver(result: Any) -> None:
            # The window (and this source with it) may be gone when a late answer arrives.
            if isValid(self) and self._latest.get(asker) == ticket:
                answer(result)

        run_in_background(question, reader).on_success(deliver).on_failure(
            lambda error: log.error("catalog query failed", exc_info=error)
        ).start()

    def forget(self, asker: str) -> None:
        """Drop the answer to ``asker``'s question still running (the screen was reset)."""
        self._latest[asker] = self._latest.get(asker, 0) + 1

    def _loaded(self, reader: CatalogReader) -> None:
        if not isValid(self):
            return  # the window closed while the catalog was loading
        self._reader = reader
        self._loading = False
        log.info("catalog loaded", extra={"services": reader.service_count()})
        self.ready.emit()

    def _load_failed(self, error: BaseException) -> None:
        if not isValid(self):
            return
        self._loading = False
        log.error("catalog could not be opened", exc_info=error)
        self.failed.emit(str(error))
