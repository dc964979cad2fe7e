"""Issued receipts, sealed in the vault one file per receipt number, so a technician can
reprint any of them after a restart.

A receipt holds only masked personal data, but it is still sealed: together with the
service and the date it says who applied for what. Files are written whole (temp file +
rename) and authenticated, so a damaged one is reported, never printed as garbage. They
are deleted with the application's personal data when retention ends.
"""

from __future__ import annotations

import errno
import re
from pathlib import Path

from offline_cache.errors import RecordTamperedError, from_os_error
from offline_cache.vault import RecordKind, Vault, write_new_file

RECEIPT_SUFFIX = ".receipt.owv"
# Receipt numbers are our own format (kiosk/receipt_number.py); anything else is refused
# before it can become a path.
_SAFE_NUMBER = re.compile(r"^[A-Z0-9][A-Z0-9-]{0,63}$")


class ReceiptVault:
    """Sealed receipt documents by receipt number, in one folder of the data folder."""

    def __init__(self, vault: Vault, folder: Path) -> None:
        self._vault = vault
        self.folder = folder
        try:
            folder.mkdir(mode=0o700, parents=True, exist_ok=True)
        except OSError as error:
            raise from_os_error(error, folder) from error

    def _path(self, receipt_number: str) -> Path:
        if not _SAFE_NUMBER.match(receipt_number):
            raise ValueError("not a receipt number")
        return self.folder / f"{receipt_number}{RECEIPT_SUFFIX}"

    def put(self, receipt_number: str, document: bytes) -> None:
        """Seal and store (or replace) the receipt document for ``receipt_number``."""
        sealed = self._vault.seal(receipt_number, RecordKind.RECEIPT, document)
        write_new_file(self._path(receipt_number), sealed)

    def get(self, receipt_number: str) -> bytes | None:
        """The receipt document, None if none is kept; RecordTamperedError if it is damaged."""
        try:
            path = self._path(receipt_number)
        except ValueError:
            return None
        try:
            blob = path.read_bytes()
        except FileNotFoundError:
            return None
        except OSError as error:
            raise from_os_error(error, self.folder) from error
        return self._vault.unseal(receipt_number, RecordKind.RECEIPT, blob)

    def delete(self, receipt_number: str) -> None:
        """Remove a receipt; a missing one is already deleted."""
        try:
            self._path(receipt_number).unlink()
        except (FileNotFoundError, ValueError):
            return
        except OSError as error:
            if error.errno != errno.ENOENT:
                raise from_os_error(error, self.folder) from error


__all__ = ["RECEIPT_SUFFIX", "ReceiptVault", "RecordTamperedError"]
