"""Issued receipts by number, so a technician can reprint any of them, after a restart too.

The receipt is kept as JSON sealed in the offline store (offline_cache/receipt_vault.py);
the platform's official number, which arrives later through the sync service, is looked up
in the outbox, so either number finds the receipt and a reprint shows both.
"""

from __future__ import annotations

import dataclasses
import json
import logging
import threading
from datetime import datetime
from typing import Any, Protocol

from config.schema import StorageSettings
from kiosk.receipt import EvidenceLevel, Receipt, ReceivedMaterial, Submission
from offline_cache.errors import RecordTamperedError, StorageUnavailableError
from offline_cache.store import OfflineStore

log = logging.getLogger(__name__)

RECEIPT_FORMAT = 1


class ReceiptStore(Protocol):
    """Where receipts are kept by their receipt number (and the official number, once known)."""

    def put(self, receipt: Receipt) -> None:
        """Keep (or replace) a receipt."""
        ...

    def get(self, number: str) -> Receipt | None:
        """The receipt with this receipt number or official number, or None."""
        ...


class DamagedReceipt(LookupError):
    """The kept receipt exists but failed authentication: it is not printed."""


def receipt_to_json(receipt: Receipt) -> bytes:
    """The receipt as JSON bytes (what is sealed)."""
    fields = dataclasses.asdict(receipt)
    fields["issued_at"] = receipt.issued_at.isoformat()
    fields["reprint"] = False
    return json.dumps({"format": RECEIPT_FORMAT, "receipt": fields}, ensure_ascii=False).encode()


def receipt_from_json(document: bytes) -> Receipt:
    """Rebuild a receipt from ``receipt_to_json``'s bytes; ValueError if they are not one."""
    try:
        envelope = json.loads(document)
        if envelope.get("format") != RECEIPT_FORMAT:
            raise ValueError("unknown receipt format")
        raw: dict[str, Any] = envelope["receipt"]
        known = {f.name for f in dataclasses.fields(Receipt)}
        fields = {k: v for k, v in raw.items() if k in known}
        fields["issued_at"] = datetime.fromisoformat(raw["issued_at"])
        fields["submission"] = Submission(raw["submission"])
        fields["materials"] = tuple(
            ReceivedMaterial(m["name"], EvidenceLevel(m["level"]), int(m.get("pages", 0)))
            for m in raw["materials"]
        )
        fields["extra_lines"] = tuple(raw.get("extra_lines", ()))
        return Receipt(**fields)
    except (KeyError, TypeError, AttributeError, json.JSONDecodeError) as error:
        raise ValueError(f"not a kept receipt: {error}") from error


class StoredReceiptArchive:
    """A ReceiptStore in the terminal's encrypted offline store; survives restarts."""

    def __init__(self, storage: StorageSettings) -> None:
        self._storage = storage

    def put(self, receipt: Receipt) -> None:
        """Seal the receipt under its receipt number; StorageUnavailableError if it cannot."""
        store = OfflineStore.open(self._storage)
        try:
            store.receipts.put(receipt.receipt_number, receipt_to_json(receipt))
        finally:
            store.close()

    def get(self, number: str) -> Receipt | None:
        """The receipt by receipt or official number, with the official number when known."""
        number = number.strip().upper()
        store = OfflineStore.open(self._storage)
        try:
            record = store.outbox.find(number)
            receipt_number = record.receipt_number if record is not None else number
            try:
                document = store.receipts.get(receipt_number)
            except RecordTamperedError as error:
                log.error("kept receipt failed authentication: %s", error)
                raise DamagedReceipt(receipt_number) from error
        finally:
            store.close()
        if document is None:
            return None
        receipt = receipt_from_json(document)
        if record is not None and record.platform_number and not receipt.official_number:
            receipt = dataclasses.replace(receipt, official_number=record.platform_number)
        return receipt


class InMemoryReceiptArchive:
    """A ReceiptStore in memory, for tests and tools without a data folder; lost at restart."""

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


__all__ = [
    "DamagedReceipt",
    "InMemoryReceiptArchive",
    "ReceiptStore",
    "StorageUnavailableError",
    "StoredReceiptArchive",
    "receipt_from_json",
    "receipt_to_json",
]
