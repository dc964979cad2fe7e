"""Serial receipt printers: python-escpos' Serial with read and write timeouts."""

from __future__ import annotations

import contextlib
from typing import Any

import serial
from escpos.exceptions import DeviceNotFoundError
from escpos.printer import Serial

from devices.printer.connection import PrinterUnreachable


class SerialPrinter(Serial):  # type: ignore[misc]
    """A printer on a serial port; a write or status read gives up after ``timeout_s``."""

    _device: Any  # python-escpos: False (closed), None (opening) or the open device

    def __init__(self, port: str, baudrate: int, timeout_s: float) -> None:
        super().__init__(devfile=port, baudrate=baudrate, timeout=timeout_s, dsrdtr=False)

    def open(self, raise_not_found: bool = True) -> None:
        """Open the port; PrinterUnreachable if it does not exist or cannot be opened."""
        try:
            super().open(raise_not_found=True)
        except DeviceNotFoundError as exc:
            self._device = False
            raise PrinterUnreachable(f"serial printer {self.devfile}") from exc
        self._device.write_timeout = self.timeout

    def write(self, data: bytes) -> None:
        """Send bytes; a printer holding the line (flow control, full buffer) is a TimeoutError."""
        if not self._device:
            raise PrinterUnreachable("serial printer is not open")
        try:
            self._device.write(data)
            self._device.flush()
        except serial.SerialTimeoutException as exc:
            raise TimeoutError("serial printer stopped taking data") from exc
        except serial.SerialException as exc:
            raise OSError(f"serial printer: {exc}") from exc

    def _read(self) -> bytes:
        # python-escpos reads 16 bytes, which always waits the full timeout for a 1-byte reply.
        if not self._device:
            raise PrinterUnreachable("serial printer is not open")
        try:
            first: bytes = self._device.read(1)
            if not first:
                raise TimeoutError("serial printer did not answer")
            rest: bytes = self._device.read(self._device.in_waiting)
        except serial.SerialException as exc:
            raise OSError(f"serial printer: {exc}") from exc
        return first + rest

    def close(self) -> None:
        """Close the port; never raises."""
        with contextlib.suppress(Exception):
            super().close()
        self._device = False
