"""Receipt printers behind a device file (``/dev/usb/lp0``), with every write and read bounded.

python-escpos' File opens the device with a plain blocking ``open``: a printer that is off or
out of paper then blocks the kiosk forever. Here the file is opened non-blocking and each
write or read waits at most the timeout, with ``select``.
"""

from __future__ import annotations

import contextlib
import errno
import os
import select
import stat
import time
from pathlib import Path
from typing import Any

from escpos.printer import File

from devices.printer.connection import PrinterUnreachable


class DeviceFilePrinter(File):  # type: ignore[misc]
    """A printer behind a character device (or a FIFO, for tests)."""

    _device: Any  # python-escpos: False (closed), None (opening) or the open device

    def __init__(self, path: str, timeout_s: float) -> None:
        super().__init__(devfile=path, auto_flush=False)
        self.timeout_s = timeout_s
        self._fd: int | None = None
        self._readable = False

    def open(self, raise_not_found: bool = True) -> None:
        """Open the device; PrinterUnreachable if it is missing or nothing is behind it."""
        self.close()
        try:
            mode = Path(self.devfile).stat().st_mode
            if stat.S_ISFIFO(mode):
                # O_RDWR on a FIFO would read back our own bytes as status replies.
                self._fd = os.open(self.devfile, os.O_WRONLY | os.O_NONBLOCK)
            else:
                try:
                    self._fd = os.open(self.devfile, os.O_RDWR | os.O_NONBLOCK)
                    self._readable = True
                except PermissionError:
                    self._fd = os.open(self.devfile, os.O_WRONLY | os.O_NONBLOCK)
        except OSError as exc:
            raise PrinterUnreachable(f"device file printer {self.devfile}: {exc}") from exc
        self._device = True

    def write(self, data: bytes) -> None:
        """Send every byte, or raise TimeoutError when the device stops taking them."""
        if self._fd is None:
            raise PrinterUnreachable("device file printer is not open")
        view = memoryview(data)
        deadline = time.monotonic() + self.timeout_s
        while view:
            remaining = deadline - time.monotonic()
            if remaining <= 0:
                raise TimeoutError(f"{self.devfile} stopped taking data")
            _, writable, _ = select.select([], [self._fd], [], remaining)
            if not writable:
                continue
            try:
                written = os.write(self._fd, view)
            except BlockingIOError:
                continue
            view = view[written:]

    def _raw(self, msg: bytes) -> None:
        self.write(msg)

    def _read(self) -> bytes:
        if self._fd is None or not self._readable:
            raise TimeoutError(f"{self.devfile} cannot answer status queries")
        readable, _, _ = select.select([self._fd], [], [], self.timeout_s)
        if not readable:
            raise TimeoutError(f"{self.devfile} did not answer")
        try:
            return os.read(self._fd, 16)
        except OSError as exc:
            if exc.errno == errno.EAGAIN:
                raise TimeoutError(f"{self.devfile} did not answer") from exc
            raise

    def close(self) -> None:
        """Close the device; never raises."""
        if self._fd is not None:
            with contextlib.suppress(OSError):
                os.close(self._fd)
        self._fd = None
        self._readable = False
        self._device = False
