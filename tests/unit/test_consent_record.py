"""The consent record stored with an application: the documented schema (PIPL purpose, data
categories, retention, recipients, notice version and hash, time, language, signature) holds for
what finalize seals, and an incomplete or altered record is refused instead of stored."""

from __future__ import annotations

import dataclasses
import datetime as dt
import json

import pytest
from jsonschema import Draft202012Validator

from kiosk.applications import open_application
from kiosk.consent import (
    NOTICE_TEXT_VERSION,
    ConsentRecord,
    ConsentRecordError,
    consent_notice,
    consent_record_problems,
    consent_record_schema,
)
from kiosk.forms import load_forms
from kiosk.journey import Journey
from kiosk.material_capture import SamplePageCapture
from kiosk.service_offers import demo_offers
from kiosk.session import Session
from offline_cache.store import OfflineStore

HUKOU = demo_offers()[0]
ANSWERS = {
    "contact.phone": "13800001111",
    "contact.current_address": {"county": "510703", "town": "510703001", "detail": "演示路1号"},
    "matter.matter_type": "hukou_transfer",
    "matter.marital_status": "unmarried",
    "matter.move_to": {"county": "510722", "town": "510722101", "detail": "新村2组"},
    "matter.move_reason": "work",
}
SIGNATURE_ID = "0b7e4c1a-2f3d-4e5f-8a9b-0c1d2e3f4a5b"
MOMENT = dt.datetime(2026, 5, 1, 9, 30, tzinfo=dt.UTC)


def _record(**notice_changes: object) -> ConsentRecord:
    notice = dataclasses.replace(consent_notice(HUKOU, 30), **notice_changes)
    return ConsentRecord(notice, MOMENT, "zh", SIGNATURE_ID)


def test_the_schema_file_is_a_valid_draft_2020_12_schema():
    Draft202012Validator.check_schema(consent_record_schema())


def test_finalize_seals_a_record_that_names_every_pipl_item(tmp_path):
    journey = Journey(Session(language="en", large_text=False), load_forms(), SamplePageCapture())
    journey.identify()
    draft = journey.choose_service(HUKOU)
    for path, value in ANSWERS.items():
        draft.set_value(path, value)
    assert journey.submit_form() == []
    journey.submit_materials()
    journey.confirm_review()
    notice = journey.consent_notice(retention_days=30)
    store = OfflineStore.open_paths(tmp_path / "data", tmp_path / "key")
    try:
        finalized = journey.finalize(store, "MY-TEST-01", notice, b"\x89PNG sig", "en", MOMENT)
        consent = open_application(store, finalized.application_id)["consent"]
        signature = store.vault.read_attachment(consent["signature_attachment_id"])
    finally:
        store.close()
    assert consent_record_problems(consent) == []
    assert consent["purpose"]["zh"].startswith("仅用于办理“户口迁移审批”")
    assert consent["data_categories"] == [
        "identity",
        "application_answers",
        "contact",
        "captured_materials",
        "signature",
    ]
    assert consent["sensitive_categories"] == ["identity", "captured_materials"]
    assert consent["retention"]["terminal_days"] == 30
    assert "30 days" in consent["retention"]["text"]["en"]
    assert [r["role"] for r in consent["recipients"]] == ["platform", "department"]
    assert consent["recipients"][1]["name"]["zh"] == HUKOU.department.zh
    assert consent["notice_text_version"] == NOTICE_TEXT_VERSION
    assert consent["notice_sha256"] == notice.digest()
    assert consent["accepted_at"] == MOMENT.isoformat()
    assert consent["language"] == "en"
    assert signature == b"\x89PNG sig"


def test_an_enterprise_service_names_the_enterprise_data():
    enterprise = dataclasses.replace(HUKOU, subject="enterprise")
    categories = consent_notice(enterprise, 30).categories
    assert "enterprise" in categories


def test_a_notice_without_recipients_or_categories_is_never_stored():
    with pytest.raises(ConsentRecordError, match="recipients"):
        _record(recipient_list=()).as_payload()
    with pytest.raises(ConsentRecordError, match="data_categories"):
        _record(categories=()).as_payload()


@pytest.mark.parametrize(
    ("key", "value", "where"),
    [
        ("accepted_at", "2026-05-01T09:30:00", "accepted_at"),  # no offset: ambiguous time
        ("notice_sha256", "not-a-hash", "notice_sha256"),
        ("language", "fr", "language"),
        ("signature_attachment_id", "", "signature_attachment_id"),
        ("accepted", False, "accepted"),
        ("sensitive_categories", ["enterprise"], "sensitive_categories"),
        ("unexpected", "x", "(record)"),
    ],
)
def test_an_altered_record_is_reported_at_the_field(key, value, where):
    payload = json.loads(json.dumps(_record().as_payload()))
    payload[key] = value
    problems = consent_record_problems(payload)
    assert problems and any(p.startswith(where) for p in problems)


def test_the_hash_changes_with_the_wording_and_its_version():
    notice = consent_notice(HUKOU, 30)
    assert notice.digest() != consent_notice(HUKOU, 31).digest()
    assert len(notice.digest()) == 64
