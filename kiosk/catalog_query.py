"""What a catalog search is asked and answers: filters, hits, match tiers (no storage here).

Kept apart from kiosk.catalog so the screens can use these values without importing the store.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from enum import IntEnum


class Tier(IntEnum):
    """How a service matched; lower is better."""

    EXACT = 0
    PREFIX = 1
    KEYWORD = 2  # a name substring, a keyword or a synonym
    DEPARTMENT = 3
    TYPO = 4


@dataclass(frozen=True)
class SearchFilters:
    """Optional filters of the search and browse screens."""

    level: str | None = None  # "municipal" | "county" | "town"
    county_code: str | None = None  # a county and its towns
    division_code: str | None = None  # exactly this division
    department: str | None = None
    theme: str | None = None
    service_object: str | None = None  # "person" | "enterprise"
    here_only: bool = False  # only services a terminal can take


@dataclass(frozen=True)
class SearchHit:
    """One ranked result; ``highlight`` is the matched [start, end) in ``name``, if any."""

    code: str
    name: str
    level: str
    division_code: str
    division_name: str
    department: str
    score: float
    tier: Tier
    highlight: tuple[int, int] | None
    name_en: str = ""  # "" when the catalog has no English name
    division_name_en: str = ""
    department_en: str = ""
    highlight_en: tuple[int, int] | None = None  # the matched part of ``name_en``

    def in_language(self, language: str) -> SearchHit:
        """The hit as a screen in ``language`` shows it: English names in ``name`` etc."""
        if language != "en":
            return self
        return replace(
            self,
            name=self.name_en or self.name,
            division_name=self.division_name_en or self.division_name,
            department=self.department_en or self.department,
            highlight=self.highlight_en if self.name_en else self.highlight,
        )
