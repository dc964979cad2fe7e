"""The vault: AES-GCM records bound to their id and kind, a 0600 key made once, and damage
detected instead of decrypted into garbage."""

from __future__ import annotations

import os
import stat
from pathlib import Path

import pytest

from offline_cache.errors import KeyInsecureError, KeyMissingError, RecordTamperedError
from offline_cache.store import OfflineStore
from offline_cache.vault import RecordKind, Vault, load_or_create_key

A = "018f2a6e-9c40-7a11-8b2c-3d4e5f601234"
B = "018f2a70-1e22-7b33-9c4d-5e6f70812345"


def test_key_file_is_created_once_with_mode_0600(tmp_path: Path) -> None:
    key_file = tmp_path / "keys" / "storage.key"
    key = load_or_create_key(key_file, may_create=True)
    assert stat.S_IMODE(key_file.stat().st_mode) == 0o600
    assert len(key) == 32
    assert load_or_create_key(key_file, may_create=True) == key
    assert [p.name for p in key_file.parent.iterdir()] == ["storage.key"]


def test_a_key_readable_by_others_is_refused(tmp_path: Path) -> None:
    key_file = tmp_path / "storage.key"
    load_or_create_key(key_file, may_create=True)
    key_file.chmod(0o644)
    with pytest.raises(KeyInsecureError):
        load_or_create_key(key_file, may_create=False)


def test_a_missing_key_with_existing_data_is_reported_not_replaced(
    store_paths: tuple[Path, Path],
) -> None:
    data_dir, key_file = store_paths
    OfflineStore.open_paths(data_dir, key_file).close()
    key_file.unlink()
    with pytest.raises(KeyMissingError):
        OfflineStore.open_paths(data_dir, key_file)
    assert not key_file.exists()


def test_records_round_trip(tmp_path: Path) -> None:
    vault = Vault(os.urandom(32), tmp_path)
    sealed = vault.seal(A, RecordKind.APPLICATION, "张三 11010519491231002X".encode())
    assert "张三".encode() not in sealed
    assert vault.unseal(A, RecordKind.APPLICATION, sealed).decode() == "张三 11010519491231002X"


def test_a_record_swapped_to_another_id_or_kind_is_detected(tmp_path: Path) -> None:
    vault = Vault(os.urandom(32), tmp_path)
    sealed = vault.seal(A, RecordKind.APPLICATION, b"payload")
    with pytest.raises(RecordTamperedError):
        vault.unseal(B, RecordKind.APPLICATION, sealed)
    with pytest.raises(RecordTamperedError):
        vault.unseal(A, RecordKind.ATTACHMENT, sealed)


@pytest.mark.parametrize("damage", ["flip", "truncate", "empty", "extend"])
def test_tampered_or_truncated_records_are_detected(tmp_path: Path, damage: str) -> None:
    vault = Vault(os.urandom(32), tmp_path)
    sealed = bytearray(vault.seal(A, RecordKind.APPLICATION, b"x" * 100))
    if damage == "flip":
        sealed[40] ^= 0x01
    elif damage == "truncate":
        del sealed[-5:]
    elif damage == "empty":
        sealed = bytearray()
    else:
        sealed += b"\0"
    with pytest.raises(RecordTamperedError):
        vault.unseal(A, RecordKind.APPLICATION, bytes(sealed))


def test_attachment_files_hold_ciphertext_and_detect_damage(offline_store: OfflineStore) -> None:
    page = b"%PDF-1.7 scanned page of 11010519491231002X"
    ref = offline_store.vault.put_attachment(page)
    assert offline_store.vault.read_attachment(ref.attachment_id) == page
    path = next(offline_store.vault.attachments_dir.iterdir())
    assert stat.S_IMODE(path.stat().st_mode) == 0o600
    assert b"11010519491231002X" not in path.read_bytes()
    path.write_bytes(path.read_bytes()[:-1])
    with pytest.raises(RecordTamperedError):
        offline_store.vault.read_attachment(ref.attachment_id)


def test_a_wrong_key_cannot_open_records(tmp_path: Path) -> None:
    sealed = Vault(os.urandom(32), tmp_path).seal(A, RecordKind.APPLICATION, b"secret")
    with pytest.raises(RecordTamperedError):
        Vault(os.urandom(32), tmp_path).unseal(A, RecordKind.APPLICATION, sealed)
