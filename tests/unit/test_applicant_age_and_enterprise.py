"""Who may apply: a resident under the service's ``min_applicant_age`` applying alone is refused
in plain words (no limit when the catalog has none); an enterprise on the session fills the
enterprise details and is sealed with the application while the card's person stays the
applicant; the session's wipe forgets the enterprise."""

from __future__ import annotations

import dataclasses
import datetime as dt

import pytest

from config.schema import UiSettings
from devices.cardreader.identity import DocumentType, Identity, IdentitySource, Sex
from devices.cardreader.simulated import demo_id_number
from kiosk.applications import open_application
from kiosk.consent import consent_notice
from kiosk.form_visibility import get_path
from kiosk.forms import load_forms
from kiosk.identity import (
    ApplicantRefusedError,
    EnterpriseIdentity,
    EnterpriseSource,
    RefusalReason,
    mask_credit_code,
    service_refusal,
)
from kiosk.journey import Journey, JourneyStep
from kiosk.material_capture import SamplePageCapture
from kiosk.service_offers import ServiceOffer, demo_offers, offer_from_guide
from kiosk.session import Session
from offline_cache.store import OfflineStore
from tests.form_samples import sample_data

FORMS = load_forms()
GENERAL = demo_offers()[3]  # 个人事项通用申请, person-general
CODE = "91350100M000100Y43"


def _years_ago(years: int, days: int = 0) -> dt.date:
    today = dt.date.today()
    try:
        birthday = today.replace(year=today.year - years)
    except ValueError:  # 29 February
        birthday = today.replace(year=today.year - years, day=28)
    return birthday + dt.timedelta(days=days)


def _person(birth: dt.date, name: str = "王小明") -> Identity:
    return Identity(
        source=IdentitySource.SIMULATED,
        document_type=DocumentType.RESIDENT_ID_CARD,
        number=demo_id_number(birth, 123),
        name=name,
        sex=Sex.MALE,
        birth_date=birth,
        valid_from=dt.date(2020, 1, 1),
        valid_until=dt.date.today() + dt.timedelta(days=3650),
    )


def _journey(identity: Identity, enterprise: EnterpriseIdentity | None = None) -> Journey:
    session = Session(language="zh", large_text=False)
    session.identity = identity
    session.set_enterprise(enterprise)
    journey = Journey(session, FORMS, SamplePageCapture())
    journey.identify()
    return journey


def _limited(offer: ServiceOffer, age: int | None) -> ServiceOffer:
    return dataclasses.replace(offer, min_applicant_age=age)


def test_a_minor_applying_alone_is_refused_with_a_plain_reason():
    journey = _journey(_person(_years_ago(16)))
    with pytest.raises(ApplicantRefusedError) as refused:
        journey.choose_service(_limited(GENERAL, 18))
    refusal = refused.value.refusal
    assert refusal.reason is RefusalReason.MINOR_ALONE
    assert refusal.message_zh.startswith("未满18周岁不能单独办理此事项，请由监护人陪同办理")
    assert "under 18" in refusal.message_en and "guardian" in refusal.message_en
    assert journey.step is JourneyStep.SERVICE  # no draft was opened


def test_the_limit_is_the_services_own_age():
    sixteen = _person(_years_ago(16))
    assert service_refusal(sixteen, 16) is None
    refusal = service_refusal(sixteen, 17)
    assert refusal is not None and "未满17周岁" in refusal.message_zh


def test_on_the_birthday_the_resident_may_apply_and_the_day_before_not():
    assert service_refusal(_person(_years_ago(18)), 18) is None
    assert service_refusal(_person(_years_ago(18, days=1)), 18) is not None


def test_without_a_limit_in_the_catalog_anyone_may_apply():
    journey = _journey(_person(_years_ago(12)))
    draft = journey.choose_service(_limited(GENERAL, None))
    assert journey.step is JourneyStep.FORM and draft.form.form_id == "person-general"


def test_the_birth_date_comes_from_the_id_number_when_the_card_has_none():
    child = dataclasses.replace(_person(_years_ago(10)), birth_date=None)
    assert service_refusal(child, 18) is not None


