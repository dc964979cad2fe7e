"""Which serial ports exist (on-board, USB-serial adapters), via pyserial: never raises.

The SAM module of an ID card reader and some receipt printers hang on a serial port; the
technician picks the port from this list (a USB adapter also shows its USB ids).
"""

from __future__ import annotations

import logging
from dataclasses import dataclass

from devices.base import Discovered

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class SerialPort:
    """One serial port: its device path, what pyserial knows about it, USB ids if on USB."""

    device: str
    description: str
    vendor_id: int | None = None
    product_id: int | None = None

    @property
    def on_usb(self) -> bool:
        """True for a USB-serial adapter."""
        return self.vendor_id is not None


def list_serial_ports() -> Discovered[SerialPort]:
    """The serial ports present now, sorted by device path."""
    try:
        from serial.tools import list_ports
    except ImportError as exc:
        return Discovered(reason=f"pyserial cannot be loaded: {exc}")
    try:
        ports = list_ports.comports()
    except OSError as exc:
        log.warning("serial ports cannot be listed: %s", exc)
        return Discovered(reason=f"serial ports cannot be listed: {exc}")
    if not ports:
        return Discovered(reason="no serial port found")
    return Discovered(
        sorted(
            (
                SerialPort(
                    device=str(port.device),
                    description="" if port.description in (None, "n/a") else str(port.description),
                    vendor_id=port.vid,
                    product_id=port.pid,
                )
                for port in ports
            ),
            key=lambda port: port.device,
        )
    )
