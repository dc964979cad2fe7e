"""Rendered receipts by number, so a technician can reprint any of them later.

Kept in memory for now: encrypted storage of applications comes with the applications
work, which can provide a ReceiptStore of its own.
"""

from __future__ import annotations

import threading
from typing import Protocol

from kiosk.receipt import Receipt


class ReceiptStore(Protocol):
    """Where receipts are kept by their receipt number (and the official number, once known)."""

    def put(self, receipt: Receipt) -> None:
        """Keep (or replace) a receipt."""
        ...

    def get(self, number: str) -> Receipt | None:
        """The receipt with this receipt number or official number, or None."""
        ...


class InMemoryReceiptArchive:
    """A ReceiptStore in memory; lost at restart."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._by_number: dict[str, Receipt] = {}

    def put(self, receipt: Receipt) -> None:
        """Keep a receipt under its receipt number and its official number."""
        with self._lock:
            self._by_number[receipt.receipt_number] = receipt
            if receipt.official_number:
                self._by_number[receipt.official_number] = receipt

    def get(self, number: str) -> Receipt | None:
        """The receipt with this receipt number or official number, or None."""
        with self._lock:
            return self._by_number.get(number.strip())
