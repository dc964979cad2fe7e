"""Disk full, a read-only data folder and a missing key are typed errors the UI can map to
"this terminal cannot accept applications now", and nothing already stored is damaged.

Real conditions, not mocks: a 1 MiB tmpfs filled up, and the same tmpfs remounted read-only.
"""

from __future__ import annotations

import contextlib
from datetime import UTC, datetime
from pathlib import Path

import pytest

from config.schema import Language
from kiosk.applications import finalize, open_application
from kiosk.session import Session
from offline_cache.errors import (
    RESIDENT_MESSAGE_EN,
    RESIDENT_MESSAGE_ZH,
    DiskFullError,
    KeyMissingError,
    ReadOnlyStorageError,
    StorageCause,
    StorageUnavailableError,
)
from offline_cache.store import OfflineStore
from tests.fixtures.offline_store import remount
from tests.form_samples import filled_draft

NOW = datetime(2024, 5, 1, tzinfo=UTC)


def _store_one(data_dir: Path, key_file: Path) -> tuple[OfflineStore, str]:
    store = OfflineStore.open_paths(data_dir, key_file)
    done = finalize(
        filled_draft(Session(language=Language.ZH, large_text=False)), store, "MY-FC-01", NOW
    )
    return store, done.application_id


def test_disk_full_is_reported_and_stored_applications_survive(
    small_tmpfs: Path, tmp_path: Path
) -> None:
    key_file = tmp_path / "keys" / "storage.key"
    store, first = _store_one(small_tmpfs / "data", key_file)
    filler = small_tmpfs / "filler"
    with filler.open("wb") as out, contextlib.suppress(OSError):
        while True:
            out.write(b"\0" * 65536)
            out.flush()
    with pytest.raises(DiskFullError) as caught:
        store.vault.put_attachment(b"x" * 200_000)
    assert caught.value.cause is StorageCause.DISK_FULL
    draft = filled_draft(Session(language=Language.ZH, large_text=False), seed=8)
    draft.set_value("matter.reason", "很长的说明" * 100)
    with pytest.raises(StorageUnavailableError) as caught_db:
        for _ in range(50):  # each finalize adds pages until SQLite hits the full disk
            finalize(
                filled_draft(Session(language=Language.ZH, large_text=False), seed=8),
                store,
                "MY-FC-01",
                NOW,
            )
    assert isinstance(caught_db.value, DiskFullError)
    assert not list(small_tmpfs.glob("data/vault/.*.tmp"))
    store.close()
    filler.unlink()
    store = OfflineStore.open_paths(small_tmpfs / "data", key_file)
    assert open_application(store, first)["data"]["applicant"]["name"] == "李建国"
    for record in store.outbox.all_records():
        open_application(store, record.application_id)
    store.close()


def test_a_read_only_data_folder_is_reported_and_nothing_is_lost(
    small_tmpfs: Path, tmp_path: Path
) -> None:
    key_file = tmp_path / "keys" / "storage.key"
    store, first = _store_one(small_tmpfs / "data", key_file)
    store.close()
    remount(small_tmpfs, "ro")
    try:
        with pytest.raises(ReadOnlyStorageError) as caught:
            store = OfflineStore.open_paths(small_tmpfs / "data", key_file)
            finalize(
                filled_draft(Session(language=Language.ZH, large_text=False)),
                store,
                "MY-FC-01",
                NOW,
            )
        assert caught.value.cause is StorageCause.READ_ONLY
    finally:
        remount(small_tmpfs, "rw")
    store = OfflineStore.open_paths(small_tmpfs / "data", key_file)
    assert open_application(store, first)["form_id"] == "person-benefit"
    store.close()


def test_a_missing_key_is_reported_with_its_cause(tmp_path: Path) -> None:
    key_file = tmp_path / "keys" / "storage.key"
    store, _ = _store_one(tmp_path / "data", key_file)
    store.close()
    key_file.rename(tmp_path / "elsewhere.key")
    with pytest.raises(KeyMissingError) as caught:
        OfflineStore.open_paths(tmp_path / "data", key_file)
    assert caught.value.cause is StorageCause.KEY_MISSING
    assert RESIDENT_MESSAGE_ZH == "本机暂时无法受理申请，请到窗口办理。"
    assert "go to the counter" in RESIDENT_MESSAGE_EN
