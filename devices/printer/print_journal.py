"""The journal of print jobs: what was sent, so a receipt is never printed twice by accident.

A job that may have reached the paper (bytes sent, no confirmation) is INCOMPLETE and is
never retried automatically; a technician reprints it as a new job. With a path, the journal
is JSON lines on disk (job ids and states only, no personal data), and a job found SENDING
after a restart reads as INCOMPLETE: the kiosk stopped while printing it.
"""

from __future__ import annotations

import json
import logging
import os
import threading
from enum import StrEnum
from pathlib import Path

log = logging.getLogger(__name__)


class JobState(StrEnum):
    """Where a print job got to."""

    SENDING = "sending"  # bytes are going out; if that is the last word, the job is incomplete
    PRINTED = "printed"  # every byte sent and, where the printer can answer, confirmed
    INCOMPLETE = "incomplete"  # may be partly or wholly on paper: never retried automatically
    NOT_PRINTED = "not_printed"  # nothing of it was sent: safe to print again


# States after which printing the same job again could give the resident a second receipt.
MAY_HAVE_PRINTED = frozenset({JobState.SENDING, JobState.PRINTED, JobState.INCOMPLETE})


class PrintJournal:
    """Job id → state, in memory or appended to a JSON-lines file."""

    def __init__(self, path: Path | None = None) -> None:
        self._path = path
        self._lock = threading.Lock()
        self._states: dict[str, JobState] = {}
        self._needs_reset = False
        if path is not None and path.exists():
            self._load(path)

    def _load(self, path: Path) -> None:
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
            try:
                entry = json.loads(line)
                self._apply(str(entry["job"]), JobState(entry["state"]))
            except (ValueError, KeyError, TypeError):
                log.warning("print journal %s: line %d unreadable, ignored", path, number)
        for job, state in self._states.items():
            if state is JobState.SENDING:
                self._states[job] = JobState.INCOMPLETE
                self._needs_reset = True

    def _apply(self, job_id: str, state: JobState) -> None:
        self._states[job_id] = state
        if state in (JobState.SENDING, JobState.INCOMPLETE):
            self._needs_reset = True
        elif state is JobState.PRINTED:
            self._needs_reset = False

    def state(self, job_id: str) -> JobState | None:
        """The last state of a job, or None if it was never tried."""
        with self._lock:
            return self._states.get(job_id)

    def record(self, job_id: str, state: JobState) -> None:
        """Note a job's new state (on disk before returning, when the journal has a file)."""
        with self._lock:
            self._apply(job_id, state)
            if self._path is not None:
                line = json.dumps({"job": job_id, "state": state.value}) + "\n"
                with self._path.open("a", encoding="utf-8") as file:
                    file.write(line)
                    file.flush()
                    os.fsync(file.fileno())

    def needs_reset(self) -> bool:
        """Whether the last job failed mid-way, so the next must start by initialising (ESC @)."""
        with self._lock:
            return self._needs_reset

    def incomplete_jobs(self) -> list[str]:
        """Jobs that may be partly on paper, for the technician."""
        with self._lock:
            return [job for job, s in self._states.items() if s is JobState.INCOMPLETE]
