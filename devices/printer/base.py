"""Receipt printers: the status a printer reports, as the kiosk understands it."""

from __future__ import annotations

from enum import StrEnum


class PrinterStatus(StrEnum):
    """What a printer reports. UNKNOWN means it did not answer: never guess "paper out"."""

    OK = "ok"
    PAPER_NEAR_END = "paper_near_end"
    PAPER_OUT = "paper_out"
    COVER_OPEN = "cover_open"
    OFFLINE = "offline"
    UNKNOWN = "unknown"
