"""Every shared form id has a definition that loads, validates its sample data, and malformed
definitions are rejected with a report instead of crashing the catalog."""

from __future__ import annotations

import copy
import json
from pathlib import Path

import pytest

from kiosk.form_validation import validate_form_data
from kiosk.forms import MalformedFormError, Widget, bundled_forms_dir, load_forms, parse_form
from tests.form_samples import sample_data

SHARED_FORM_IDS = {
    "person-general",
    "person-benefit",
    "person-family",
    "person-housing",
    "person-education",
    "person-employment",
    "person-elderly-disability",
    "person-vehicle",
    "enterprise-general",
    "enterprise-license",
    "enterprise-construction",
    "enterprise-registration",
    "enterprise-tax",
}
SAMPLES = Path(__file__).parents[1] / "data" / "form_samples"


def _raw(form_id: str) -> dict:
    return json.loads((bundled_forms_dir() / f"{form_id}.json").read_text(encoding="utf-8"))


def test_every_shared_form_id_loads_and_none_is_rejected() -> None:
    report = load_forms()
    assert report.rejected == {}
    assert set(report.forms) == SHARED_FORM_IDS
    for form in report.forms.values():
        assert form.version == 1
        assert form.title.zh and form.title.en


@pytest.mark.parametrize("form_id", sorted(SHARED_FORM_IDS))
def test_committed_sample_data_validates(form_id: str) -> None:
    form = load_forms().forms[form_id]
    sample = json.loads((SAMPLES / f"{form_id}.json").read_text(encoding="utf-8"))
    assert validate_form_data(form, sample) == []


def test_generated_sample_data_validates_for_every_form_and_branch() -> None:
    for form in load_forms().forms.values():
        for seed in range(25):
            assert validate_form_data(form, sample_data(form, seed)) == [], (form.form_id, seed)


def test_forms_cover_the_widgets_the_renderer_must_draw() -> None:
    used = {
        f.widget
        for form in load_forms().forms.values()
        for s in form.sections
        for f in s.fields + (s.repeat.fields if s.repeat else ())
    }
    assert used == set(Widget)


def test_identity_fields_are_prefilled_and_locked_on_person_forms() -> None:
    for form in load_forms().forms.values():
        if form.subject != "person":
            continue
        locked = {f.path for _, f in form.top_level_fields() if f.locked}
        assert {"applicant.name", "applicant.id_number", "applicant.sex"} <= locked


def test_family_form_has_a_bounded_family_member_group() -> None:
    form = load_forms().forms["person-family"]
    groups = [s.repeat for s in form.sections if s.repeat]
    assert groups and groups[0].path == "family_members" and groups[0].max_items == 10


def _problems(raw: dict) -> list[str]:
    with pytest.raises(MalformedFormError) as caught:
        parse_form(raw)
    return caught.value.problems


def test_ui_field_missing_from_the_data_schema_is_reported() -> None:
    raw = _raw("person-general")
    raw["ui_schema"]["sections"][0]["fields"][0]["path"] = "applicant.nickname"
    assert any("'applicant.nickname' is not in the data schema" in p for p in _problems(raw))


def test_choice_options_that_differ_from_the_enum_are_reported() -> None:
    raw = _raw("person-general")
    raw["data_schema"]["properties"]["contact"]["properties"]["delivery"]["enum"] = ["counter"]
    assert any("differ from the schema's enum" in p for p in _problems(raw))


def test_a_field_that_can_be_hidden_must_not_be_required_unconditionally() -> None:
    raw = _raw("person-general")
    raw["data_schema"]["properties"]["agency"]["required"].append("principal_name")
    assert any("can be hidden is required" in p for p in _problems(raw))


def test_condition_on_a_later_or_unknown_field_is_reported() -> None:
    raw = _raw("person-general")
    raw["ui_schema"]["sections"][0]["fields"][0]["visible_if"] = {
        "field": "contact.delivery",
        "equals": "post",
    }
    assert any("not an earlier field" in p for p in _problems(raw))


def test_meta_schema_violations_are_reported_with_their_location() -> None:
    raw = _raw("person-general")
    raw["ui_schema"]["sections"][0]["fields"][0]["widget"] = "slider"
    del raw["title"]["en"]
    problems = _problems(raw)
    assert any(p.startswith("/title") for p in problems)
    assert any("slider" in p for p in problems)


def test_required_data_without_a_ui_field_is_reported() -> None:
    raw = _raw("person-general")
    props = raw["data_schema"]["properties"]["matter"]
    props["properties"]["urgency"] = {"type": "string"}
    props["required"].append("urgency")
    assert any("no UI field asks for it" in p for p in _problems(raw))


def test_a_malformed_file_is_rejected_and_the_others_still_load(tmp_path: Path) -> None:
    for form_id in ("person-general", "enterprise-tax"):
        (tmp_path / f"{form_id}.json").write_text(json.dumps(_raw(form_id)), encoding="utf-8")
    broken = copy.deepcopy(_raw("person-benefit"))
    broken["ui_schema"]["sections"] = []
    (tmp_path / "person-benefit.json").write_text(json.dumps(broken), encoding="utf-8")
    (tmp_path / "person-housing.json").write_text('{"form_id": "person-hous', encoding="utf-8")
    report = load_forms(tmp_path)
    assert set(report.forms) == {"person-general", "enterprise-tax"}
    assert set(report.rejected) == {"person-benefit", "person-housing"}
    assert not report.can_apply("person-benefit") and report.can_apply("enterprise-tax")
    assert all(report.rejected.values())
