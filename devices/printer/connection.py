"""What the adapter needs of a printer transport, and the errors every transport raises."""

from __future__ import annotations

from typing import Protocol


class PrinterUnreachable(OSError):
    """The printer could not be opened (refused, unplugged, no such device); nothing was sent."""


class PrinterConnection(Protocol):
    """An open-able ESC/POS transport; every operation is bounded by the printer's timeout.

    ``write`` raises OSError (TimeoutError included) when the printer stops taking bytes;
    ``query_status`` raises TimeoutError when no reply comes.
    """

    def open(self) -> None:
        """Connect; PrinterUnreachable if the printer is not there."""
        ...

    def write(self, data: bytes) -> None:
        """Send bytes to the printer."""
        ...

    def query_status(self, mode: bytes) -> bytes:
        """Send a real-time status request and return the reply."""
        ...

    def close(self) -> None:
        """Disconnect; never raises."""
        ...
