"""Mianyang's administrative divisions (county → town/street) for the address picker and checks.

Data: offline_cache/bundled/mianyang_divisions.json, from modood/Administrative-divisions-of-China
(NBS 2023 statistical division codes, WTFPL); see its ``source`` block for the attribution.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from functools import cache
from importlib import resources


@dataclass(frozen=True)
class Town:
    """A township-level unit (镇, 乡, 街道) with its 9-digit NBS code."""

    code: str
    name: str


@dataclass(frozen=True)
class County:
    """A county-level unit (区, 县, 县级市) with its 6-digit GB/T 2260 code and towns."""

    code: str
    name: str
    towns: tuple[Town, ...]


@cache
def counties() -> tuple[County, ...]:
    """The 9 county-level units of Mianyang, in code order."""
    path = resources.files("offline_cache") / "bundled" / "mianyang_divisions.json"
    raw = json.loads(path.read_text(encoding="utf-8"))
    return tuple(
        County(
            code=c["code"],
            name=c["name"],
            towns=tuple(Town(code=t["code"], name=t["name"]) for t in c["towns"]),
        )
        for c in raw["counties"]
    )


def town_in_county(county_code: str, town_code: str) -> bool:
    """True when the town belongs to the county."""
    return any(
        c.code == county_code and any(t.code == town_code for t in c.towns) for c in counties()
    )
