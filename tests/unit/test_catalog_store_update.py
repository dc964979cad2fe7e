"""The catalog store: seeded on first start, updated atomically, corrupt updates rejected."""

from __future__ import annotations

import gzip
import json
import sqlite3
from pathlib import Path
from typing import Any

import pytest

from offline_cache.catalog_build.generator import build_catalog, encode_catalog
from offline_cache.catalog_store import CatalogStore


@pytest.fixture(scope="module")
def small_update() -> dict[str, Any]:
    """A newer (version 2), smaller catalog made by the same generator."""
    catalog = build_catalog(300)
    catalog["catalog_version"] = 2
    return catalog


def _write(path: Path, catalog: dict[str, Any]) -> Path:
    path.write_bytes(encode_catalog(catalog))
    return path


def test_first_start_seeds_the_bundled_catalog(tmp_path: Path) -> None:
    store = CatalogStore(tmp_path / "catalog.sqlite3")
    info = store.ensure()
    assert info.version == 1 and info.services == 6264 and info.origin == "bundled"


def test_a_damaged_store_file_is_replaced_by_the_bundled_catalog(
    catalog_store: CatalogStore,
) -> None:
    catalog_store.path.write_bytes(b"not a database at all" * 100)
    assert catalog_store.ensure().services == 6264


def test_a_valid_newer_update_replaces_the_whole_catalog(
    catalog_store: CatalogStore, small_update: dict[str, Any], tmp_path: Path
) -> None:
    report = catalog_store.import_file(_write(tmp_path / "update.json.gz", small_update))
    assert report.accepted, report.summary()
    info = catalog_store.info()
    assert (info.version, info.services) == (2, 300)
    code = small_update["services"][0]["code"]
    assert catalog_store.guide(code) == small_update["services"][0]


def test_a_reader_of_the_old_copy_never_sees_half_of_the_update(
    catalog_store: CatalogStore, small_update: dict[str, Any], tmp_path: Path
) -> None:
    reader = sqlite3.connect(f"file:{catalog_store.path}?mode=ro", uri=True)
    reader.execute("BEGIN")
    before = reader.execute("SELECT COUNT(*) FROM services").fetchone()[0]
    assert catalog_store.import_file(_write(tmp_path / "u.json.gz", small_update)).accepted
    # The open reader still sees the complete old copy; a new reader the complete new one.
    assert reader.execute("SELECT COUNT(*) FROM services").fetchone()[0] == before == 6264
    reader.close()
    assert catalog_store.info().services == 300


def _assert_rejected(store: CatalogStore, file: Path, reason: str) -> None:
    before = store.path.read_bytes()
    report = store.import_file(file)
    assert not report.accepted
    assert any(reason in p for p in report.problems), report.problems
    assert reason in report.summary() or len(report.problems) > 20
    assert store.path.read_bytes() == before  # current copy untouched
    assert store.info().version == 1


def test_a_truncated_update_is_rejected(
    catalog_store: CatalogStore, small_update: dict[str, Any], tmp_path: Path
) -> None:
    data = encode_catalog(small_update)
    file = tmp_path / "cut.json.gz"
    file.write_bytes(data[: len(data) // 2])
    _assert_rejected(catalog_store, file, "truncated")


def test_truncated_plain_json_is_rejected(
    catalog_store: CatalogStore, small_update: dict[str, Any], tmp_path: Path
) -> None:
    raw = json.dumps(small_update, ensure_ascii=False).encode()
    file = tmp_path / "cut.json"
    file.write_bytes(raw[:-500])
    _assert_rejected(catalog_store, file, "not valid JSON")


def test_an_update_with_the_wrong_schema_is_rejected(
    catalog_store: CatalogStore, small_update: dict[str, Any], tmp_path: Path
) -> None:
    broken = json.loads(json.dumps(small_update))
    broken["services"][3]["materials"][0]["medium"] = "fax"
    del broken["services"][7]["fee"]
    _assert_rejected(catalog_store, _write(tmp_path / "bad.json.gz", broken), "'fax'")
    report = catalog_store.import_file(tmp_path / "bad.json.gz")
    assert any("'fee' is a required property" in p for p in report.problems)


def test_an_update_of_another_format_is_rejected(
    catalog_store: CatalogStore, tmp_path: Path
) -> None:
    file = tmp_path / "other.json"
    file.write_text(json.dumps({"format": "something-else", "items": []}))
    _assert_rejected(catalog_store, file, "required property")


def test_an_update_with_duplicate_codes_is_rejected(
    catalog_store: CatalogStore, small_update: dict[str, Any], tmp_path: Path
) -> None:
    broken = json.loads(json.dumps(small_update))
    broken["services"][10]["code"] = broken["services"][11]["code"]
    _assert_rejected(catalog_store, _write(tmp_path / "dup.json.gz", broken), "duplicate code")


def test_an_update_whose_service_has_no_form_is_rejected(
    catalog_store: CatalogStore, small_update: dict[str, Any], tmp_path: Path
) -> None:
    broken = json.loads(json.dumps(small_update))
    broken["services"][5]["form"] = {"id": "person-spaceflight", "version": 1}
    _assert_rejected(catalog_store, _write(tmp_path / "form.json.gz", broken), "person-spaceflight")


def test_an_update_that_is_not_newer_is_rejected(
    catalog_store: CatalogStore, small_update: dict[str, Any], tmp_path: Path
) -> None:
    stale = dict(small_update, catalog_version=1)
    _assert_rejected(catalog_store, _write(tmp_path / "old.json.gz", stale), "not newer")


def test_gzip_of_garbage_is_rejected(catalog_store: CatalogStore, tmp_path: Path) -> None:
    file = tmp_path / "junk.json.gz"
    file.write_bytes(gzip.compress(b"\xff\xfe not json"))
    _assert_rejected(catalog_store, file, "not valid JSON")
