"""Where a mobile service unit served: GPS coordinates, else the configured place name.

A ``LocationTracker`` reads the GPS on its own daemon thread and keeps the latest fix; the
journey asks ``current()``, which never blocks: a fresh fix gives coordinates (with the place
name beside them), no fix gives the place name, neither gives "unknown". A GPS that is missing,
unplugged or silent is retried quietly and never stops an application.
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime
from enum import StrEnum
from typing import Any

from config.schema import KioskSettings, NmeaGpsSettings
from devices.location.base import Fix, LocationDeviceError, LocationReceiver
from devices.location.nmea_serial import NmeaSerialReceiver

log = logging.getLogger(__name__)

READ_TIMEOUT_S = 2.0
RETRY_S = 10.0


class LocationSource(StrEnum):
    """Where the recorded location came from."""

    GPS = "gps"
    PLACE = "place"  # the configured place name
    UNKNOWN = "unknown"


@dataclass(frozen=True)
class ServiceLocation:
    """The location recorded with one application."""

    source: LocationSource
    place_name: str | None = None
    latitude: float | None = None
    longitude: float | None = None
    fixed_at: datetime | None = None

    def as_payload(self) -> dict[str, Any]:
        """The JSON of the sealed application and of the platform submission."""
        return {
            "source": self.source.value,
            "place_name": self.place_name,
            "latitude": self.latitude,
            "longitude": self.longitude,
            "fixed_at": self.fixed_at.isoformat() if self.fixed_at is not None else None,
        }


ReceiverFactory = Callable[[], LocationReceiver]


class LocationTracker:
    """Keeps the latest GPS fix from a worker thread; ``current()`` answers at once."""

    def __init__(
        self,
        place_name: str = "",
        receiver: ReceiverFactory | None = None,
        *,
        max_fix_age_s: float = 300.0,
        clock: Callable[[], datetime] | None = None,
        retry_s: float = RETRY_S,
    ) -> None:
        self._place_name = place_name.strip() or None
        self._receiver = receiver
        self._max_fix_age_s = max_fix_age_s
        self._clock = clock or (lambda: datetime.now(UTC))
        self._retry_s = retry_s
        self._lock = threading.Lock()
        self._fix: Fix | None = None
        self._received_at: datetime | None = None
        self._stop = threading.Event()
        self._thread: threading.Thread | None = None

    def start(self) -> None:
        """Start reading the GPS (no-op without one)."""
        if self._receiver is None or self._thread is not None:
            return
        self._thread = threading.Thread(target=self._run, name="gps", daemon=True)
        self._thread.start()

    def stop(self, timeout_s: float = 5.0) -> None:
        """Stop the reader thread and wait for it."""
        self._stop.set()
        if self._thread is not None:
            self._thread.join(timeout_s)

    def current(self) -> ServiceLocation:
        """The location to record now: a fresh fix, else the place name, else unknown."""
        with self._lock:
            fix, received_at = self._fix, self._received_at
        if fix is not None and received_at is not None:
            age = (self._clock() - received_at).total_seconds()
            if age <= self._max_fix_age_s:
                return ServiceLocation(
                    LocationSource.GPS,
                    self._place_name,
                    round(fix.latitude, 6),
                    round(fix.longitude, 6),
                    fix.fixed_at,
                )
        if self._place_name is not None:
            return ServiceLocation(LocationSource.PLACE, self._place_name)
        return ServiceLocation(LocationSource.UNKNOWN)

    def _run(self) -> None:
        assert self._receiver is not None
        receiver: LocationReceiver | None = None
        try:
            while not self._stop.is_set():
                try:
                    if receiver is None:
                        receiver = self._receiver()
                    fix = receiver.read_fix(READ_TIMEOUT_S)
                except (LocationDeviceError, OSError) as error:
                    log.warning("GPS not readable; retrying", extra={"reason": str(error)[:200]})
                    if receiver is not None:
                        receiver.close()
                        receiver = None
                    self._stop.wait(self._retry_s)
                    continue
                if fix is not None:
                    with self._lock:
                        self._fix, self._received_at = fix, self._clock()
        finally:
            if receiver is not None:
                receiver.close()


def open_location_tracker(settings: KioskSettings) -> LocationTracker:
    """The tracker of this terminal's GPS and place name (not started)."""
    gps: NmeaGpsSettings | None = settings.devices.gps
    factory: ReceiverFactory | None = None
    if gps is not None:

        def factory() -> LocationReceiver:
            return NmeaSerialReceiver(gps)

    return LocationTracker(
        settings.mobile.place_name,
        factory,
        max_fix_age_s=gps.max_fix_age_s if gps is not None else 300.0,
    )
