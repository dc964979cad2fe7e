"""Crash safety of finalize: a child process finalizing applications is SIGKILLed at random.

After every kill the data folder must hold only complete applications: decryptable, with
their outbox row, and every attachment referenced and decryptable; and the database must pass
``PRAGMA integrity_check``. Run by hand for 100+ trials:

    .venv/bin/python tests/stress/finalize_crash.py --trials 200

It prints the counts. tests/unit/test_finalize_crash_safety.py runs 20 trials.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import signal
import sqlite3
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))


@dataclass
class Counts:
    """What the trials found."""

    trials: int = 0
    killed: int = 0
    complete: int = 0
    problems: list[str] = field(default_factory=list)


def child(data_dir: Path, key_file: Path) -> None:
    """Finalize applications in a loop until killed (prints "go" once ready)."""
    from config.schema import Language
    from kiosk.applications import CapturedMaterial, finalize
    from kiosk.session import Session
    from offline_cache.store import OfflineStore
    from tests.form_samples import bundled_forms, filled_draft

    bundled_forms()  # loaded before "go", so the kills land while applications are written
    store = OfflineStore.open_paths(data_dir, key_file)
    sys.stdout.write("go\n")
    sys.stdout.flush()
    for n in range(10_000):
        draft = filled_draft(Session(language=Language.ZH, large_text=False), "person-general", n)
        for code in ("id-card", "application-letter"):
            ref = store.vault.put_attachment(os.urandom(2048))
            draft.add_material(CapturedMaterial(code, ref, 1))
        finalize(draft, store, "MY-FC-01")


def check(data_dir: Path, key_file: Path) -> tuple[int, list[str]]:
    """(complete applications, problems) of a data folder after a crash."""
    from kiosk.applications import open_application
    from offline_cache.errors import RecordTamperedError
    from offline_cache.store import OfflineStore

    problems: list[str] = []
    db = data_dir / "outbox.sqlite3"
    if not db.exists():
        return 0, problems
    store = OfflineStore.open_paths(data_dir, key_file)
    try:
        conn = sqlite3.connect(db)
        status = conn.execute("PRAGMA integrity_check").fetchone()[0]
        conn.close()
        if status != "ok":
            problems.append(f"integrity_check: {status}")
        records = store.outbox.all_records()
        for record in records:
            try:
                app = open_application(store, record.application_id)
            except (KeyError, RecordTamperedError) as error:
                problems.append(f"{record.application_id}: cannot open ({error})")
                continue
            refs = {a.attachment_id for a in store.outbox.attachments(record.application_id)}
            listed = {m["attachment_id"] for m in app["materials"]}
            if refs != listed or len(refs) != 2:
                problems.append(f"{record.application_id}: attachment refs {refs} != {listed}")
            for attachment_id in refs:
                try:
                    store.vault.read_attachment(attachment_id)
                except RecordTamperedError as error:
                    problems.append(f"{record.application_id}: {error}")
        return len(records), problems
    finally:
        store.close()


def run_trials(trials: int, max_delay_s: float = 0.25, seed: int | None = None) -> Counts:
    """Run ``trials`` kill-and-check rounds, each in a fresh data folder."""
    rng = random.Random(seed)
    counts = Counts()
    env = dict(os.environ, PYTHONPATH=str(ROOT))
    for _ in range(trials):
        with tempfile.TemporaryDirectory(prefix="finalize-crash-") as tmp:
            data_dir, key_file = Path(tmp) / "data", Path(tmp) / "keys" / "storage.key"
            proc = subprocess.Popen(
                [sys.executable, __file__, "--child", str(data_dir), str(key_file)],
                stdout=subprocess.PIPE,
                env=env,
            )
            assert proc.stdout is not None
            if proc.stdout.readline().strip() != b"go":
                proc.wait()
                counts.problems.append("child failed to start")
                continue
            time.sleep(rng.uniform(0, max_delay_s))
            proc.send_signal(signal.SIGKILL)
            proc.wait()
            proc.stdout.close()
            counts.trials += 1
            counts.killed += int(proc.returncode == -signal.SIGKILL)
            complete, problems = check(data_dir, key_file)
            counts.complete += complete
            counts.problems.extend(problems)
    return counts


def main() -> int:
    """Command line: run trials and print the counts; exit 1 if anything was half-written."""
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--trials", type=int, default=100)
    parser.add_argument("--child", nargs=2, metavar=("DATA_DIR", "KEY_FILE"))
    args = parser.parse_args()
    if args.child:
        child(Path(args.child[0]), Path(args.child[1]))
        return 0
    started = time.monotonic()
    counts = run_trials(args.trials)
    result = {
        "trials": counts.trials,
        "killed": counts.killed,
        "complete_applications": counts.complete,
        "half_written_or_damaged": len(counts.problems),
        "seconds": round(time.monotonic() - started, 1),
    }
    sys.stdout.write(json.dumps(result) + "\n")
    for problem in counts.problems[:20]:
        sys.stdout.write(f"  {problem}\n")
    return 1 if counts.problems else 0


if __name__ == "__main__":
    sys.exit(main())
