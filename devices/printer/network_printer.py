"""Raw-TCP (port 9100) receipt printers: python-escpos' Network with a bounded timeout."""

from __future__ import annotations

import contextlib
import socket
from typing import Any

from escpos.exceptions import DeviceNotFoundError
from escpos.printer import Network

from devices.printer.connection import PrinterUnreachable


class NetworkPrinter(Network):  # type: ignore[misc]
    """A network printer whose connect, send and receive each give up after ``timeout_s``."""

    _device: Any  # python-escpos: False (closed), None (opening) or the open device

    def __init__(self, host: str, port: int, timeout_s: float) -> None:
        super().__init__(host, port, timeout=timeout_s)

    def open(self, raise_not_found: bool = True) -> None:
        """Connect; PrinterUnreachable when refused or unreachable within the timeout."""
        try:
            super().open(raise_not_found=True)
        except DeviceNotFoundError as exc:
            raise PrinterUnreachable(f"network printer {self.host}:{self.port}") from exc
        # A status query right after the job must not wait for Nagle and a delayed ACK (40 ms).
        self._device.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)

    def write(self, data: bytes) -> None:
        """Send bytes (socket.timeout is a TimeoutError)."""
        if not self._device:
            raise PrinterUnreachable("network printer is not open")
        self._device.sendall(data)

    def _read(self) -> bytes:
        if not self._device:
            raise PrinterUnreachable("network printer is not open")
        reply: bytes = self._device.recv(16)
        return reply

    def close(self) -> None:
        """Close the socket; never raises."""
        with contextlib.suppress(OSError):
            super().close()
        self._device = False
