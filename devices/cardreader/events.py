"""What a card reader backend tells its consumer, and the small interface every backend offers."""

from __future__ import annotations

import queue
from dataclasses import dataclass
from enum import StrEnum
from typing import Protocol

from devices.cardreader.errors import CardError
from devices.cardreader.identity import Identity


class ReaderEventKind(StrEnum):
    """The kinds of things a reader reports."""

    READER_ADDED = "reader_added"
    READER_REMOVED = "reader_removed"
    CARD_INSERTED = "card_inserted"  # reading starts now: show progress
    IDENTITY_READ = "identity_read"
    READ_FAILED = "read_failed"
    CARD_REMOVED = "card_removed"  # ends the session if a journey is running
    SERVICE_LOST = "service_lost"  # pcscd (or the serial port) went away: "reader missing"
    SERVICE_RESTORED = "service_restored"


@dataclass(frozen=True)
class ReaderEvent:
    """One event; ``identity`` with IDENTITY_READ, ``error`` with READ_FAILED."""

    kind: ReaderEventKind
    reader: str = ""
    identity: Identity | None = None
    error: CardError | None = None


class IdentityReader(Protocol):
    """A running reader backend: events arrive on ``events`` from its own threads."""

    events: queue.Queue[ReaderEvent]

    def start(self) -> None:
        """Start watching for cards (returns at once)."""
        ...

    def stop(self) -> None:
        """Stop watching and join the backend's threads promptly."""
        ...
