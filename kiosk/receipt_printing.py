"""Printing application receipts: check before the receipt step, print once, reprint by number."""

from __future__ import annotations

import dataclasses
import itertools
import logging

from devices.printer.base import PrinterStatus
from devices.printer.escpos_printer import BLOCKING, PrintResult, ReceiptPrinter
from kiosk.printer_status_file import PrinterStatusFile
from kiosk.receipt import Receipt, receipt_bytes
from kiosk.receipt_archive import ReceiptStore
from offline_cache.errors import StorageUnavailableError

log = logging.getLogger(__name__)


class UnknownReceipt(LookupError):
    """No receipt with that number was kept."""


class ReceiptDesk:
    """The receipt step of a journey and the technician's reprint, over one printer."""

    def __init__(
        self,
        printer: ReceiptPrinter,
        archive: ReceiptStore,
        status_file: PrinterStatusFile | None = None,
    ) -> None:
        self.printer = printer
        self.archive = archive
        self._reprints = itertools.count(1)
        # The last status seen, for the sync service's heartbeat (another process).
        self._status_file = status_file

    def _seen(self, status: PrinterStatus) -> None:
        if self._status_file is not None:
            self._status_file.record(status)

    def can_print(self) -> tuple[bool, PrinterStatus]:
        """Before the receipt step: False means show the receipt on screen instead."""
        status = self.printer.status()
        self._seen(status)
        return status not in BLOCKING, status

    def keep(self, receipt: Receipt) -> bool:
        """Archive the receipt for reprints; a storage failure is logged, never raised."""
        try:
            self.archive.put(receipt)
        except StorageUnavailableError as error:
            # The application is already stored; only a later reprint is lost.
            log.error("receipt not kept for reprints (%s): %s", error.cause, error)
            return False
        return True

    def print_receipt(self, receipt: Receipt) -> PrintResult:
        """Keep the receipt, then print it once; a second call for it is refused as DUPLICATE."""
        self.keep(receipt)
        payload = receipt_bytes(receipt, self.printer.settings)
        result = self.printer.print_job(f"receipt:{receipt.receipt_number}", payload)
        log.info("receipt print: %s (printer %s)", result.outcome, result.status)
        self._seen(result.status)
        return result

    def reprint(self, number: str) -> PrintResult:
        """A technician's reprint of a kept receipt, marked 补打, as a new job."""
        receipt = self.archive.get(number)
        if receipt is None:
            raise UnknownReceipt(number)
        copy = dataclasses.replace(receipt, reprint=True)
        job_id = f"reprint:{receipt.receipt_number}:{next(self._reprints)}"
        result = self.printer.print_job(job_id, receipt_bytes(copy, self.printer.settings))
        self._seen(result.status)
        return result
