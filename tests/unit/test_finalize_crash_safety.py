"""A process killed at random points during finalize leaves no application or a complete one."""

from __future__ import annotations

from tests.stress.finalize_crash import run_trials


def test_twenty_random_kills_leave_only_complete_applications() -> None:
    counts = run_trials(20, seed=20240501)
    assert counts.problems == []
    assert counts.trials == 20 and counts.killed == 20
    assert counts.complete > 0  # the kills landed while applications were being written
