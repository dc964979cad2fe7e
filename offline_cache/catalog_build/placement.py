"""Re-homing items to Mianyang's divisions, spread over levels the way a real catalog is."""

from __future__ import annotations

from functools import partial

from offline_cache.catalog_build.classify import (
    base_popularity,
    level_role,
    stable_fraction,
    town_role,
)
from offline_cache.catalog_build.sources import Division, SourceItem

BUNDLED_TOTAL = 6264
CITY_SHARE = 0.16  # share of the catalog held at the municipal level

Placement = tuple[SourceItem, Division]


HOT_POPULARITY = 1500


def _county_priority(item: SourceItem, county: Division) -> tuple[int, float]:
    # Every county keeps the services residents need most, then its own-scope (县级) items and
    # public services; the rest of the permits differ from county to county.
    if town_role(item) != "" or base_popularity(item) >= HOT_POPULARITY:
        rank = 0
    elif "县级" in item.name or item.task_type in ("5", "20"):
        rank = 1
    else:
        rank = 2
    return (rank, stable_fraction("county", county.code, item.basic_code))


def _city_priority(item: SourceItem) -> tuple[int, float]:
    # Permits and rulings first: most licensing power sits at the municipal level.
    rank = {"1": 0, "9": 0, "7": 1, "8": 1, "10": 1, "5": 2, "20": 2}[item.task_type]
    return (rank, stable_fraction("city", item.basic_code))


def _quotas(counties: list[Division], towns: dict[str, int], budget: int) -> dict[str, int]:
    """Split the county budget by county size (larger counties list a few more local items)."""
    weights = {c.code: 300 + 5 * towns[c.code] for c in counties}
    total_w = sum(weights.values())
    quotas = {code: budget * w // total_w for code, w in weights.items()}
    for code in sorted(weights, key=lambda k: (-weights[k], k))[: budget - sum(quotas.values())]:
        quotas[code] += 1
    return quotas


def place(items: list[SourceItem], divisions: list[Division], total: int) -> list[Placement]:
    """Exactly ``total`` (item, division) pairs, deterministic, each pair at most once."""
    city = next(d for d in divisions if d.level == "municipal")
    counties = [d for d in divisions if d.level == "county"]
    towns = [d for d in divisions if d.level == "town"]

    town_pairs = [
        (item, town)
        for town in towns
        for item in items
        if town_role(item) == "all" or (town_role(item) == "rural" and not town.is_street)
    ]
    city_items = sorted((i for i in items if level_role(i)[0]), key=_city_priority)
    county_items = [i for i in items if level_role(i)[1]]
    city_n = min(len(city_items), round(total * CITY_SHARE))
    town_count = {c.code: sum(t.county_code == c.code for t in towns) for c in counties}
    quotas = _quotas(counties, town_count, max(0, total - city_n - len(town_pairs)))

    pairs: list[Placement] = [(item, city) for item in city_items[:city_n]]
    for county in counties:
        ranked = sorted(county_items, key=partial(_county_priority, county=county))
        pairs.extend((item, county) for item in ranked[: quotas[county.code]])
    pairs.extend(town_pairs)

    if len(pairs) > total:
        # Small catalogs (tests): keep a stable pseudo-random subset.
        pairs.sort(key=lambda p: stable_fraction("keep", p[0].basic_code, p[1].code))
        pairs = pairs[:total]
    elif len(pairs) < total:
        # Large catalogs (benchmarks): the same items in more divisions, in a stable order.
        used = {(i.basic_code, d.code) for i, d in pairs}
        extra = [
            (item, division)
            for division in divisions
            for item in items
            if (item.basic_code, division.code) not in used
        ]
        extra.sort(key=lambda p: stable_fraction("extra", p[0].basic_code, p[1].code))
        if len(pairs) + len(extra) < total:
            raise ValueError(f"at most {len(pairs) + len(extra)} services can be placed")
        pairs.extend(extra[: total - len(pairs)])
    order = {"municipal": 0, "county": 1, "town": 2}
    pairs.sort(key=lambda p: (order[p[1].level], p[1].code, p[0].basic_code))
    return pairs
