"""What every location receiver offers: the next position fix, or None while there is none."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Protocol


class LocationDeviceError(OSError):
    """The receiver cannot be opened or read (unplugged, wrong port)."""


@dataclass(frozen=True)
class Fix:
    """One position fix: WGS-84 degrees and when the receiver took it (UTC)."""

    latitude: float
    longitude: float
    fixed_at: datetime
    satellites: int | None = None


class LocationReceiver(Protocol):
    """A source of position fixes; blocking, so it is read on a worker thread only."""

    def read_fix(self, timeout_s: float) -> Fix | None:
        """The next valid fix within ``timeout_s``; None when none came (no satellites yet)."""
        ...

    def close(self) -> None:
        """Release the device."""
        ...
