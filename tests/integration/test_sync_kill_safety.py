"""Kill safety: the sync process SIGKILLed at random moments while draining loses nothing and
duplicates nothing (20 trials here; tests/stress/sync_kill.py runs 200+ by hand)."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.fixtures.platform import RunningPlatform
from tests.stress.sync_kill import run_trials

pytestmark = pytest.mark.stack


def test_sigkill_while_draining_leaves_every_application_exactly_once_and_intact(
    tls_platform: RunningPlatform, tmp_path: Path
) -> None:
    # A little latency per request keeps each drain longer than the kill window, however fast
    # or busy the machine is, so the kills land mid-drain.
    tls_platform.admin.set_faults(latency_ms=30)
    try:
        counts = run_trials(20, tls_platform, tmp_path, kills=2, seed=20)
    finally:
        tls_platform.admin.set_faults()
    assert counts.problems == []
    assert counts.trials == 20 and counts.applications == 60
    # Most kills must land while the child is still draining, or the test proves little.
    assert counts.kills_mid_drain >= 30, counts
