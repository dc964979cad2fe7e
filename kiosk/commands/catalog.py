"""``kiosk catalog search|import|info``: the service catalog from the command line."""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path
from typing import TYPE_CHECKING

from kiosk.catalog import CatalogIndex, SearchFilters
from kiosk.commands.settings_args import add_source_options, load_from_args
from offline_cache.catalog_store import CatalogError, CatalogStore

if TYPE_CHECKING:
    SubParsers = argparse._SubParsersAction[argparse.ArgumentParser]

STORE_FILE = "catalog.sqlite3"


def _store(args: argparse.Namespace) -> CatalogStore | None:
    db: Path | None = args.db
    if db is not None:
        return CatalogStore(db)
    settings = load_from_args(args)
    if settings is None:
        return None
    return CatalogStore(settings.storage.data_dir.expanduser() / STORE_FILE)


def _search(args: argparse.Namespace) -> int:
    store = _store(args)
    if store is None:
        return 2
    index = CatalogIndex.from_store(store)
    filters = SearchFilters(level=args.level, county_code=args.county, service_object=args.object)
    hits = index.search(
        args.query,
        limit=args.limit,
        filters=filters,
        home_division=args.division,
        language=args.language,
    )
    hits = [h.in_language(args.language) for h in hits]
    if args.json:
        out = [
            {
                "code": h.code,
                "name": h.name,
                "level": h.level,
                "division": h.division_code,
                "division_name": h.division_name,
                "score": h.score,
            }
            for h in hits
        ]
        sys.stdout.write(json.dumps(out, ensure_ascii=False, indent=1) + "\n")
    else:
        for h in hits:
            sys.stdout.write(f"{h.score:>9.0f}  {h.division_name:<10} {h.name}  [{h.code}]\n")
    return 0


def _import(args: argparse.Namespace) -> int:
    store = _store(args)
    if store is None:
        return 2
    try:
        report = store.import_file(args.file)
    except CatalogError as error:
        sys.stderr.write(f"{error}\n")
        return 1
    (sys.stdout if report.accepted else sys.stderr).write(report.summary() + "\n")
    return 0 if report.accepted else 1


def _info(args: argparse.Namespace) -> int:
    store = _store(args)
    if store is None:
        return 2
    info = store.info()
    sys.stdout.write(
        json.dumps(
            {
                "version": info.version,
                "services": info.services,
                "per_level": info.per_level,
                "applied_at": info.applied_at,
                "origin": info.origin,
            },
            ensure_ascii=False,
        )
        + "\n"
    )
    return 0


def register(sub: SubParsers) -> None:
    """Add ``kiosk catalog`` with its search, import and info sub-commands."""
    catalog = sub.add_parser("catalog", help="search, update and describe the service catalog")
    actions = catalog.add_subparsers(dest="catalog_command", required=True)

    def common(parser: argparse.ArgumentParser) -> None:
        add_source_options(parser)
        parser.add_argument("--db", type=Path, help="catalog store file (default: in data_dir)")

    search = actions.add_parser("search", help="ranked services for a query")
    common(search)
    search.add_argument("query")
    search.add_argument("--limit", type=int, default=20)
    search.add_argument("--json", action="store_true", help="JSON on stdout")
    search.add_argument("--division", help="the resident's division code (ranked first)")
    search.add_argument("--level", choices=["municipal", "county", "town"])
    search.add_argument("--county", help="a county code: the county and its towns")
    search.add_argument("--object", choices=["person", "enterprise"])
    search.add_argument("--language", choices=["zh", "en"], default="zh", help="also match English")
    search.set_defaults(handler=_search)

    imp = actions.add_parser("import", help="apply a catalog file atomically")
    common(imp)
    imp.add_argument("file", type=Path)
    imp.set_defaults(handler=_import)

    info = actions.add_parser("info", help="version and size of the current catalog")
    common(info)
    info.set_defaults(handler=_info)
