"""Retention: personal data is purged once the platform confirmed a final outcome and the
configured retention period has passed. What stays is what status tracking and statistics need.
"""

from __future__ import annotations

import logging
from datetime import datetime, timedelta

from offline_cache.outbox import Outbox
from offline_cache.store import OfflineStore
from offline_cache.vault import Vault

log = logging.getLogger(__name__)


def purge_expired(store: OfflineStore, now: datetime, retention_days: int) -> list[str]:
    """Purge every application whose final outcome is older than ``retention_days``.

    The database forgets the data first (one transaction per application), then the encrypted
    files (attachments, the receipt) are deleted: a crash in between leaves only ciphertext
    no record points to, which ``sweep_orphans`` removes later.
    """
    cutoff = now - timedelta(days=retention_days)
    purged = []
    for application_id, final_at in store.outbox.final_since():
        if final_at > cutoff:
            continue
        for attachment_id in store.outbox.purge_pii(application_id, now):
            store.vault.delete_attachment(attachment_id)
        record = store.outbox.get(application_id)
        if record is not None:
            store.receipts.delete(record.receipt_number)
        purged.append(application_id)
    if purged:
        log.info("personal data purged", extra={"applications": len(purged)})
    return purged


def sweep_orphans(outbox: Outbox, vault: Vault, keep: set[str]) -> int:
    """Delete vault files no live application references, except ids in ``keep`` (drafts)."""
    live = outbox.referenced_attachment_ids() | keep
    removed = 0
    for attachment_id in vault.attachment_ids():
        if attachment_id not in live:
            vault.delete_attachment(attachment_id)
            removed += 1
    return removed
