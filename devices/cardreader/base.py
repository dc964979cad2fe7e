"""Card readers: what discovery reports, and the protocol every reader backend offers for it."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Protocol

from devices.base import Discovered


@dataclass(frozen=True)
class ReaderInfo:
    """A card reader the system can see: its name (as the backend reports it) and backend."""

    name: str
    backend: str  # "pcsc", "sam_serial", "simulated"


class CardReaderDiscovery(Protocol):
    """Lists the readers of one backend; never raises, an empty answer carries the reason."""

    def __call__(self) -> Discovered[ReaderInfo]:
        """The readers present now."""
        ...
