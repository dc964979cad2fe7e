"""USB receipt printers: python-escpos' Usb with a timeout (its default is none) on every call."""

from __future__ import annotations

import contextlib
from typing import Any

from escpos.exceptions import DeviceNotFoundError
from escpos.printer import Usb

from devices.printer.connection import PrinterUnreachable


class UsbPrinter(Usb):  # type: ignore[misc]
    """A USB printer found by vendor and product id; writes and reads give up after the timeout."""

    _device: Any  # python-escpos: False (closed), None (opening) or the open device

    def __init__(self, vendor_id: int, product_id: int, timeout_s: float) -> None:
        # pyusb counts milliseconds.
        super().__init__(vendor_id, product_id, timeout=max(1, int(timeout_s * 1000)))

    def open(self, raise_not_found: bool = True) -> None:
        """Find and claim the device; PrinterUnreachable if absent or libusb is missing."""
        import usb.core

        try:
            super().open(raise_not_found=True)
        except (DeviceNotFoundError, usb.core.NoBackendError, usb.core.USBError) as exc:
            self._device = False
            raise PrinterUnreachable(f"USB printer {self.usb_args}") from exc

    def write(self, data: bytes) -> None:
        """Send bytes; a stalled printer raises TimeoutError, an unplugged one OSError."""
        import usb.core

        if not self._device:
            raise PrinterUnreachable("USB printer is not open")
        try:
            self._device.write(self.out_ep, data, self.timeout)
        except usb.core.USBTimeoutError as exc:
            raise TimeoutError("USB printer stopped taking data") from exc
        except usb.core.USBError as exc:
            raise OSError(f"USB printer: {exc}") from exc

    def _read(self) -> bytes:
        import usb.core

        if not self._device:
            raise PrinterUnreachable("USB printer is not open")
        try:
            return bytes(self._device.read(self.in_ep, 16, self.timeout))
        except usb.core.USBTimeoutError as exc:
            raise TimeoutError("USB printer did not answer") from exc
        except usb.core.USBError as exc:
            raise OSError(f"USB printer: {exc}") from exc

    def close(self) -> None:
        """Release the device; never raises."""
        with contextlib.suppress(Exception):
            super().close()
        self._device = False
