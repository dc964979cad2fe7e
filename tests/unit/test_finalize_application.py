"""Finalize: one transaction writes the sealed application, outbox row and attachment refs,
assigns the UUIDv7 id and receipt number, and wipes the draft; invalid drafts write nothing."""

from __future__ import annotations

import uuid
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from config.schema import Language
from kiosk.applications import (
    CapturedMaterial,
    DraftClosedError,
    FormInvalidError,
    LockedFieldError,
    finalize,
    open_application,
)
from kiosk.receipt_number import parse_receipt_number
from kiosk.session import Session
from offline_cache.outbox import ApplicationState
from offline_cache.retention import purge_expired
from offline_cache.store import OfflineStore
from tests.form_samples import filled_draft

NOW = datetime(2024, 5, 1, 2, 30, tzinfo=UTC)


def test_finalize_writes_a_complete_encrypted_application(offline_store: OfflineStore) -> None:
    session = Session(language=Language.ZH, large_text=False)
    draft = filled_draft(session)
    ref = offline_store.vault.put_attachment(b"page")
    draft.add_material(CapturedMaterial("bank-card-copy", ref, 1))
    done = finalize(draft, offline_store, "MY-FC-01", NOW)
    assert uuid.UUID(done.application_id).version == 7
    parsed = parse_receipt_number(done.receipt_number)
    assert parsed is not None and parsed.sequence == 1 and parsed.terminal_id == "MY-FC-01"
    record = offline_store.outbox.get(done.application_id)
    assert record is not None and record.state is ApplicationState.FINALIZED
    assert [a.attachment_id for a in offline_store.outbox.attachments(done.application_id)] == [
        ref.attachment_id
    ]
    app = open_application(offline_store, done.application_id)
    assert app["data"]["applicant"]["name"] == "李建国"
    assert app["identity"]["id_number"] == "11010519491231002X"
    assert app["materials"][0]["attachment_id"] == ref.attachment_id


def test_the_draft_is_gone_after_finalize(offline_store: OfflineStore) -> None:
    session = Session(language=Language.ZH, large_text=False)
    draft = filled_draft(session)
    finalize(draft, offline_store, "MY-FC-01", NOW)
    assert session.form_data == {}
    assert draft.closed and draft.materials == [] and draft.identity_values() == {}
    with pytest.raises(DraftClosedError):
        draft.set_value("contact.phone", "13800000000")


def test_hidden_answers_are_not_submitted(offline_store: OfflineStore) -> None:
    session = Session(language=Language.ZH, large_text=False)
    draft = filled_draft(session)
    draft.set_value("matter.benefit_type", "funeral")
    draft.set_value("matter.separation_date", "2024-01-02")
    done = finalize(draft, offline_store, "MY-FC-01", NOW)
    submitted = open_application(offline_store, done.application_id)["data"]
    assert "separation_date" not in submitted["matter"]
    assert "family_members" not in submitted


def test_an_invalid_draft_writes_nothing_and_stays(offline_store: OfflineStore) -> None:
    session = Session(language=Language.ZH, large_text=False)
    draft = filled_draft(session)
    draft.set_value("contact.phone", "12345")
    with pytest.raises(FormInvalidError) as caught:
        finalize(draft, offline_store, "MY-FC-01", NOW)
    assert [e.path for e in caught.value.errors] == ["contact.phone"]
    assert offline_store.outbox.all_records() == []
    assert session.form_data["contact"]["phone"] == "12345"


def test_card_values_cannot_be_changed_where_the_law_requires_them(
    offline_store: OfflineStore,
) -> None:
    draft = filled_draft(Session(language=Language.ZH, large_text=False))
    with pytest.raises(LockedFieldError):
        draft.set_value("applicant.id_number", "11010519491231002X")
    assert draft.is_locked("bank_account.holder")


def test_sequence_numbers_follow_each_other(offline_store: OfflineStore) -> None:
    numbers = []
    for seed in range(3):
        draft = filled_draft(Session(language=Language.ZH, large_text=False), seed=seed)
        numbers.append(finalize(draft, offline_store, "MY-FC-01", NOW).receipt_number)
    assert [parse_receipt_number(n).sequence for n in numbers] == [1, 2, 3]  # type: ignore[union-attr]


def test_a_session_wipe_takes_the_draft_with_it(offline_store: OfflineStore) -> None:
    from config.schema import UiSettings

    session = Session(language=Language.ZH, large_text=False)
    filled_draft(session)
    session.wipe(UiSettings())
    assert session.form_data == {}


def test_retention_purges_personal_data_but_keeps_status(
    store_paths: tuple[Path, Path],
) -> None:
    store = OfflineStore.open_paths(*store_paths)
    draft = filled_draft(Session(language=Language.ZH, large_text=False))
    ref = store.vault.put_attachment(b"page of 11010519491231002X")
    draft.add_material(CapturedMaterial("id-card", ref, 2))
    done = finalize(draft, store, "MY-FC-01", NOW)
    other = finalize(
        filled_draft(Session(language=Language.ZH, large_text=False), seed=9),
        store,
        "MY-FC-01",
        NOW,
    )
    for state in ("uploading", "submitted", "completed"):
        store.outbox.transition(
            done.application_id,
            ApplicationState(state),
            NOW,
            platform_number="SC-2024-1" if state == "submitted" else None,
        )
    store.receipts.put(done.receipt_number, b"receipt of the purged application")
    store.receipts.put(other.receipt_number, b"receipt of the waiting application")
    assert purge_expired(store, NOW + timedelta(days=29), 30) == []
    purged = purge_expired(store, NOW + timedelta(days=31), 30)
    assert purged == [done.application_id]
    record = store.outbox.get(done.application_id)
    assert record is not None and record.state is ApplicationState.PURGED
    assert record.outcome is ApplicationState.COMPLETED and not record.has_payload
    assert store.outbox.find("SC-2024-1") == record
    assert not store.vault.has_attachment(ref.attachment_id)
    assert store.outbox.attachments(done.application_id)[0].pages == 2
    assert store.receipts.get(done.receipt_number) is None
    # Not yet confirmed by the platform: kept whatever its age.
    assert store.outbox.get(other.application_id).has_payload  # type: ignore[union-attr]
    assert store.receipts.get(other.receipt_number) == b"receipt of the waiting application"
    store.close()
