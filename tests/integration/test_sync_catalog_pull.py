"""Catalog updates reach the terminal's store through the sync engine: a version published on
the platform arrives in one pass, an unchanged one costs a 304 and no write, and a corrupt one
from the platform is refused with the old copy kept."""

from __future__ import annotations

import gzip
import json
import shutil
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from kiosk.sync.catalog_pull import CatalogOutcome
from kiosk.sync.engine import SyncEngine
from offline_cache.catalog_store import BUNDLED_CATALOG, FORMS_DIR, CatalogStore
from tests.fixtures.platform import RunningPlatform, TlsFiles, running_reference_platform
from tests.fixtures.sync import SyncTerminal, enroll_terminal, open_terminal, terminal_settings

pytestmark = pytest.mark.stack


@pytest.fixture(scope="module")
def catalog_platform(
    tmp_path_factory: pytest.TempPathFactory, platform_tls: TlsFiles
) -> Iterator[RunningPlatform]:
    """A platform of its own: these tests publish catalogs, which others must not see."""
    base = tmp_path_factory.mktemp("catalog-platform")
    args = ("--catalog", str(BUNDLED_CATALOG), "--forms-dir", str(FORMS_DIR))
    with running_reference_platform(
        base / "data", base, tls=platform_tls, extra_args=args
    ) as platform:
        yield platform


@pytest.fixture
def terminal(tmp_path: Path, catalog_platform: RunningPlatform) -> Iterator[SyncTerminal]:
    settings = terminal_settings(tmp_path, catalog_platform, sync={"catalog_interval_s": 0.001})
    opened = open_terminal(settings, enroll_terminal(settings, catalog_platform))
    try:
        yield opened
    finally:
        opened.client.close()
        opened.store.close()


def _bundle() -> dict[str, Any]:
    decoded: dict[str, Any] = json.loads(gzip.decompress(BUNDLED_CATALOG.read_bytes()))
    return decoded


def _publish(platform: RunningPlatform, bundle: dict[str, Any]) -> None:
    raw = gzip.compress(json.dumps(bundle, ensure_ascii=False).encode())
    platform.admin.call("POST", "catalog", raw=raw)


def _engine(terminal: SyncTerminal, store: CatalogStore) -> SyncEngine:
    return terminal.new_engine(catalog=store)


def test_a_published_catalog_arrives_in_one_pass_and_a_304_rewrites_nothing(
    terminal: SyncTerminal,
    catalog_platform: RunningPlatform,
    catalog_store: CatalogStore,
) -> None:
    engine = _engine(terminal, catalog_store)
    held = catalog_store.info().version
    bundle = _bundle()
    bundle["catalog_version"] = held + 1
    first = bundle["services"][0]
    first["name"] = first["name"] + "（新版）"
    _publish(catalog_platform, bundle)

    report = engine.cycle()

    assert report.catalog is CatalogOutcome.UPDATED
    assert catalog_store.info().version == held + 1
    guide = catalog_store.guide(first["code"])
    assert guide is not None and guide["name"].endswith("（新版）")
    etag = catalog_store.current_etag()
    assert etag
    before = catalog_store.path.stat()

    report = engine.cycle()

    assert report.catalog is CatalogOutcome.CURRENT
    after = catalog_store.path.stat()
    assert (after.st_ino, after.st_mtime_ns, after.st_size) == (
        before.st_ino,
        before.st_mtime_ns,
        before.st_size,
    )
    assert catalog_store.current_etag() == etag


def test_a_corrupt_catalog_from_the_platform_is_refused_and_the_old_copy_kept(
    terminal: SyncTerminal,
    catalog_platform: RunningPlatform,
    catalog_store: CatalogStore,
    tmp_path: Path,
) -> None:
    engine = _engine(terminal, catalog_store)
    held = catalog_store.info().version
    copy = tmp_path / "before.sqlite3"
    shutil.copyfile(catalog_store.path, copy)
    _, published, _ = terminal.client.catalog(None, None)  # an earlier test may have published
    bundle = _bundle()
    bundle["catalog_version"] = published + 5
    del bundle["services"][3]["form"]  # the platform takes it; the terminal must not
    bundle["services"][7]["division_code"] = "999999"
    _publish(catalog_platform, bundle)

    report = engine.cycle()

    assert report.catalog is CatalogOutcome.REFUSED
    assert catalog_store.info().version == held
    assert catalog_store.path.read_bytes() == copy.read_bytes()
    assert catalog_store.guide(bundle["services"][0]["code"]) is not None
