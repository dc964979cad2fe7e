"""Canary values typed into a form never appear in any file of the data folder (database,
WAL, vault) nor in the logs, after finalize and after closing the store."""

from __future__ import annotations

import json
import logging
from datetime import UTC, datetime
from pathlib import Path

import pytest

from config.schema import Language
from kiosk.applications import CapturedMaterial, Draft, finalize
from kiosk.forms import Prefill, load_forms
from kiosk.session import Session
from offline_cache.store import OfflineStore
from tests.form_samples import DEMO_IDENTITY, flatten_answers, sample_data

CANARY_NAME = "犬鸮雀测"
CANARY_ID = "510703199001011237"
CANARY_PHONE = "13987650321"
CANARY_ADDRESS = "金丝雀巷七十七号"


def _variants(value: str) -> list[bytes]:
    return [value.encode(), json.dumps(value).strip('"').encode(), value.encode("utf-16-le")]


def test_canaries_are_nowhere_on_disk_or_in_logs(
    tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    log_file = tmp_path / "kiosk.log"
    handler = logging.FileHandler(log_file, encoding="utf-8")
    root = logging.getLogger()
    root.addHandler(handler)
    root.setLevel(logging.DEBUG)
    caplog.set_level(logging.DEBUG)
    try:
        data_dir = tmp_path / "data"
        store = OfflineStore.open_paths(data_dir, tmp_path / "keys" / "storage.key")
        form = load_forms().forms["person-general"]
        identity = dict(DEMO_IDENTITY, **{Prefill.NAME: CANARY_NAME, Prefill.ID_NUMBER: CANARY_ID})
        session = Session(language=Language.ZH, large_text=False)
        draft = Draft(session, form, "510700-000-XK-0001", identity)
        for path, value in flatten_answers(sample_data(form, 4)).items():
            if not draft.is_locked(path):
                draft.set_value(path, value)
        draft.set_value("contact.phone", CANARY_PHONE)
        draft.set_value(
            "contact.current_address",
            {"county": "510703", "town": "510703001", "detail": CANARY_ADDRESS},
        )
        scan = f"{CANARY_NAME} {CANARY_ID}".encode()
        draft.add_material(CapturedMaterial("id-card", store.vault.put_attachment(scan), 1))
        done = finalize(draft, store, "MY-FC-01", datetime(2024, 5, 1, tzinfo=UTC))
        assert store.outbox.get(done.application_id) is not None
        # Look while the WAL still holds the transaction, and again after closing.
        snapshots = [{p: p.read_bytes() for p in data_dir.rglob("*") if p.is_file()}]
        assert any(p.name.endswith("-wal") for p in snapshots[0])
        store.close()
        snapshots.append({p: p.read_bytes() for p in data_dir.rglob("*") if p.is_file()})
    finally:
        root.removeHandler(handler)
        handler.close()
    files = {**snapshots[0], **snapshots[1], log_file: log_file.read_bytes()}
    files[tmp_path / "caplog"] = caplog.text.encode()
    assert len(files) >= 4
    for canary in (CANARY_NAME, CANARY_ID, CANARY_PHONE, CANARY_ADDRESS):
        for path, content in files.items():
            for variant in _variants(canary):
                assert variant not in content, f"{canary!r} found in {path}"
