"""The resident's own division, for ranking catalog results: from the address, else the ID.

The address on the card names the county and usually the town or street (四川省绵阳市江油市
太平镇…); failing that, the first six digits of a resident ID number are the county where it
was issued. Only Mianyang codes count: a visitor's services are ranked as everyone's.
"""

from __future__ import annotations

from typing import Any

from kiosk.mianyang_divisions import counties

CITY_PREFIX = "5107"


def home_division_of(identity: Any | None) -> str | None:
    """The town (9 digits) or county (6 digits) code of the resident, or None if unknown."""
    if identity is None:
        return None
    address = str(getattr(identity, "address", "") or "")
    for county in counties():
        at = address.find(county.name)
        if at < 0:
            continue
        rest = address[at + len(county.name) :]
        for town in county.towns:
            if rest.startswith(town.name) or town.name in rest[:12]:
                return town.code
        return county.code
    number = str(getattr(identity, "number", "") or "")
    region = number[:6]
    if region.startswith(CITY_PREFIX) and any(c.code == region for c in counties()):
        return region
    return None