def test_an_expired_card_is_refused_for_a_limited_service_too():
    expired = dataclasses.replace(_person(_years_ago(30)), valid_until=dt.date(2020, 1, 1))
    refusal = service_refusal(expired, 18)
    assert refusal is not None and refusal.reason is RefusalReason.EXPIRED


def test_the_catalog_field_reaches_the_offer():
    record = {
        "code": "X-510700000000-000-115107004267853947-1-00",
        "name": "测试事项",
        "form": {"id": "person-general", "version": 1},
        "service_object": "person",
        "department": "测试局",
        "department_en": "Test Bureau",
        "promised_limit_days": 5,
        "materials": [],
    }
    assert offer_from_guide(record).min_applicant_age is None
    assert offer_from_guide(record | {"min_applicant_age": 18}).min_applicant_age == 18


def test_the_enterprise_fills_its_section_and_the_person_stays_the_applicant(tmp_path):
    form = FORMS.forms["enterprise-general"]
    offer = dataclasses.replace(GENERAL, form_id="enterprise-general", subject="enterprise")
    agent = _person(_years_ago(40), name="赵经办")
    enterprise = EnterpriseIdentity(CODE, "绵阳示例科技有限公司", EnterpriseSource.LICENCE_QR)
    journey = _journey(agent, enterprise)
    draft = journey.choose_service(offer)
    enterprise_paths = {
        f.prefill.value: f.path for _, f in form.top_level_fields() if f.prefill is not None
    }
    assert get_path(draft.data, enterprise_paths["credit_code"]) == CODE
    assert get_path(draft.data, enterprise_paths["enterprise_name"]) == "绵阳示例科技有限公司"
    assert get_path(draft.data, enterprise_paths["name"]) == "赵经办"
    assert draft.is_locked(enterprise_paths["credit_code"])
    for path, value in _flatten(sample_data(form, 3)).items():
        if not draft.is_locked(path) and get_path(draft.data, path) is None:
            draft.set_value(path, value)
    assert journey.submit_form() == []
    journey.submit_materials()
    journey.confirm_review()
    store = OfflineStore.open_paths(tmp_path / "data", tmp_path / "key")
    try:
        sealed = journey.finalize(store, "MY-TEST-01", consent_notice(offer, 30), b"sig", "zh")
        record = open_application(store, sealed.application_id)
    finally:
        store.close()
    assert record["identity"]["name"] == "赵经办"
    assert record["identity"]["id_number"] == agent.number
    assert record["identity"]["credit_code"] == CODE
    assert record["identity"]["enterprise_name"] == "绵阳示例科技有限公司"
    assert get_path(record["data"], enterprise_paths["credit_code"]) == CODE


def _flatten(data: dict, prefix: str = "") -> dict:
    flat: dict = {}
    for key, value in data.items():
        path = f"{prefix}{key}"
        if isinstance(value, dict) and not {"county", "town"} & set(value):
            flat.update(_flatten(value, path + "."))
        else:
            flat[path] = value
    return flat


def test_the_credit_code_is_masked_like_an_id_number():
    assert mask_credit_code(CODE) == "9135**********0Y43"
    assert EnterpriseIdentity(CODE).masked() == "9135**********0Y43"


def test_the_session_wipe_forgets_the_enterprise():
    session = Session(language="zh", large_text=False)
    session.set_enterprise(EnterpriseIdentity(CODE, "绵阳示例科技有限公司"))
    session.wipe(UiSettings())
    assert session.enterprise is None


def test_a_card_visitor_without_an_enterprise_types_its_code_on_the_form():
    form = FORMS.forms["enterprise-general"]
    offer = dataclasses.replace(GENERAL, form_id="enterprise-general", subject="enterprise")
    draft = _journey(_person(_years_ago(40), name="赵经办")).choose_service(offer)
    code_path = next(
        f.path
        for _, f in form.top_level_fields()
        if f.prefill is not None and f.prefill == "credit_code"
    )
    assert get_path(draft.data, code_path) is None  # never the demo enterprise's code
    assert not draft.is_locked(code_path)
