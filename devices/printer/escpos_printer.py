"""The receipt printer adapter: status before each job, bounded I/O, and no double prints.

Over python-escpos' transports (``*_printer.py``, one per backend). A job is sent only when
the printer is not known to be out of paper, open or offline ("no answer" is unknown and
does not stop a job). After the bytes, a status query confirms the printer took them all:
its reply comes after every byte sent before it. A job that fails after its first byte is
INCOMPLETE, never retried, and the next job starts with ESC @.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from dataclasses import dataclass
from enum import StrEnum

from config.schema import (
    FilePrinterSettings,
    NetworkPrinterSettings,
    PrinterSettings,
    SerialPrinterSettings,
    SimulatedPrinterSettings,
    UsbPrinterSettings,
)
from devices.printer.base import PrinterStatus
from devices.printer.connection import PrinterConnection, PrinterUnreachable
from devices.printer.escpos_document import ESC_INIT
from devices.printer.print_journal import MAY_HAVE_PRINTED, JobState, PrintJournal
from devices.printer.status import read_status

log = logging.getLogger(__name__)

# Statuses that mean the job would not come out of the printer.
BLOCKING = frozenset({PrinterStatus.PAPER_OUT, PrinterStatus.COVER_OPEN, PrinterStatus.OFFLINE})
CHUNK_BYTES = 1024


class PrintOutcome(StrEnum):
    """What happened to a job."""

    PRINTED = "printed"
    NOT_PRINTED = "not_printed"  # nothing sent: the resident is shown the receipt on screen
    INCOMPLETE = "incomplete"  # may be partly on paper: a technician decides about a reprint
    DUPLICATE = "duplicate"  # this job was already sent once; refused without sending


@dataclass(frozen=True)
class PrintResult:
    """The outcome of one job and the last status the printer reported."""

    job_id: str
    outcome: PrintOutcome
    status: PrinterStatus
    detail: str = ""


def connection_factory(settings: PrinterSettings) -> Callable[[], PrinterConnection]:
    """A function that makes a fresh, unopened connection to the configured printer."""
    if isinstance(settings, NetworkPrinterSettings):
        from devices.printer.network_printer import NetworkPrinter

        return lambda: NetworkPrinter(settings.host, settings.port, settings.timeout_s)
    if isinstance(settings, UsbPrinterSettings):
        from devices.printer.usb_printer import UsbPrinter

        return lambda: UsbPrinter(settings.vendor_id, settings.product_id, settings.timeout_s)
    if isinstance(settings, SerialPrinterSettings):
        from devices.printer.serial_printer import SerialPrinter

        return lambda: SerialPrinter(settings.port, settings.baudrate, settings.timeout_s)
    if isinstance(settings, FilePrinterSettings):
        from devices.printer.file_printer import DeviceFilePrinter

        return lambda: DeviceFilePrinter(str(settings.path), settings.timeout_s)
    if isinstance(settings, SimulatedPrinterSettings):
        from devices.printer.simulated_printer import SimulatedPrinter

        simulated = SimulatedPrinter()  # one paper roll for the whole demo
        return lambda: simulated
    raise TypeError(f"unknown printer backend {settings!r}")


def _status_of(connection: PrinterConnection) -> PrinterStatus:
    try:
        return read_status(connection)
    except OSError as exc:  # reset or closed mid-query
        log.warning("printer status query failed: %s", exc)
        return PrinterStatus.UNKNOWN


class ReceiptPrinter:
    """One configured receipt printer; its methods never raise for printer trouble."""

    def __init__(
        self,
        settings: PrinterSettings,
        journal: PrintJournal | None = None,
        connect: Callable[[], PrinterConnection] | None = None,
    ) -> None:
        self.settings = settings
        self.journal = journal if journal is not None else PrintJournal()
        self._connect = connect or connection_factory(settings)

    def status(self) -> PrinterStatus:
        """The printer's status now; OFFLINE if unreachable, UNKNOWN if it cannot answer."""
        if not self.settings.status_queries:
            return PrinterStatus.UNKNOWN
        connection = self._connect()
        try:
            connection.open()
        except PrinterUnreachable as exc:
            log.warning("printer unreachable: %s", exc)
            return PrinterStatus.OFFLINE
        try:
            return _status_of(connection)
        finally:
            connection.close()

    def print_job(self, job_id: str, payload: bytes) -> PrintResult:
        """Send a job once. A job id that may already be on paper is refused (DUPLICATE)."""
        prior = self.journal.state(job_id)
        if prior in MAY_HAVE_PRINTED:
            log.warning("print job %s refused: it was already %s", job_id, prior)
            return PrintResult(job_id, PrintOutcome.DUPLICATE, PrinterStatus.UNKNOWN, str(prior))
        connection = self._connect()
        try:
            connection.open()
        except PrinterUnreachable as exc:
            log.warning("print job %s not printed: %s", job_id, exc)
            self.journal.record(job_id, JobState.NOT_PRINTED)
            return PrintResult(
                job_id, PrintOutcome.NOT_PRINTED, PrinterStatus.OFFLINE, "unreachable"
            )
        try:
            return self._send(connection, job_id, payload)
        finally:
            connection.close()

    def _send(self, connection: PrinterConnection, job_id: str, payload: bytes) -> PrintResult:
        status = PrinterStatus.UNKNOWN
        try:
            if self.journal.needs_reset():
                # The printer may still hold half of the failed job's last command.
                connection.write(ESC_INIT)
            if self.settings.status_queries:
                status = _status_of(connection)
        except OSError as exc:
            log.warning("print job %s not printed: %s", job_id, exc)
            self.journal.record(job_id, JobState.NOT_PRINTED)
            return PrintResult(job_id, PrintOutcome.NOT_PRINTED, status, str(exc))
        if status in BLOCKING:
            log.warning("print job %s not printed: printer %s", job_id, status)
            self.journal.record(job_id, JobState.NOT_PRINTED)
            return PrintResult(job_id, PrintOutcome.NOT_PRINTED, status, status.value)
        self.journal.record(job_id, JobState.SENDING)
        try:
            for start in range(0, len(payload), CHUNK_BYTES):
                connection.write(payload[start : start + CHUNK_BYTES])
        except OSError as exc:
            log.warning("print job %s incomplete: %s", job_id, exc)
            self.journal.record(job_id, JobState.INCOMPLETE)
            return PrintResult(job_id, PrintOutcome.INCOMPLETE, PrinterStatus.UNKNOWN, str(exc))
        if self.settings.status_queries:
            after = _status_of(connection)
            if after is PrinterStatus.UNKNOWN or after in BLOCKING:
                log.warning("print job %s incomplete: printer %s after the job", job_id, after)
                self.journal.record(job_id, JobState.INCOMPLETE)
                return PrintResult(job_id, PrintOutcome.INCOMPLETE, after, "not confirmed")
            status = after
        self.journal.record(job_id, JobState.PRINTED)
        return PrintResult(job_id, PrintOutcome.PRINTED, status)
