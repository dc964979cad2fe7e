"""Schema migrations by PRAGMA user_version, tested on a real v1 file."""

from __future__ import annotations

import json
import shutil
import sqlite3
from datetime import UTC, datetime
from pathlib import Path

import pytest

from offline_cache import migrations
from offline_cache.errors import DatabaseTooNewError
from offline_cache.outbox import DATABASE_NAME, ApplicationState, Outbox
from offline_cache.vault import RecordKind, Vault

DATA = Path(__file__).parents[1] / "data"


def _v1_copy(tmp_path: Path) -> Path:
    data_dir = tmp_path / "data"
    data_dir.mkdir()
    shutil.copy(DATA / "outbox_v1.sqlite3", data_dir / DATABASE_NAME)
    return data_dir


def test_the_fixture_really_is_a_v1_file() -> None:
    conn = sqlite3.connect(f"file:{DATA / 'outbox_v1.sqlite3'}?mode=ro&immutable=1", uri=True)
    assert migrations.user_version(conn) == 1
    columns = {row[1] for row in conn.execute("PRAGMA table_info(applications)")}
    assert "platform_number" not in columns


def test_a_v1_outbox_upgrades_keeping_every_application(tmp_path: Path) -> None:
    data_dir = _v1_copy(tmp_path)
    outbox = Outbox(data_dir)
    conn = sqlite3.connect(data_dir / DATABASE_NAME)
    assert migrations.user_version(conn) == migrations.LATEST
    records = {r.application_id: r for r in outbox.all_records()}
    assert len(records) == 2
    first = records["018f2a6e-9c40-7a11-8b2c-3d4e5f601234"]
    assert first.state is ApplicationState.FINALIZED
    assert first.receipt_number == "MY-FC-01-20240501-00001J"
    assert first.platform_number is None and first.pii_purged_at is None
    assert [h[1] for h in outbox.history(first.application_id)] == ["finalized"]
    vault = Vault((DATA / "outbox_v1.key").read_bytes(), tmp_path / "vault")
    sealed = outbox.sealed_payload(first.application_id)
    assert sealed is not None
    payload = json.loads(vault.unseal(first.application_id, RecordKind.APPLICATION, sealed))
    assert payload["data"]["matter"]["subject"] == "v1 application 1"
    outbox.transition(first.application_id, ApplicationState.UPLOADING, datetime.now(UTC))
    assert len(outbox.attachments(first.application_id)) == 1


def test_upgrading_twice_changes_nothing(tmp_path: Path) -> None:
    data_dir = _v1_copy(tmp_path)
    Outbox(data_dir).close()
    dump = list(sqlite3.connect(data_dir / DATABASE_NAME).iterdump())
    Outbox(data_dir).close()
    assert list(sqlite3.connect(data_dir / DATABASE_NAME).iterdump()) == dump


def test_a_database_from_a_newer_kiosk_is_refused_untouched(tmp_path: Path) -> None:
    data_dir = _v1_copy(tmp_path)
    path = data_dir / DATABASE_NAME
    conn = sqlite3.connect(path)
    conn.execute(f"PRAGMA user_version = {migrations.LATEST + 1}")
    conn.close()
    before = path.read_bytes()
    with pytest.raises(DatabaseTooNewError):
        Outbox(data_dir)
    assert path.read_bytes() == before
