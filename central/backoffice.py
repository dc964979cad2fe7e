"""Demo mode's simulated back office: moves every open application one step now and then."""

from __future__ import annotations

import logging
import random
import threading

from central.applications import NEXT, Applications, Status, StatusChange
from central.errors import ApiError

log = logging.getLogger(__name__)

# The happy path most of the time; now and then a request for more material or a refusal.
_WEIGHTS: dict[Status, float] = {
    Status.ACCEPTED: 0.8,
    Status.APPROVED: 1.0,
    Status.COMPLETED: 1.0,
    Status.NEEDS_MORE: 0.15,
    Status.REJECTED: 0.05,
}


class SimulatedBackOffice:
    """A daemon thread that advances applications every ``interval_s`` seconds."""

    def __init__(self, applications: Applications, interval_s: float = 20.0) -> None:
        self._applications = applications
        self._interval_s = interval_s
        self._stop = threading.Event()
        self._rng = random.Random()  # noqa: S311 - a simulation
        self._thread = threading.Thread(target=self._run, name="backoffice", daemon=True)

    def start(self) -> None:
        """Start the thread."""
        self._thread.start()

    def stop(self) -> None:
        """Stop the thread (waits for the current step)."""
        self._stop.set()
        self._thread.join(timeout=5)

    def step(self) -> int:
        """Advance each open application by one step; returns how many moved."""
        moved = 0
        for application_id, status in self._applications.open_ids():
            choices = sorted(NEXT[status])
            if not choices:
                continue
            target = self._rng.choices(choices, [_WEIGHTS[c] for c in choices])[0]
            try:
                self._applications.move(application_id, StatusChange(status=target, note="demo"))
                moved += 1
            except ApiError:  # moved meanwhile by an admin
                continue
        return moved

    def _run(self) -> None:
        while not self._stop.wait(self._interval_s):
            try:
                self.step()
            except Exception:
                log.exception("simulated back office step failed")
