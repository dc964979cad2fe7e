"""Scanners: what discovery reports about a scanning device."""

from __future__ import annotations

import enum
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Protocol

import numpy as np
import numpy.typing as npt

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


# --- capture (added by the imaging work, issue 6) ---------------------------------------------


class ScanProblem(enum.Enum):
    """Why a scan or capture failed, one value per message the resident or technician sees."""

    FEEDER_EMPTY = "feeder_empty"
    JAMMED = "jammed"
    COVER_OPEN = "cover_open"
    DEVICE_BUSY = "device_busy"
    IO_ERROR = "io_error"
    NO_DEVICE = "no_device"
    CANCELLED = "cancelled"
    UNSUPPORTED = "unsupported"
    OTHER = "other"


PROBLEM_MESSAGES = {
    ScanProblem.FEEDER_EMPTY: "The document feeder is empty: put the pages in it and scan again.",
    ScanProblem.JAMMED: "Paper is jammed in the feeder: open it, take the sheet out, scan again.",
    ScanProblem.COVER_OPEN: "The scanner cover is open: close it and scan again.",
    ScanProblem.DEVICE_BUSY: "The scanner is busy: wait a moment and scan again.",
    ScanProblem.IO_ERROR: "The scanner stopped answering: check its cable and power, scan again.",
    ScanProblem.NO_DEVICE: "No scanner found: check that it is plugged in and switched on.",
    ScanProblem.CANCELLED: "The scan was cancelled.",
    ScanProblem.UNSUPPORTED: "The scanner cannot do this.",
    ScanProblem.OTHER: "The scan failed.",
}


class ScanError(Exception):
    """A scan that failed for a named reason; ``str()`` is a clear message."""

    def __init__(self, problem: ScanProblem, detail: str = "") -> None:
        self.problem = problem
        self.detail = detail
        message = PROBLEM_MESSAGES[problem]
        super().__init__(f"{message} ({detail})" if detail else message)


@dataclass(frozen=True)
class ScannedPage:
    """One page from a scanner: 8-bit BGR pixels, resolution, and which side of the sheet."""

    image: npt.NDArray[np.uint8]
    dpi: int
    sheet: int = 0
    side: str = "front"


class Scanner(Protocol):
    """A page source (SANE scanner, or the demo folder): each scan yields the pages it got."""

    def scan(self) -> Iterator[ScannedPage]:
        """Scan: one page on a flatbed, every sheet in the feeder; raises ScanError."""
        ...

    def cancel(self) -> None:
        """Stop the scan in progress from another thread; ``scan`` then raises CANCELLED."""
        ...

    def close(self) -> None:
        """Release the device."""
        ...


@dataclass(frozen=True)
class Frame:
    """A camera frame: BGR pixels, its sequence number and when it was grabbed (monotonic s)."""

    image: npt.NDArray[np.uint8]
    number: int
    timestamp: float


class CameraState(enum.Enum):
    """Where a camera's grab loop is: opening, delivering frames, or waiting to reconnect."""

    CONNECTING = "connecting"
    STREAMING = "streaming"
    DISCONNECTED = "disconnected"
    STOPPED = "stopped"


class Camera(Protocol):
    """A live frame source; its newest frame is always at hand, older ones are dropped."""

    @property
    def state(self) -> CameraState:
        """The grab loop's state now."""
        ...

    def start(self) -> None:
        """Start grabbing in the background."""
        ...

    def latest(self) -> Frame | None:
        """The newest frame, or None before the first."""
        ...

    def wait_for_frame(self, after: int = -1, timeout: float = 1.0) -> Frame | None:
        """The first frame numbered above ``after``, waiting up to ``timeout`` seconds."""
        ...

    def stop(self) -> None:
        """Stop grabbing and release the device."""
        ...
