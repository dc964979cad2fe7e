"""The receipt printer's last known status, left in the data folder for the sync service.

The kiosk process owns the printer; the sync service (another process) reports its health in
the heartbeat. The kiosk writes the status it saw at each check and print into a small JSON
file (replaced atomically, so a reader never sees half of it), the service reads it before
each heartbeat. No personal data: a status word and a time.
"""

from __future__ import annotations

import json
import logging
import os
import tempfile
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

from devices.printer.base import PrinterStatus

log = logging.getLogger(__name__)

STATUS_FILE = "printer_status.json"
# The heartbeat's words for each status (central's PaperState).
HEARTBEAT_PAPER: dict[PrinterStatus, str] = {
    PrinterStatus.OK: "ok",
    PrinterStatus.PAPER_NEAR_END: "near_end",
    PrinterStatus.PAPER_OUT: "out",
    PrinterStatus.COVER_OPEN: "cover_open",
    PrinterStatus.OFFLINE: "offline",
    PrinterStatus.UNKNOWN: "unknown",
}


@dataclass(frozen=True)
class PrinterReport:
    """A printer status and when the kiosk saw it."""

    status: PrinterStatus
    at: datetime

    @property
    def heartbeat_paper(self) -> str:
        """The status as the heartbeat's ``printer_paper`` word."""
        return HEARTBEAT_PAPER[self.status]


class PrinterStatusFile:
    """``printer_status.json`` in a data folder: written by the kiosk, read by sync."""

    def __init__(self, data_dir: Path) -> None:
        self.path = data_dir / STATUS_FILE

    def record(self, status: PrinterStatus, at: datetime | None = None) -> None:
        """Replace the file with ``status``; a failure is logged, never raised (advisory)."""
        when = at or datetime.now(UTC)
        body = json.dumps({"status": status.value, "at": when.isoformat()})
        try:
            self.path.parent.mkdir(mode=0o700, parents=True, exist_ok=True)
            fd, temp = tempfile.mkstemp(prefix=".printer-status-", dir=self.path.parent)
            try:
                with os.fdopen(fd, "w", encoding="utf-8") as handle:
                    handle.write(body)
                Path(temp).replace(self.path)
            except BaseException:
                Path(temp).unlink(missing_ok=True)
                raise
        except OSError as error:
            log.warning("printer status not recorded: %s", error)

    def read(self) -> PrinterReport | None:
        """The last recorded status, or None if none was recorded (or the file is unusable)."""
        try:
            decoded = json.loads(self.path.read_text(encoding="utf-8"))
            return PrinterReport(
                PrinterStatus(decoded["status"]), datetime.fromisoformat(decoded["at"])
            )
        except FileNotFoundError:
            return None
        except (OSError, ValueError, KeyError, TypeError) as error:
            log.warning("printer status file unusable: %s", error)
            return None


__all__ = ["HEARTBEAT_PAPER", "STATUS_FILE", "PrinterReport", "PrinterStatusFile"]
