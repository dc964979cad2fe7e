"""Kill safety of the settings file: a process changing it in a loop is SIGKILLed at random moments.

Each trial forks a child that sets ``devices.printer.paper_width_mm`` to 58 and 80 in turn
through ConfigStore, as fast as it can, and kills it (SIGKILL) after a random delay. Afterwards
the file must load and be exactly the old or the new text (never a mix, never empty), and the
``.previous`` file too. By hand, many more trials:

    .venv/bin/python tests/stress/config_kill.py --trials 500

tests/unit/test_config_store_kill_safety.py runs 20 trials.
"""

from __future__ import annotations

import argparse
import multiprocessing
import os
import random
import shutil
import signal
import sys
import tempfile
import time
from dataclasses import dataclass, field
from multiprocessing.connection import Connection
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from config.loader import load_settings  # noqa: E402
from kiosk.config_store import ConfigStore, previous_path  # noqa: E402

PROFILE = ROOT / "config" / "profiles" / "hall.toml"
KEY = "devices.printer.paper_width_mm"


@dataclass
class Counts:
    """What the trials found."""

    trials: int = 0
    torn_temporaries: int = 0  # kills that left a half-written temporary file behind
    seen: dict[int, int] = field(default_factory=dict)  # paper width found after each kill
    problems: list[str] = field(default_factory=list)


def _child(path: Path, ready: Connection) -> None:
    store = ConfigStore(path)
    width = 58
    writes = 0
    while True:
        store.set_values({KEY: width})
        writes += 1
        if writes == 1:
            ready.send(True)
        width = 80 if width == 58 else 58


def _texts(folder: Path) -> tuple[str, str]:
    """The file's two possible texts: as shipped (80 mm) and after the change to 58 mm."""
    scratch = folder / "expected"
    scratch.mkdir()
    path = scratch / "kiosk.toml"
    shutil.copyfile(PROFILE, path)
    original = path.read_text(encoding="utf-8")
    ConfigStore(path).set_values({KEY: 58})
    changed = path.read_text(encoding="utf-8")
    ConfigStore(path).set_values({KEY: 80})
    if path.read_text(encoding="utf-8") != original:
        raise AssertionError("setting 80 back does not give the shipped text")
    return original, changed


def run_trials(trials: int, folder: Path, *, max_delay_s: float = 0.05) -> Counts:
    """Run ``trials`` kill trials in ``folder``; problems are listed in the result."""
    counts = Counts()
    valid = set(_texts(folder))
    context = multiprocessing.get_context("fork")
    rng = random.Random()
    for trial in range(trials):
        path = folder / f"trial-{trial}" / "kiosk.toml"
        path.parent.mkdir()
        shutil.copyfile(PROFILE, path)
        receive, send = context.Pipe(duplex=False)
        child = context.Process(target=_child, args=(path, send), daemon=True)
        child.start()
        if not receive.poll(10):
            child.kill()
            counts.problems.append(f"trial {trial}: the writer never started")
            continue
        receive.recv()
        time.sleep(rng.uniform(0, max_delay_s))  # the random moment of the power cut
        assert child.pid is not None
        os.kill(child.pid, signal.SIGKILL)
        child.join(10)
        counts.trials += 1
        counts.torn_temporaries += len(list(path.parent.glob(".*.tmp")))
        for candidate in (path, previous_path(path)):
            text = candidate.read_text(encoding="utf-8") if candidate.exists() else None
            if text not in valid:
                counts.problems.append(
                    f"trial {trial}: {candidate.name} is neither the old nor the new text "
                    f"({'missing' if text is None else f'{len(text)} characters'})"
                )
        try:
            width = load_settings(path, env={}).devices.printer
        except Exception as error:
            counts.problems.append(f"trial {trial}: the file does not load: {error}")
            continue
        assert width is not None
        counts.seen[width.paper_width_mm] = counts.seen.get(width.paper_width_mm, 0) + 1
        # The next writer cleans up after the killed one and works normally.
        ConfigStore(path).set_values({KEY: 58})
        if list(path.parent.glob(".*.tmp")):
            counts.problems.append(f"trial {trial}: temporary files left after the next write")
    return counts


def main() -> int:
    """Run the trials and print the counts."""
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--trials", type=int, default=200)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="config-kill-") as folder:
        counts = run_trials(args.trials, Path(folder))
    print(
        f"trials {counts.trials}, kills that left a torn temporary file "
        f"{counts.torn_temporaries}, widths found {counts.seen}"
    )
    for problem in counts.problems:
        print(problem)
    return 1 if counts.problems else 0


if __name__ == "__main__":
    sys.exit(main())
