"""A GPS receiver on a serial port speaking NMEA 0183, parsed with pynmea2 ($GPRMC, $GPGGA).

Only sentences that say they hold a fix count: RMC with status A, GGA with a fix quality above
zero. Talker ids other than GP (GN, BD for BeiDou receivers sold here) are taken the same way.
"""

from __future__ import annotations

import logging
import time
from datetime import UTC, datetime

import pynmea2
import serial

from config.schema import NmeaGpsSettings
from devices.location.base import Fix, LocationDeviceError

log = logging.getLogger(__name__)


def fix_from_sentence(line: str, today: datetime | None = None) -> Fix | None:
    """The fix an NMEA sentence holds, or None (another sentence, no fix, bad checksum)."""
    try:
        message = pynmea2.parse(line.strip(), check=True)
    except (pynmea2.ParseError, ValueError, AttributeError):
        return None
    kind = getattr(message, "sentence_type", "")
    if kind == "RMC":
        if getattr(message, "status", "") != "A" or message.datestamp is None:
            return None
        fixed_at = datetime.combine(message.datestamp, message.timestamp).replace(tzinfo=UTC)
        return _fix(message, fixed_at, None)
    if kind == "GGA":
        if not message.gps_qual or int(message.gps_qual) == 0 or message.timestamp is None:
            return None
        day = (today or datetime.now(UTC)).date()
        fixed_at = datetime.combine(day, message.timestamp).replace(tzinfo=UTC)
        satellites = int(message.num_sats) if str(message.num_sats or "").isdigit() else None
        return _fix(message, fixed_at, satellites)
    return None


def _fix(message: pynmea2.NMEASentence, fixed_at: datetime, satellites: int | None) -> Fix | None:
    try:
        latitude, longitude = float(message.latitude), float(message.longitude)
    except (TypeError, ValueError):
        return None
    if not (-90 <= latitude <= 90 and -180 <= longitude <= 180):
        return None
    return Fix(latitude, longitude, fixed_at, satellites)


class NmeaSerialReceiver:
    """Reads lines from the serial port until one holds a fix; opens the port on first use."""

    def __init__(self, settings: NmeaGpsSettings) -> None:
        self._settings = settings
        self._port: serial.Serial | None = None

    def _opened(self) -> serial.Serial:
        if self._port is None:
            try:
                self._port = serial.Serial(
                    self._settings.port, self._settings.baudrate, timeout=0.5
                )
            except (serial.SerialException, OSError) as error:
                raise LocationDeviceError(f"GPS port {self._settings.port}: {error}") from None
        return self._port

    def read_fix(self, timeout_s: float) -> Fix | None:
        """The next fix within ``timeout_s`` (blocking); None if the receiver has none."""
        port = self._opened()
        deadline = time.monotonic() + timeout_s
        while time.monotonic() < deadline:
            try:
                raw = port.readline()
            except (serial.SerialException, OSError) as error:
                self.close()
                raise LocationDeviceError(f"GPS port {self._settings.port}: {error}") from None
            if not raw:
                continue
            fix = fix_from_sentence(raw.decode("ascii", errors="replace"))
            if fix is not None:
                return fix
        return None

    def close(self) -> None:
        """Close the port (it is opened again on the next read)."""
        if self._port is not None:
            port, self._port = self._port, None
            try:
                port.close()
            except (serial.SerialException, OSError):
                log.debug("GPS port did not close cleanly")
