"""The catalog as the screens use it: search, browse, divisions, guides, "can be applied here".

The store-backed reader is kiosk.catalog_store_reader; opening it is slow (seeding the store
on first start, building the index, loading the form definitions): call it off the UI thread.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Protocol

from kiosk.catalog_query import SearchFilters, SearchHit
from kiosk.service_guide import ServiceGuide


@dataclass(frozen=True)
class Division:
    """The city, a county-level unit or a town/street of the catalog."""

    code: str
    name: str
    level: str  # "municipal" | "county" | "town"
    county_code: str
    name_en: str = ""

    def name_in(self, language: str) -> str:
        """The division's name in ``language`` ("zh" or "en"; Chinese if no English name)."""
        return self.name_en if language == "en" and self.name_en else self.name


class CatalogReader(Protocol):
    """One opened copy of the catalog with the form definitions of this terminal."""

    def service_count(self) -> int:
        """How many services the catalog holds."""
        ...

    def search(
        self,
        query: str,
        *,
        limit: int = 20,
        filters: SearchFilters | None = None,
        home_division: str | None = None,
        language: str = "zh",
    ) -> list[SearchHit]:
        """The best ``limit`` services for what the resident has typed so far.

        ``home_division``: the resident's division code, whose services rank first;
        ``language`` "en" also matches English names.
        """
        ...

    def browse(
        self, filters: SearchFilters, *, limit: int = 200, home_division: str | None = None
    ) -> tuple[int, list[SearchHit]]:
        """How many services pass ``filters``, and the ``limit`` first of them."""
        ...

    def departments(self, county_code: str | None = None) -> list[str]:
        """Departments, optionally of one county (with its towns)."""
        ...

    def department_name(self, department: str, language: str) -> str:
        """A department's name in ``language`` ("zh" or "en")."""
        ...

    def counties(self) -> list[Division]:
        """The county-level units, in code order."""
        ...

    def towns(self, county_code: str) -> list[Division]:
        """The towns and streets of one county, in code order."""
        ...

    def guide(self, code: str) -> ServiceGuide | None:
        """The guide of one service, or None if the catalog has no such code."""
        ...

    def can_apply_here(self, guide: ServiceGuide) -> bool:
        """True when this terminal takes applications for the service."""
        ...
