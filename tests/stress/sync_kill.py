"""Kill safety of sync: a process draining the outbox is SIGKILLed at random moments.

Each trial fills a fresh terminal's outbox, then runs the sync engine in a forked child and
kills it (SIGKILL) at a random moment, a few times, before a last run that may finish. After
each trial the platform must hold every application exactly once, each attachment with the
terminal's SHA-256, the outbox must show every application SUBMITTED with the platform's
number, and the outbox file must pass ``PRAGMA integrity_check``. By hand, 200+ trials:

    .venv/bin/python tests/stress/sync_kill.py --trials 200

It prints the counts. tests/integration/test_sync_kill_safety.py runs 20 trials.
"""

from __future__ import annotations

import argparse
import multiprocessing
import os
import random
import signal
import sqlite3
import sys
import tempfile
import threading
import time
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from config.schema import KioskSettings  # noqa: E402
from offline_cache.outbox import DATABASE_NAME, ApplicationState  # noqa: E402
from offline_cache.store import OfflineStore  # noqa: E402
from tests.fixtures.platform import (  # noqa: E402
    RunningPlatform,
    make_tls_files,
    running_reference_platform,
)
from tests.fixtures.sync import (  # noqa: E402
    enroll_terminal,
    open_terminal,
    seed_applications,
    terminal_settings,
)


@dataclass
class Counts:
    """What the trials found."""

    trials: int = 0
    kills: int = 0  # SIGKILLs sent; every one landed while the child was still draining
    kills_mid_drain: int = 0
    applications: int = 0
    problems: list[str] = field(default_factory=list)


def _child(settings: KioskSettings, client_id: str) -> None:
    terminal = open_terminal(settings, client_id)
    terminal.engine.run(threading.Event(), until_empty=True, timeout_s=30)
    os._exit(0)


def _check(platform: RunningPlatform, settings: KioskSettings, ids: list[str]) -> list[str]:
    problems = []
    wanted = set(ids)
    stored = [a for a in platform.admin.inventory() if a["application_id"] in wanted]
    seen = [a["application_id"] for a in stored]
    if sorted(seen) != sorted(ids):
        problems.append(f"platform holds {len(seen)} of {len(ids)} (or duplicates): {seen}")
    store = OfflineStore.open(settings.storage)
    try:
        for entry in stored:
            app_id = entry["application_id"]
            record = store.outbox.get(app_id)
            if record is None or record.state is not ApplicationState.SUBMITTED:
                problems.append(f"{app_id} is {record.state if record else None} in the outbox")
                continue
            if record.platform_number != entry["official_number"]:
                problems.append(f"{app_id}: official number differs")
            local = {a.attachment_id: a.sha256 for a in store.outbox.attachments(app_id)}
            remote = {a["attachment_id"]: a["stored_sha256"] for a in entry["attachments"]}
            if local != remote:
                problems.append(f"{app_id}: attachments differ")
    finally:
        store.close()
    conn = sqlite3.connect(settings.storage.data_dir / DATABASE_NAME)
    integrity = conn.execute("PRAGMA integrity_check").fetchone()[0]
    conn.close()
    if integrity != "ok":
        problems.append(f"outbox integrity: {integrity}")
    return problems


def run_trials(
    trials: int, platform: RunningPlatform, work: Path, *, kills: int = 2, seed: int | None = None
) -> Counts:
    """Run ``trials`` kill trials against ``platform``; every folder under ``work``."""
    rng = random.Random(seed)
    counts = Counts()
    context = multiprocessing.get_context("fork")
    for trial in range(trials):
        root = work / f"trial-{trial}"
        settings = terminal_settings(root, platform)
        client_id = enroll_terminal(settings, platform)
        store = OfflineStore.open(settings.storage)
        try:
            ids = seed_applications(store, 3, attachments=2, size=rng.randrange(100_000, 300_000))
        finally:
            store.close()
        for attempt in range(kills + 1):
            child = context.Process(target=_child, args=(settings, client_id))
            child.start()
            if attempt < kills:
                time.sleep(rng.uniform(0.0, 0.5))
                if child.exitcode is None:  # still draining (an exited child is reaped here)
                    os.kill(child.pid, signal.SIGKILL)
                    counts.kills += 1
                    counts.kills_mid_drain += 1
            child.join(timeout=60)
        counts.trials += 1
        counts.applications += len(ids)
        counts.problems += [f"trial {trial}: {p}" for p in _check(platform, settings, ids)]
    return counts


def main(argv: list[str] | None = None) -> int:
    """Run the trials against a TLS reference platform of our own and print the counts."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--trials", type=int, default=200)
    parser.add_argument("--kills", type=int, default=2, help="kills per trial before the last run")
    parser.add_argument("--seed", type=int)
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory(prefix="sync-kill-") as folder:
        work = Path(folder)
        tls = make_tls_files(work / "tls")
        with running_reference_platform(work / "platform", work, tls=tls) as platform:
            started = time.monotonic()
            counts = run_trials(args.trials, platform, work, kills=args.kills, seed=args.seed)
            elapsed = time.monotonic() - started
    print(
        f"trials {counts.trials}  kills {counts.kills}  kills mid-drain {counts.kills_mid_drain}"
        f"  applications {counts.applications}  problems {len(counts.problems)}"
        f"  ({elapsed:.1f} s)"
    )
    for problem in counts.problems[:20]:
        print("  " + problem)
    return 1 if counts.problems else 0


if __name__ == "__main__":
    raise SystemExit(main())
