"""``python -m offline_cache.catalog_build --out FILE [--total N]``: write the catalog bundle."""

from __future__ import annotations

import argparse
import logging
from pathlib import Path

from offline_cache.catalog_build.generator import write_catalog
from offline_cache.catalog_build.placement import BUNDLED_TOTAL

DEFAULT_OUT = Path(__file__).resolve().parent.parent / "bundled" / "catalog.json.gz"

log = logging.getLogger("offline_cache.catalog_build")


def main(argv: list[str] | None = None) -> int:
    """Generate the catalog; the bundled one is the default output."""
    parser = argparse.ArgumentParser(prog="python -m offline_cache.catalog_build")
    parser.add_argument("--out", type=Path, default=DEFAULT_OUT, help="gzip JSON to write")
    parser.add_argument("--total", type=int, default=BUNDLED_TOTAL, help="number of services")
    args = parser.parse_args(argv)
    logging.basicConfig(level=logging.INFO, format="%(message)s")
    count = write_catalog(args.out, args.total)
    log.info("wrote %d services to %s (%d bytes)", count, args.out, args.out.stat().st_size)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
