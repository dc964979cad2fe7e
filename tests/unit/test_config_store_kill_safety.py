"""A process changing the settings file is SIGKILLed at random moments: the file stays whole."""

from __future__ import annotations

from pathlib import Path

from tests.stress.config_kill import run_trials


def test_a_killed_writer_leaves_the_old_or_the_new_file_never_a_mix(tmp_path: Path) -> None:
    counts = run_trials(20, tmp_path)
    assert counts.problems == []
    assert counts.trials == 20
    # Both outcomes occur, so the kills really landed while the writer was busy.
    assert sum(counts.seen.values()) == 20
