"""Validation through jsonschema with our formats, reported in plain zh/en words per field."""

from __future__ import annotations

import random

from hypothesis import given, settings
from hypothesis import strategies as st

from kiosk.form_formats import is_bank_account, is_credit_code, is_phone, is_resident_id
from kiosk.form_validation import validate_form_data
from kiosk.forms import load_forms
from tests.form_samples import bank_card, credit_code, resident_id, sample_data

FORMS = load_forms().forms


def _errors(form_id: str, **changes: object) -> dict[str, tuple[str, str, str]]:
    form = FORMS[form_id]
    data = sample_data(form, 1)
    for path, value in changes.items():
        node = data
        parts = path.split("__")
        for part in parts[:-1]:
            node = node[int(part)] if part.isdigit() else node.setdefault(part, {})
        node[parts[-1]] = value
    return {e.path: (e.code, e.message.zh, e.message.en) for e in validate_form_data(form, data)}


def test_a_mistyped_id_number_says_the_check_character_is_wrong() -> None:
    good = resident_id(random.Random(3))
    bad = good[:-1] + ("0" if good[-1] != "0" else "1")
    errors = _errors("person-family", spouse__id_number=bad, matter__marital_status="married")
    code, zh, en = errors["spouse.id_number"]
    assert code == "format" and "校验位" in zh and "typo" in en


def test_phone_credit_code_and_bank_account_errors_sit_next_to_their_fields() -> None:
    errors = _errors(
        "enterprise-tax", handler__phone="12345", enterprise__credit_code="91510700ABC"
    )
    assert errors["handler.phone"][0] == "format" and "手机号码" in errors["handler.phone"][1]
    assert "统一社会信用代码" in errors["enterprise.credit_code"][1]


def test_a_missing_required_answer_asks_for_it_by_its_label() -> None:
    errors = _errors("person-general", contact__phone="")
    assert errors["contact.phone"] == (
        "required",
        "请填写手机号码",
        "Mobile phone: please fill this in",
    )


def test_a_town_outside_the_chosen_county_is_refused() -> None:
    address = {"county": "510703", "town": "510704001", "detail": "富乐路1号"}
    errors = _errors("person-general", contact__current_address=address)
    assert errors["contact.current_address"][0] == "town_not_in_county"


def test_errors_inside_a_repeat_group_name_the_item() -> None:
    form = FORMS["person-family"]
    data = sample_data(form, 2)
    data["family_members"] = [
        {
            "name": "王芳",
            "relationship": "child",
            "has_id_number": True,
            "id_number": "110105194912310021",
            "sex": "2",
        }
    ]
    errors = {e.path: e for e in validate_form_data(form, data)}
    error = errors["family_members.0.id_number"]
    assert error.message.zh.startswith("成员1") and error.message.en.startswith("Member 1")


def test_numbers_out_of_range_say_the_limit() -> None:
    errors = _errors("enterprise-license", licence__employees=0)
    assert errors["licence.employees"][1] == "从业人员数不能小于1"


@settings(max_examples=200, deadline=None)
@given(st.randoms(use_true_random=False))
def test_generated_valid_numbers_pass_every_check(rng: random.Random) -> None:
    assert is_resident_id(resident_id(rng))
    assert is_credit_code(credit_code(rng))
    assert is_bank_account(bank_card(rng))


@settings(max_examples=200, deadline=None)
@given(st.randoms(use_true_random=False), st.integers(0, 17), st.integers(1, 9))
def test_any_single_wrong_digit_of_an_id_number_is_caught(
    rng: random.Random, position: int, delta: int
) -> None:
    number = resident_id(rng)
    if not number[position].isdigit():
        return
    mutated = number[:position] + str((int(number[position]) + delta) % 10) + number[position + 1 :]
    assert not is_resident_id(mutated)


@settings(max_examples=200, deadline=None)
@given(st.text(alphabet="0123456789-+ ", max_size=16))
def test_phone_check_accepts_only_mobiles_and_landlines(text: str) -> None:
    digits = text.replace("-", "")
    expected_mobile = len(text) == 11 and text.isdigit() and text[0] == "1" and text[1] in "3456789"
    if is_phone(text):
        assert expected_mobile or (text.startswith("0") and digits.isdigit())
    elif expected_mobile:
        raise AssertionError(f"{text} is a mobile number")
