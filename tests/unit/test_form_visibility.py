"""Conditional visibility is a pure function: hidden fields keep their typed data in the draft
but are never submitted; hiding cascades; visible answers are submitted unchanged."""

from __future__ import annotations

import copy
from typing import Any

from hypothesis import given, settings
from hypothesis import strategies as st

from kiosk.form_visibility import evaluate, get_path, submitted_data, visible_paths
from kiosk.forms import load_forms
from tests.form_samples import sample_data

FORMS = load_forms().forms
FORM_IDS = sorted(FORMS)


def _leaf_paths(data: Any, prefix: str = "") -> set[str]:
    if isinstance(data, dict) and not {"county", "town"} <= set(data):
        out: set[str] = set()
        for key, value in data.items():
            out |= _leaf_paths(value, f"{prefix}{key}.")
        return out
    if isinstance(data, list):
        out = set()
        for index, value in enumerate(data):
            out |= _leaf_paths(value, f"{prefix}{index}.")
        return out
    return {prefix[:-1]}


@settings(max_examples=150, deadline=None)
@given(st.sampled_from(FORM_IDS), st.integers(0, 10_000))
def test_submitted_data_holds_exactly_the_visible_answers(form_id: str, seed: int) -> None:
    form = FORMS[form_id]
    draft = sample_data(form, seed)
    before = copy.deepcopy(draft)
    submitted = submitted_data(form, draft)
    shown = visible_paths(form, draft)
    assert draft == before  # the draft keeps everything, hidden answers included
    for path in _leaf_paths(submitted):
        assert path in shown
        assert get_path(submitted, path) == get_path(draft, path)
    for path in shown:
        value = get_path(draft, path)
        if value not in (None, "", [], {}) and not isinstance(value, list):
            assert get_path(submitted, path) == value


@settings(max_examples=100, deadline=None)
@given(st.integers(0, 10_000), st.sampled_from(["self", "other"]))
def test_hidden_answers_return_when_the_field_shows_again(seed: int, choice: str) -> None:
    form = FORMS["person-general"]
    draft = sample_data(form, seed)
    draft["agency"]["applying_for"] = choice
    draft["agency"]["principal_name"] = "赵六"
    submitted = submitted_data(form, draft)
    assert ("principal_name" in submitted["agency"]) == (choice == "other")
    draft["agency"]["applying_for"] = "other"
    assert submitted_data(form, draft)["agency"]["principal_name"] == "赵六"


def test_hiding_cascades_to_fields_that_depend_on_hidden_ones() -> None:
    form = FORMS["enterprise-tax"]
    draft = sample_data(form, 5)
    draft["tax"].update(matter="invoice", invoice_kind="paper_general", invoice_quantity=20)
    assert "tax.invoice_quantity" in visible_paths(form, draft)
    draft["tax"]["matter"] = "declaration"
    shown = visible_paths(form, draft)
    assert "tax.invoice_kind" not in shown and "tax.invoice_quantity" not in shown
    assert draft["tax"]["invoice_quantity"] == 20


def test_repeat_item_conditions_are_per_item() -> None:
    form = FORMS["enterprise-registration"]
    draft = sample_data(form, 1)
    draft["registration"]["kind"] = "establishment"
    draft["investors"] = [
        {"investor_type": "person", "name": "甲", "id_number": "x", "credit_code": "y"},
        {"investor_type": "enterprise", "name": "乙", "id_number": "x", "credit_code": "y"},
    ]
    shown = visible_paths(form, draft)
    assert "investors.0.id_number" in shown and "investors.0.credit_code" not in shown
    assert "investors.1.credit_code" in shown and "investors.1.id_number" not in shown


@given(st.one_of(st.booleans(), st.integers(0, 3), st.text(max_size=3)))
def test_a_switch_condition_never_matches_a_number(value: object) -> None:
    seen = {"x": value}
    assert evaluate({"field": "x", "equals": True}, seen) == (value is True)
    assert evaluate({"not": {"field": "x", "in": [1]}}, seen) == (
        not (value == 1 and not isinstance(value, bool))
    )
