"""The catalog reader over the terminal's SQLite copy of the catalog (see kiosk.catalog_reader)."""

from __future__ import annotations

import logging
from pathlib import Path

from config.schema import KioskSettings
from kiosk.catalog import CatalogIndex
from kiosk.catalog_query import SearchFilters, SearchHit
from kiosk.catalog_reader import Division
from kiosk.forms import FormLoadReport, load_forms
from kiosk.service_guide import ServiceGuide, guide_from_record
from offline_cache.catalog_store import CatalogStore

log = logging.getLogger(__name__)

STORE_FILE = "catalog.sqlite3"  # same file as ``kiosk catalog`` uses


def catalog_store_path(settings: KioskSettings) -> Path:
    """Where the terminal keeps its copy of the catalog."""
    return settings.storage.data_dir.expanduser() / STORE_FILE


class StoreCatalogReader:
    """CatalogReader over a CatalogStore, its in-memory index and the loaded form definitions."""

    def __init__(
        self, store: CatalogStore, index: CatalogIndex, forms: FormLoadReport, version: int
    ) -> None:
        self._store = store
        self.version = version  # of the store when the index was built
        self.index = index
        self._forms = forms
        self.divisions = [
            Division(d.code, d.name, d.level, d.county_code, d.name_en) for d in store.divisions()
        ]
        self._department_en: dict[str, str] = {}
        for row in index.rows:
            self._department_en.setdefault(row.department, row.department_en or row.department)

    def service_count(self) -> int:
        """How many services the catalog holds."""
        return len(self.index.rows)

    def search(
        self,
        query: str,
        *,
        limit: int = 20,
        filters: SearchFilters | None = None,
        home_division: str | None = None,
        language: str = "zh",
    ) -> list[SearchHit]:
        """The best ``limit`` services for what the resident has typed so far."""
        return self.index.search(
            query,
            limit=limit,
            filters=filters,
            home_division=home_division,
            language=language,
        )

    def browse(
        self, filters: SearchFilters, *, limit: int = 200, home_division: str | None = None
    ) -> tuple[int, list[SearchHit]]:
        """How many services pass ``filters``, and the ``limit`` first of them."""
        everything = self.index.browse(
            filters, limit=len(self.index.rows), home_division=home_division
        )
        return len(everything), everything[:limit]

    def departments(self, county_code: str | None = None) -> list[str]:
        """Departments, optionally of one county (with its towns)."""
        return self.index.departments(county_code)

    def department_name(self, department: str, language: str) -> str:
        """A department's name in ``language`` ("zh" or "en")."""
        return self._department_en.get(department, department) if language == "en" else department

    def counties(self) -> list[Division]:
        """The county-level units, in code order."""
        return [d for d in self.divisions if d.level == "county"]

    def towns(self, county_code: str) -> list[Division]:
        """The towns and streets of one county, in code order."""
        return [d for d in self.divisions if d.level == "town" and d.county_code == county_code]

    def guide(self, code: str) -> ServiceGuide | None:
        """The guide of one service, or None if the catalog has no such code."""
        record = self._store.guide(code)
        return guide_from_record(record) if record is not None else None

    def can_apply_here(self, guide: ServiceGuide) -> bool:
        """True when the catalog says so and the form definition is present and usable."""
        return guide.terminal_applicable and self._forms.can_apply(guide.form_id)


def open_catalog(settings: KioskSettings) -> StoreCatalogReader:
    """Open the store in data_dir (seeding it if needed), build the index, load the forms."""
    store = CatalogStore(catalog_store_path(settings))
    version = store.info().version  # before the index: an update landing now is seen next time
    index = CatalogIndex.from_store(store)
    forms = load_forms()
    if forms.rejected:
        log.warning("form definitions rejected", extra={"forms": sorted(forms.rejected)})
    return StoreCatalogReader(store, index, forms, version)


def reopen_if_updated(
    settings: KioskSettings, current: StoreCatalogReader
) -> StoreCatalogReader | None:
    """The catalog opened anew when the sync service stored a newer version, else None."""
    if CatalogStore(catalog_store_path(settings)).info().version <= current.version:
        return None
    return open_catalog(settings)
