"""Which audit entries ride on the next heartbeat, and what the platform has acknowledged.

The platform answers each heartbeat with the highest audit seq it holds (``audit_seq``); the
next heartbeat carries the entries after it, at most ``batch`` of them, so a long offline
period catches up over a few heartbeats. Before the first answer (a fresh start) the oldest
batch is sent: the platform ignores entries it already holds, so a repeat is harmless.
"""

from __future__ import annotations

import logging
from typing import Any

from kiosk.audit import AuditLog

log = logging.getLogger(__name__)

BATCH = 200


class AuditPush:
    """Audit entries not yet acknowledged by the platform, for the heartbeat body."""

    def __init__(self, audit: AuditLog, batch: int = BATCH) -> None:
        self._audit = audit
        self._batch = batch
        self._acked: int | None = None

    def pending(self) -> list[dict[str, Any]]:
        """The next entries to send (JSON objects), oldest first; empty on a read error."""
        try:
            entries = self._audit.entries_since(self._acked or 0)
        except OSError as error:
            log.warning("audit log unreadable for the heartbeat: %s", type(error).__name__)
            return []
        return [entry.as_dict() for entry in entries[: self._batch]]

    def acknowledged(self, seq: int | None) -> None:
        """The platform holds every entry up to ``seq`` (None: an older platform, no audit)."""
        if seq is not None:
            self._acked = seq

    @property
    def acked_seq(self) -> int | None:
        """The last seq the platform acknowledged, None before its first answer."""
        return self._acked
