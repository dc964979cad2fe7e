"""The journey's rules without Qt: step order, the pre-check (预审) and 补正, finalize into a
sealed outbox record, the receipt's masked applicant and tracking URL."""

from __future__ import annotations

import dataclasses

import pytest

from kiosk.applications import open_application
from kiosk.consent import consent_notice
from kiosk.forms import load_forms
from kiosk.journey import Journey, JourneyStep, StepOrderError, demo_identity
from kiosk.material_capture import SamplePageCapture
from kiosk.precheck import Gap
from kiosk.receipt import EvidenceLevel
from kiosk.receipt_step import ReceiptParts, build_receipt
from kiosk.service_offers import demo_offers, offer_from_guide
from kiosk.session import Session
from kiosk.tracking_url import receipt_mac, tracking_url
from offline_cache.store import OfflineStore

FORMS = load_forms()
HUKOU, HOUSING, LEGAL_AID, GENERAL = demo_offers()
ANSWERS = {
    "contact.phone": "13800001111",
    "contact.current_address": {"county": "510703", "town": "510703001", "detail": "演示路1号"},
    "matter.matter_type": "hukou_transfer",
    "matter.marital_status": "unmarried",
    "matter.move_to": {"county": "510722", "town": "510722101", "detail": "新村2组"},
    "matter.move_reason": "work",
}


def _journey(capture: SamplePageCapture | None = None) -> Journey:
    journey = Journey(
        Session(language="zh", large_text=False), FORMS, capture or SamplePageCapture()
    )
    journey.identify()
    return journey


def _filled(offer=HUKOU) -> Journey:
    journey = _journey()
    draft = journey.choose_service(offer)
    for path, value in ANSWERS.items():
        draft.set_value(path, value)
    assert journey.submit_form() == []
    return journey


def test_every_demo_service_has_a_loadable_form():
    assert all(FORMS.can_apply(offer.form_id) for offer in demo_offers())


def test_identify_without_a_card_uses_the_demo_identity_and_prefills_the_form():
    journey = _journey()
    draft = journey.choose_service(HUKOU)
    assert draft.data["applicant"]["id_number"] == demo_identity().number
    assert draft.is_locked("applicant.name")
    assert journey.step is JourneyStep.FORM


def test_steps_cannot_be_skipped():
    journey = _journey()
    journey.choose_service(HUKOU)
    assert journey.submit_form()  # nothing filled: errors, still on the form
    assert journey.step is JourneyStep.FORM
    with pytest.raises(StepOrderError):
        journey.confirm_review()
    with pytest.raises(StepOrderError):
        journey.go_to(JourneyStep.CONSENT)


def test_hidden_fields_errors_are_not_shown_on_the_form():
    journey = _journey()
    journey.choose_service(HUKOU)
    paths = {e.path for e in journey.form_errors()}
    assert "matter.matter_type" in paths
    assert "matter.child_name" not in paths  # hidden until 落户 of a newborn is chosen


def test_precheck_explains_what_is_missing_and_allows_later_where_the_service_does():
    journey = _filled()
    result = journey.precheck()
    assert not result.complete and result.can_submit  # 户口迁移 allows 补正
    assert {m.material.code for m in result.missing} == {"m3", "m5"}
    assert result.missing[0].explanation.zh == "“居民户口簿”还没有拍摄"

    strict = _journey()
    strict.choose_service(LEGAL_AID)
    assert not strict.precheck().can_submit


def test_blank_and_short_captures_are_refused_by_the_precheck():
    journey = _journey(SamplePageCapture(blank_codes=frozenset({"m5"})))
    draft = journey.choose_service(HUKOU)
    for path, value in ANSWERS.items():
        draft.set_value(path, value)
    journey.submit_form()
    journey.set_pages("m5", journey.capture("m5"))
    journey.set_pages("m3", journey.capture("m3")[:1])  # the register needs two pages
    gaps = {m.material.code: m.gap for m in journey.precheck().missing}
    assert gaps == {"m3": Gap.TOO_FEW_PAGES, "m5": Gap.BLANK_PAGE}


