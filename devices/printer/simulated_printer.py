"""Demo mode's printer: python-escpos' Dummy, which keeps the bytes and reports "all fine"."""

from __future__ import annotations

from escpos.printer import Dummy

_ALL_FINE = b"\x12"  # the DLE EOT reply with nothing to report


class SimulatedPrinter(Dummy):  # type: ignore[misc]
    """Keeps every job's bytes in ``output``; answers every status query with "all fine"."""

    def open(self, raise_not_found: bool = True) -> None:
        """Nothing to connect to."""

    def write(self, data: bytes) -> None:
        """Keep the bytes."""
        self._raw(data)

    def query_status(self, mode: bytes) -> bytes:
        """Every status is fine (the query itself is not kept in ``output``)."""
        return _ALL_FINE

    def close(self) -> None:
        """Nothing to disconnect."""
