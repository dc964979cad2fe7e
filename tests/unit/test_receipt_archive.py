"""Kept receipts: sealed in the offline store, found by either number after a restart,
refused when damaged, gone when the application's retention ends."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from config.schema import KioskSettings, Language
from kiosk.applications import finalize
from kiosk.receipt_archive import DamagedReceipt, StoredReceiptArchive
from kiosk.session import Session
from offline_cache.outbox import ApplicationState
from offline_cache.receipt_vault import RECEIPT_SUFFIX
from offline_cache.store import OfflineStore
from tests.fixtures.receipts import sample_receipt
from tests.form_samples import filled_draft

NOW = datetime(2025, 3, 14, 2, 31, tzinfo=UTC)


def _finalized_receipt_number(settings: KioskSettings, official: str) -> str:
    """Finalize one application and let the platform give it ``official`` as its number."""
    store = OfflineStore.open(settings.storage)
    draft = filled_draft(Session(language=Language.ZH, large_text=False))
    done = finalize(draft, store, "MY-FC-01", NOW)
    store.outbox.transition(done.application_id, ApplicationState.UPLOADING, NOW)
    store.outbox.transition(
        done.application_id, ApplicationState.SUBMITTED, NOW, platform_number=official
    )
    store.close()
    return done.receipt_number


def test_a_kept_receipt_is_found_after_a_restart(kiosk_settings: KioskSettings) -> None:
    receipt = sample_receipt()
    StoredReceiptArchive(kiosk_settings.storage).put(receipt)
    assert StoredReceiptArchive(kiosk_settings.storage).get(receipt.receipt_number) == receipt
    assert StoredReceiptArchive(kiosk_settings.storage).get("MY7-20250314-9999-Z") is None


def test_the_official_number_from_the_platform_finds_the_receipt_and_is_shown(
    kiosk_settings: KioskSettings,
) -> None:
    number = _finalized_receipt_number(kiosk_settings, "510700-2025-000123")
    archive = StoredReceiptArchive(kiosk_settings.storage)
    archive.put(sample_receipt(receipt_number=number))
    found = archive.get("510700-2025-000123")
    assert found is not None
    assert (found.receipt_number, found.official_number) == (number, "510700-2025-000123")
    assert archive.get(number.lower()) == found  # typed in lower case at the desk


def test_a_kept_receipt_is_encrypted_on_disk(kiosk_settings: KioskSettings) -> None:
    receipt = sample_receipt(applicant_name_masked="欧阳**")
    StoredReceiptArchive(kiosk_settings.storage).put(receipt)
    files = list(kiosk_settings.storage.data_dir.rglob(f"*{RECEIPT_SUFFIX}"))
    assert len(files) == 1 and files[0].stat().st_mode & 0o077 == 0
    on_disk = files[0].read_bytes()
    for clear in (receipt.service_name, receipt.hall, "欧阳", receipt.tracking_url):
        assert clear.encode() not in on_disk


def test_a_damaged_receipt_is_refused_not_printed(kiosk_settings: KioskSettings) -> None:
    receipt = sample_receipt()
    archive = StoredReceiptArchive(kiosk_settings.storage)
    archive.put(receipt)
    (path,) = kiosk_settings.storage.data_dir.rglob(f"*{RECEIPT_SUFFIX}")
    damaged = bytearray(path.read_bytes())
    damaged[-5] ^= 0x01
    path.write_bytes(bytes(damaged))
    with pytest.raises(DamagedReceipt):
        archive.get(receipt.receipt_number)
