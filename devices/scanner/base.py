"""Scanners: what discovery reports about a scanning device."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Protocol

from devices.base import Discovered


@dataclass(frozen=True)
class ScannerInfo:
    """A scanner the system can see: backend device name (e.g. "test:0"), vendor, model, type."""

    name: str
    vendor: str
    model: str
    kind: str  # SANE's device type, e.g. "flatbed scanner", "virtual device"
    backend: str = "sane"


class ScannerDiscovery(Protocol):
    """Lists the scanners of one backend; never raises, an empty answer carries the reason."""

    def __call__(self) -> Discovered[ScannerInfo]:
        """The scanners present now."""
        ...