def test_finalize_seals_answers_pages_signature_and_consent(tmp_path):
    journey = _filled()
    for code in ("m3", "m5"):
        journey.set_pages(code, journey.capture(code))
    assert journey.submit_materials().complete
    journey.confirm_review()
    notice = journey.consent_notice(retention_days=30)
    store = OfflineStore.open_paths(tmp_path / "data", tmp_path / "key")
    try:
        finalized = journey.finalize(store, "MY-TEST-01", notice, b"\x89PNG signature", "zh")
        payload = open_application(store, finalized.application_id)
    finally:
        store.close()
    assert journey.step is JourneyStep.FINALIZED
    assert payload["data"]["contact"]["phone"] == "13800001111"
    assert payload["consent"]["notice_sha256"] == notice.digest()
    assert payload["consent"]["supply_later"] == []
    assert finalized.material_pages == {"m3": 2, "m5": 1, "signature": 1}
    with pytest.raises(StepOrderError):
        journey.draft  # noqa: B018 (the draft is gone after finalize)


def test_receipt_masks_the_applicant_lists_levels_and_names_what_comes_later(
    tmp_path, kiosk_settings
):
    journey = _filled()
    journey.set_pages("m5", journey.capture("m5"))
    journey.submit_materials()
    journey.confirm_review()
    later = journey.supplied_later()
    store = OfflineStore.open_paths(tmp_path / "data", tmp_path / "key")
    try:
        finalized = journey.finalize(store, "MY-TEST-01", journey.consent_notice(30), b"sig", "zh")
    finally:
        store.close()
    identity = demo_identity()
    parts = ReceiptParts(HUKOU, finalized, identity.name, identity.number, ANSWERS, later)
    receipt = build_receipt(kiosk_settings, parts)
    assert receipt.applicant_name_masked == "张*"
    assert receipt.applicant_id_masked == identity.number[:4] + "*" * 10 + identity.number[-4:]
    levels = {m.name: m.level for m in receipt.materials}
    assert levels == {
        "申请人居民身份证": EvidenceLevel.B,
        "结婚证": EvidenceLevel.A,
        "相关证明材料": EvidenceLevel.C,
    }
    assert any("待补正材料" in line and "居民户口簿" in line for line in receipt.extra_lines)
    assert receipt.tracking_url == f"http://127.0.0.1:8765/track/{finalized.receipt_number}"


def test_tracking_url_carries_a_mac_when_the_terminal_has_a_key():
    url = tracking_url("https://gov.example/", "MY-A-20240501-00012D", b"k" * 32)
    assert url.startswith("https://gov.example/track/MY-A-20240501-00012D?mac=")
    assert url.endswith(receipt_mac("MY-A-20240501-00012D", b"k" * 32))
    assert receipt_mac("MY-A-20240501-00012D", b"x" * 32) not in url


def test_consent_notice_names_purpose_data_retention_and_recipients():
    notice = consent_notice(HUKOU, retention_days=7)
    paragraphs = dict(notice.paragraphs("zh"))
    assert "户口迁移审批" in paragraphs["用途"]
    assert "7天" in paragraphs["保存期限"]
    assert "绵阳市公安局" in paragraphs["接收方"]
    changed = consent_notice(dataclasses.replace(HUKOU, name=HOUSING.name), 7)
    assert changed.digest() != notice.digest()


def test_offer_from_a_catalog_record_maps_evidence_levels_to_provisions():
    record = {
        "code": "X-510700000000-000-115107004267853947-1-00",
        "name": "测试事项",
        "form": {"id": "person-general", "version": 1},
        "service_object": "person",
        "department": "测试局",
        "department_en": "Test bureau",
        "promised_limit_days": 3,
        "online_depth": "必须到现场",
        "materials": [
            {"name": "《申请表》", "name_en": "Form", "evidence_level": "N", "capturable": False},
            {"name": "身份证", "name_en": "ID", "evidence_level": "B", "capturable": True},
            {"name": "执照", "name_en": "Licence", "evidence_level": "A", "capturable": True},
            {"name": "图纸", "name_en": "Drawings", "evidence_level": "C", "capturable": False},
            {"name": "委托他人办理的，委托书", "name_en": "Agent", "evidence_level": "C"},
        ],
    }
    offer = offer_from_guide(record)
    assert [m.provision.value for m in offer.materials] == [
        "filled_here",
        "card",
        "e_certificate",
        "counter",
        "capture",
    ]
    assert not offer.materials[4].required
    assert not offer.allows_later
