"""Reading a receipt printer's real-time status (ESC/POS DLE EOT n).

A printer that does not answer is UNKNOWN, never "paper out": python-escpos reads a
missing reply as plenty of paper and an invalid one as none, so the bytes are checked here.
"""

from __future__ import annotations

import logging
from typing import Protocol

from devices.printer.base import PrinterStatus

log = logging.getLogger(__name__)

DLE_EOT = b"\x10\x04"
QUERY_PRINTER = DLE_EOT + b"\x01"  # bit 3: offline
QUERY_OFFLINE_CAUSE = DLE_EOT + b"\x02"  # bit 2: cover open, bit 5: stopped by paper end
QUERY_PAPER = DLE_EOT + b"\x04"  # bits 2-3: near end, bits 5-6: paper end

OFFLINE = 0x08
COVER_OPEN = 0x04
STOPPED_BY_PAPER_END = 0x20
PAPER_NEAR_END = 0x0C
PAPER_END = 0x60


class _NoValidAnswer(Exception):
    """The printer stayed silent or answered something that is not a DLE EOT status byte."""


class StatusQueries(Protocol):
    """The part of a python-escpos printer a probe needs."""

    def query_status(self, mode: bytes) -> bytes:
        """Send a status request and return the reply."""
        ...


def _status_byte(printer: StatusQueries, query: bytes) -> int:
    try:
        reply = printer.query_status(query)
    except TimeoutError as exc:
        raise _NoValidAnswer("no answer to a status query") from exc
    # Every DLE EOT reply has bits 1 and 4 set and bits 0 and 7 clear.
    if len(reply) < 1 or reply[0] & 0x93 != 0x12:
        raise _NoValidAnswer(f"invalid status reply {reply[:4].hex() or 'empty'}")
    return reply[0]


def read_status(printer: StatusQueries) -> PrinterStatus:
    """Interpret the real-time status replies of an open ESC/POS printer."""
    try:
        printer_status = _status_byte(printer, QUERY_PRINTER)
        if printer_status & OFFLINE:
            cause = _status_byte(printer, QUERY_OFFLINE_CAUSE)
            if cause & COVER_OPEN:
                return PrinterStatus.COVER_OPEN
            if cause & STOPPED_BY_PAPER_END:
                return PrinterStatus.PAPER_OUT
            return PrinterStatus.OFFLINE
        paper = _status_byte(printer, QUERY_PAPER)
    except _NoValidAnswer as exc:
        log.warning("printer status unknown: %s", exc)
        return PrinterStatus.UNKNOWN
    if paper & PAPER_END:
        return PrinterStatus.PAPER_OUT
    if paper & PAPER_NEAR_END:
        return PrinterStatus.PAPER_NEAR_END
    return PrinterStatus.OK
