"""The platform and the terminal agree on deltas: the platform serves the changes since the
terminal's version, the store merges them into exactly the catalog the platform published."""

from __future__ import annotations

import gzip
import json
from pathlib import Path
from typing import Any

from central.catalog import CatalogSource
from offline_cache.catalog_store import BUNDLED_CATALOG, CatalogStore


def _bundled() -> dict[str, Any]:
    decoded: dict[str, Any] = json.loads(gzip.decompress(BUNDLED_CATALOG.read_bytes()))
    return decoded


def _gz(bundle: dict[str, Any]) -> bytes:
    return gzip.compress(json.dumps(bundle, ensure_ascii=False).encode())


def test_a_delta_from_the_platform_rebuilds_the_published_catalog(
    tmp_path: Path, catalog_store: CatalogStore
) -> None:
    source = CatalogSource(tmp_path, BUNDLED_CATALOG, None)
    newer = _bundled()
    newer["catalog_version"] = 2
    newer["services"][0]["popularity"] += 1
    removed = newer["services"].pop()["code"]
    source.publish(_gz(newer))

    delta_bytes = source.delta(1)

    assert delta_bytes is not None
    delta = json.loads(gzip.decompress(delta_bytes))
    assert (delta["base_version"], delta["catalog_version"]) == (1, 2)
    assert [s["code"] for s in delta["services"]] == [newer["services"][0]["code"]]
    assert delta["removed"] == [removed]
    assert len(delta_bytes) < len(source.current().gzip_bytes) // 10

    report = catalog_store.apply_update(delta_bytes, source.current().etag)

    assert report.accepted, report.summary()
    assert catalog_store.current_etag() == source.current().etag
    assert catalog_store.info().services == len(newer["services"])
    first = newer["services"][0]
    assert catalog_store.guide(first["code"]) == first
    assert catalog_store.guide(removed) is None


def test_a_cursor_the_platform_no_longer_has_gets_no_delta(tmp_path: Path) -> None:
    source = CatalogSource(tmp_path, BUNDLED_CATALOG, None)
    assert source.delta(1) is None  # current version: nothing to send
    newer = _bundled()
    newer["catalog_version"] = 3
    source.publish(_gz(newer))
    assert source.delta(2) is None  # never published here: the whole bundle goes instead
    assert source.delta(1) is not None
