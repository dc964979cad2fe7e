"""``kiosk catalog search/import/info`` as a technician uses them."""

from __future__ import annotations

import argparse
import json

import pytest

from kiosk.commands import catalog as catalog_commands
from offline_cache.catalog_build.generator import build_catalog, encode_catalog
from offline_cache.catalog_store import CatalogStore


def run(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(prog="kiosk")
    catalog_commands.register(parser.add_subparsers(dest="command", required=True))
    args = parser.parse_args(argv)
    code: int = args.handler(args)
    return code


def test_search_json_prints_ranked_results(
    catalog_store: CatalogStore, capsys: pytest.CaptureFixture[str]
) -> None:
    code = run(
        ["catalog", "search", "sfz", "--limit", "3", "--json", "--db", str(catalog_store.path)]
    )
    assert code == 0
    results = json.loads(capsys.readouterr().out)
    assert len(results) == 3
    assert set(results[0]) >= {"code", "name", "level", "division", "score"}
    assert "身份证" in results[0]["name"]
    assert [r["score"] for r in results] == sorted((r["score"] for r in results), reverse=True)


def test_search_in_english_ranks_the_residents_division_first(
    catalog_store: CatalogStore, capsys: pytest.CaptureFixture[str]
) -> None:
    argv = ["catalog", "search", "birth registration", "--language", "en", "--json"]
    argv += ["--division", "510704", "--limit", "3", "--db", str(catalog_store.path)]
    assert run(argv) == 0
    results = json.loads(capsys.readouterr().out)
    assert results[0]["division"].startswith("510704")
    assert results[0]["division_name"] == "Youxian District"
    assert all("Birth registration" in r["name"] for r in results)


def test_import_reports_and_applies_or_rejects(
    catalog_store: CatalogStore, tmp_path, capsys: pytest.CaptureFixture[str]
) -> None:
    update = build_catalog(120)
    update["catalog_version"] = 5
    good = tmp_path / "good.json.gz"
    good.write_bytes(encode_catalog(update))
    bad = tmp_path / "bad.json.gz"
    bad.write_bytes(encode_catalog(update)[:100])
    db = str(catalog_store.path)
    assert run(["catalog", "import", str(bad), "--db", db]) == 1
    assert "rejected" in capsys.readouterr().err
    assert run(["catalog", "import", str(good), "--db", db]) == 0
    assert run(["catalog", "info", "--db", db]) == 0
    info = json.loads(capsys.readouterr().out.splitlines()[-1])
    assert info["version"] == 5 and info["services"] == 120
