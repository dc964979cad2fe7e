"""Assembling the catalog: one full guide record per placed item, written as stable gzip JSON."""

from __future__ import annotations

import gzip
import json
from functools import lru_cache
from pathlib import Path
from typing import Any

from stdnum.cn import uscc

from offline_cache.catalog_build import classify, guide_text
from offline_cache.catalog_build.division_en import division_name_en
from offline_cache.catalog_build.name_en import english_name
from offline_cache.catalog_build.placement import BUNDLED_TOTAL, place
from offline_cache.catalog_build.sources import (
    Division,
    SourceItem,
    load_divisions,
    load_items,
    source_attribution,
)

FORMAT = "onewindow-catalog"
FORMAT_VERSION = 1
CATALOG_VERSION = 1
FORM_VERSION = 1
LEVEL_NAMES = {
    "municipal": ("市级", "Municipal"),
    "county": ("县区", "County"),
    "town": ("乡镇街道", "Town / street"),
}

_ORG_ALPHABET = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ"
_ORG_WEIGHTS = (3, 7, 9, 10, 5, 8, 4, 2)


def _org_code(seed: str) -> str:
    """A 9-character organisation code (GB 11714) with a valid check character."""
    body = f"{int(classify.stable_fraction('org', seed) * 10**8):08d}"
    total = sum(_ORG_ALPHABET.index(c) * w for c, w in zip(body, _ORG_WEIGHTS, strict=True))
    check = 11 - total % 11
    return body + {10: "X", 11: "0"}.get(check, str(check))


def department_uscc(department: str, county_code: str) -> str:
    """A unified social credit code (机关 11…) for a department, valid by python-stdnum."""
    first17 = "11" + county_code + _org_code(department)
    return first17 + uscc.calc_check_digit(first17)


def item_code(item: SourceItem, division: Division, dept_code: str) -> str:
    """National-format item code: basic code, area code of the division, department, tail."""
    return f"{item.basic_code}-{division.area12}-000-{dept_code}-{item.code_tail}"


@lru_cache(maxsize=4096)
def _item_texts(item: SourceItem) -> dict[str, Any]:
    # Everything that does not depend on the division, built once per item.
    obj = classify.service_object(item)
    themes = classify.themes(item, obj)
    statutory, promised = guide_text.time_limits(item)
    depth = guide_text.online_depth(item)
    form = guide_text.form_id(obj, themes, item.task_type)
    task_zh, task_en = classify.TASK_TYPES[item.task_type]
    short = classify.short_name(item.name)
    age = classify.min_applicant_age(item, obj, themes)
    return {
        "name_en": english_name(item.name),
        "short_name": short,
        "short_name_en": english_name(short),
        **({"min_applicant_age": age} if age is not None else {}),
        "keywords": classify.keywords(item, themes),
        "task_type": item.task_type,
        "task_type_name": task_zh,
        "task_type_name_en": task_en,
        "themes": themes,
        "themes_en": [classify.THEMES_EN[t] for t in themes],
        "service_object": obj,
        "conditions": guide_text.conditions(item, themes),
        "materials": guide_text.materials(item, obj, themes),
        "fee": guide_text.fee(item),
        "statutory_limit_days": statutory,
        "promised_limit_days": promised,
        "online_depth": depth,
        "online_depth_en": guide_text.ONLINE_DEPTH_EN[depth],
        # A terminal can take the application unless the law wants the person at a counter.
        "terminal_applicable": depth != "必须到现场",
        "legal_basis": guide_text.legal_basis(item, themes),
        "form": {"id": form, "version": FORM_VERSION},
    }


def service_record(
    item: SourceItem, division: Division, county_name: str, level_popularity: int
) -> dict[str, Any]:
    """The full guide of one item in one division."""
    dept_zh, dept_en = classify.department_name(item, division, county_name)
    dept_code = department_uscc(dept_zh, division.county_code)
    level_zh, level_en = LEVEL_NAMES[division.level]
    record: dict[str, Any] = {
        "code": item_code(item, division, dept_code),
        "name": item.name,
        "level": division.level,
        "level_name": level_zh,
        "level_name_en": level_en,
        "division_code": division.code,
        "division_name": division.name,
        "division_name_en": division_name_en(division.code, division.name),
        "county_code": division.county_code,
        "department": dept_zh,
        "department_en": dept_en,
        "department_code": dept_code,
        "popularity": level_popularity,
        "counters": guide_text.counters(division, dept_zh, county_name),
        "source": {"from": item.source, "item_code": item.item_code, "link": item.link},
    }
    record.update(_item_texts(item))
    # Copies: each material dict must be its own object in the output list.
    record["materials"] = [dict(m) for m in record["materials"]]
    return record


def build_catalog(total: int = BUNDLED_TOTAL) -> dict[str, Any]:
    """The whole catalog as a JSON-ready dict (the bundle format the store imports)."""
    divisions = load_divisions()
    items = load_items()
    names = {d.code: d.name for d in divisions}
    services = [
        service_record(
            item,
            division,
            names[division.county_code],
            max(1, int(classify.base_popularity(item) * classify.LEVEL_FACTOR[division.level])),
        )
        for item, division in place(items, divisions, total)
    ]
    return {
        "format": FORMAT,
        "format_version": FORMAT_VERSION,
        "catalog_version": CATALOG_VERSION,
        "attribution": source_attribution(),
        "divisions": [
            {
                "code": d.code,
                "name": d.name,
                "name_en": division_name_en(d.code, d.name),
                "level": d.level,
                "county_code": d.county_code,
                "parent_code": d.parent_code,
            }
            for d in divisions
        ],
        "services": services,
    }


def encode_catalog(catalog: dict[str, Any]) -> bytes:
    """Stable bytes: sorted keys, compact JSON, gzip without a timestamp or file name."""
    raw = json.dumps(catalog, ensure_ascii=False, sort_keys=True, separators=(",", ":"))
    return gzip.compress(raw.encode("utf-8"), compresslevel=9, mtime=0)


def write_catalog(path: Path, total: int = BUNDLED_TOTAL) -> int:
    """Generate and write the catalog; returns the number of services."""
    catalog = build_catalog(total)
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(encode_catalog(catalog))
    return len(catalog["services"])
