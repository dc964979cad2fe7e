"""The offline store of one terminal: the outbox database and the vault, opened together."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from config.schema import StorageSettings
from offline_cache.outbox import Outbox
from offline_cache.receipt_vault import RECEIPT_SUFFIX, ReceiptVault
from offline_cache.vault import ATTACHMENT_SUFFIX, Vault

VAULT_FOLDER = "vault"
RECEIPTS_FOLDER = "receipts"


def _holds_data(data_dir: Path) -> bool:
    if Outbox.exists_in(data_dir):
        return True
    vault = data_dir / VAULT_FOLDER
    receipts = data_dir / RECEIPTS_FOLDER
    return (vault.is_dir() and any(vault.glob(f"*{ATTACHMENT_SUFFIX}"))) or (
        receipts.is_dir() and any(receipts.glob(f"*{RECEIPT_SUFFIX}"))
    )


@dataclass
class OfflineStore:
    """Outbox, vault and receipts of a data folder. Opening raises a StorageUnavailableError."""

    outbox: Outbox
    vault: Vault
    data_dir: Path
    receipts: ReceiptVault

    @classmethod
    def open(cls, storage: StorageSettings) -> OfflineStore:
        """Open (and on first start create) the store; the key is created only with no data."""
        return cls.open_paths(storage.data_dir.expanduser(), storage.key_file.expanduser())

    @classmethod
    def open_paths(cls, data_dir: Path, key_file: Path) -> OfflineStore:
        """Open the store in ``data_dir`` with the key in ``key_file`` (outside the folder)."""
        if key_file.resolve().is_relative_to(data_dir.resolve()):
            raise ValueError("the key file must lie outside the data folder")
        first_start = not _holds_data(data_dir)
        vault = Vault.open(key_file, data_dir / VAULT_FOLDER, first_start=first_start)
        outbox = Outbox(data_dir)
        receipts = ReceiptVault(vault, data_dir / RECEIPTS_FOLDER)
        return cls(outbox=outbox, vault=vault, data_dir=data_dir, receipts=receipts)

    def close(self) -> None:
        """Close the database."""
        self.outbox.close()
