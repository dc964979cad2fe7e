"""Updates from the platform: a delta on top of the current copy, a whole bundle, the ETag kept,
and a delta for another base, a corrupt delta or a broken record refused with the copy kept."""

from __future__ import annotations

import copy
import gzip
import json
from typing import Any

from offline_cache.catalog_store import CatalogStore


def _delta(store: CatalogStore, **changes: Any) -> dict[str, Any]:
    info = store.info()
    delta: dict[str, Any] = {
        "format": "onewindow-catalog-delta",
        "format_version": 1,
        "base_version": info.version,
        "catalog_version": info.version + 1,
        "services": [],
        "removed": [],
    }
    delta.update(changes)
    return delta


def _some_service(store: CatalogStore) -> dict[str, Any]:
    code = store.service_rows()[0].code
    record = store.guide(code)
    assert record is not None
    return record


def test_a_delta_changes_adds_and_removes_services_and_keeps_the_etag(
    catalog_store: CatalogStore,
) -> None:
    rows = catalog_store.service_rows()
    changed = _some_service(catalog_store)
    changed["popularity"] = 123_456
    added = copy.deepcopy(changed)
    added["code"] = changed["code"].replace("-1-00", "-9-99")
    removed = rows[-1].code
    delta = _delta(catalog_store, services=[changed, added], removed=[removed])

    report = catalog_store.apply_update(gzip.compress(json.dumps(delta).encode()), '"v2"')

    assert report.accepted, report.summary()
    info = catalog_store.info()
    assert (info.version, info.services) == (2, len(rows))  # one added, one removed
    assert catalog_store.guide(changed["code"])["popularity"] == 123_456  # type: ignore[index]
    assert catalog_store.guide(added["code"]) is not None
    assert catalog_store.guide(removed) is None
    assert catalog_store.current_etag() == '"v2"'


def test_a_whole_bundle_from_the_platform_is_applied_the_same_way(
    catalog_store: CatalogStore,
) -> None:
    assert catalog_store.current_etag() is None  # the bundled copy came with none
    bundle = catalog_store._current_bundle()
    bundle["catalog_version"] = 5
    bundle["services"] = bundle["services"][:100]
    report = catalog_store.apply_update(bundle, '"full"')
    assert report.accepted, report.summary()
    assert (catalog_store.info().version, catalog_store.info().services) == (5, 100)
    assert catalog_store.current_etag() == '"full"'


def _assert_refused(store: CatalogStore, update: bytes | dict[str, Any], reason: str) -> None:
    before = store.path.read_bytes()
    report = store.apply_update(update, '"bad"')
    assert not report.accepted
    assert any(reason in p for p in report.problems), report.problems
    assert store.path.read_bytes() == before  # current copy untouched
    assert store.current_etag() is None


def test_a_delta_for_another_base_version_is_refused(catalog_store: CatalogStore) -> None:
    delta = _delta(catalog_store, base_version=7, catalog_version=8)
    _assert_refused(catalog_store, delta, "delta for version 7, but this terminal holds 1")


def test_a_truncated_delta_is_refused(catalog_store: CatalogStore) -> None:
    data = gzip.compress(json.dumps(_delta(catalog_store)).encode())
    _assert_refused(catalog_store, data[: len(data) // 2], "truncated")


def test_a_delta_with_a_broken_record_is_refused(catalog_store: CatalogStore) -> None:
    broken = _some_service(catalog_store)
    del broken["materials"]
    _assert_refused(catalog_store, _delta(catalog_store, services=[broken]), "materials")


def test_a_delta_removing_an_unknown_service_is_refused(catalog_store: CatalogStore) -> None:
    delta = _delta(catalog_store, removed=["NO-SUCH-CODE"])
    _assert_refused(catalog_store, delta, "removed service NO-SUCH-CODE is not in the catalog")


def test_a_delta_that_is_not_newer_is_refused(catalog_store: CatalogStore) -> None:
    delta = _delta(catalog_store, catalog_version=1)
    _assert_refused(catalog_store, delta, "catalog_version")
