"""Per-keystroke catalog search latency vs a naive loop, at 6,264 and 100,000 services.

Run: .venv/bin/python benchmarks/catalog_search.py [--big 100000]

Typing is simulated character by character (a Chinese query grows one committed character at
a time, as an IME commits them). The baseline, measured in the same run on the same data, is
a Python loop over every service comparing the query with its name, pinyin and initials, then
sorting the matches. Targets (issue 4): p95 < 10 ms at 6,264, < 50 ms at 100,000, >= 10x the
baseline at 100,000, start-up load < 300 ms.
"""

from __future__ import annotations

import argparse
import gc
import statistics
import sys
import tempfile
import time
import tracemalloc
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from kiosk.catalog import CatalogIndex
from offline_cache.catalog_build.generator import build_catalog, encode_catalog
from offline_cache.catalog_store import CatalogStore, ServiceRow
from offline_cache.pinyin_keys import PinyinKeys, normalize

QUERIES = [
    "身份证",
    "shenfenzheng",
    "sfz",
    "社保",
    "shebao",
    "yyzz",
    "营业执照",
    "shengyudengji",
    "老年人优待证",
    "gongjijin",
    "户口迁移",
    "shenfenzhneg",
    "jiashizheng",
    "食品经营许可",
]
RESIDENT = "510703100"


def keystrokes() -> list[str]:
    """Every prefix of every query, in typing order."""
    return [q[:i] for q in QUERIES for i in range(1, len(q) + 1)]


class NaiveSearch:
    """The baseline: a loop over all services comparing names and pinyin."""

    def __init__(self, rows: list[ServiceRow], texts: dict[str, PinyinKeys]) -> None:
        self.items = []
        for row in rows:
            keys = texts.get(row.name)
            pinyin = [*keys.full, *keys.initials] if keys else []
            self.items.append(
                (row, normalize(row.name), pinyin, [normalize(k) for k in row.keywords])
            )

    def search(self, query: str, limit: int = 20) -> list[str]:
        q = normalize(query)
        found = []
        for row, name, pinyin, keywords in self.items:
            if name == q or q in pinyin:
                tier = 0
            elif name.startswith(q) or any(p.startswith(q) for p in pinyin):
                tier = 1
            elif q in name or any(q in p for p in pinyin) or any(q in k for k in keywords):
                tier = 2
            else:
                continue
            found.append((tier, -row.popularity, row.code))
        found.sort()
        return [code for _, _, code in found[:limit]]


def timings(fn, inputs: list[str], rounds: int) -> list[float]:
    out = []
    for _ in range(rounds):
        for q in inputs:
            t = time.perf_counter()
            fn(q)
            out.append((time.perf_counter() - t) * 1000)
    return out


def pct(values: list[float], p: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(p * len(ordered)))]


def seeded_store(folder: Path, total: int | None) -> CatalogStore:
    if total is None:
        store = CatalogStore(folder / "catalog.sqlite3")
    else:
        bundle = folder / f"catalog-{total}.json.gz"
        bundle.write_bytes(encode_catalog(build_catalog(total)))
        store = CatalogStore(folder / f"catalog-{total}.sqlite3", bundled=bundle)
    store.ensure()
    return store


def measure(label: str, store: CatalogStore, rounds: int) -> dict[str, float]:
    loads = []
    for _ in range(5):
        gc.collect()
        t = time.perf_counter()
        index = CatalogIndex.from_store(store)
        loads.append((time.perf_counter() - t) * 1000)
    tracemalloc.start()
    index = CatalogIndex.from_store(store)
    memory_mb = tracemalloc.get_traced_memory()[0] / 1e6
    tracemalloc.stop()
    naive = NaiveSearch(index.rows, store.search_texts())
    keys = keystrokes()
    ours = timings(lambda q: index.search(q, limit=20, home_division=RESIDENT), keys, rounds)
    base = timings(naive.search, keys, 1)
    result = {
        "services": len(index.rows),
        "load_ms": statistics.median(loads),
        "memory_mb": memory_mb,
        "median_ms": statistics.median(ours),
        "p95_ms": pct(ours, 0.95),
        "max_ms": max(ours),
        "base_median_ms": statistics.median(base),
        "base_p95_ms": pct(base, 0.95),
    }
    result["speedup_median"] = result["base_median_ms"] / result["median_ms"]
    result["speedup_p95"] = result["base_p95_ms"] / result["p95_ms"]
    print(
        f"{label}: {result['services']} services, {len(keys)} keystrokes x {rounds}\n"
        f"  start-up load (store -> index): median {result['load_ms']:.0f} ms; "
        f"index memory {result['memory_mb']:.1f} MB\n"
        f"  indexed search: median {result['median_ms']:.2f} ms, p95 {result['p95_ms']:.2f} ms,"
        f" max {result['max_ms']:.2f} ms\n"
        f"  naive baseline: median {result['base_median_ms']:.2f} ms, "
        f"p95 {result['base_p95_ms']:.2f} ms\n"
        f"  speed-up vs baseline: {result['speedup_median']:.0f}x (median), "
        f"{result['speedup_p95']:.0f}x (p95)"
    )
    return result


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--big", type=int, default=100_000)
    parser.add_argument("--rounds", type=int, default=5)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        small = measure("bundled catalog", seeded_store(folder, None), args.rounds)
        t = time.perf_counter()
        big_store = seeded_store(folder, args.big)
        print(f"(generated and stored {args.big} services in {time.perf_counter() - t:.1f} s)")
        big = measure("large catalog", big_store, args.rounds)
    checks = [
        ("p95 < 10 ms at 6,264", small["p95_ms"] < 10),
        ("p95 < 50 ms at 100,000", big["p95_ms"] < 50),
        (">= 10x baseline at 100,000 (p95)", big["speedup_p95"] >= 10),
        ("load < 300 ms at 6,264", small["load_ms"] < 300),
    ]
    for name, ok in checks:
        print(f"  [{'ok' if ok else 'MISSED'}] {name}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
