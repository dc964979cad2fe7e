"""Property tests (hypothesis) of the live checks next to a field: any valid resident ID number,
mobile number or credit code passes as soon as it is complete, and any single wrong character
(a typo) is flagged at once, with the same rules the platform's schema formats use."""

from __future__ import annotations

import datetime as dt
import string

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from stdnum.cn import ric, uscc

from kiosk.applications import Draft, prefill_values
from kiosk.form_formats import is_credit_code, is_phone, is_resident_id
from kiosk.forms import Widget, load_forms
from kiosk.identity import validate_credit_code, validate_resident_id
from kiosk.journey import demo_identity
from kiosk.session import Session
from ui.forms.form_view import FormView

FORMS = load_forms().forms
COUNTIES = ["510703", "510704", "510722", "510781", "110105", "440524", "310115"]
USCC_ALPHABET = "0123456789ABCDEFGHJKLMNPQRTUWXY"


@st.composite
def resident_ids(draw: st.DrawFn) -> str:
    """Valid 18-character resident ID numbers (GB 11643) of real counties."""
    birth = draw(st.dates(min_value=dt.date(1900, 1, 1), max_value=dt.date.today()))
    body = f"{draw(st.sampled_from(COUNTIES))}{birth:%Y%m%d}{draw(st.integers(0, 999)):03d}"
    return body + ric.calc_check_digit(body + "0")


@st.composite
def credit_codes(draw: st.DrawFn) -> str:
    """Valid unified social credit codes (GB 32100)."""
    office = draw(st.sampled_from("159"))
    kind = draw(st.sampled_from("123"))
    region = draw(st.sampled_from(COUNTIES))
    body = office + kind + region
    body += draw(st.text(alphabet=USCC_ALPHABET, min_size=9, max_size=9))
    return body + uscc.calc_check_digit(body)


mobiles = st.from_regex(r"\A1[3-9][0-9]{9}\Z")


def _typo(code: str, alphabet: str, data: st.DataObject) -> str:
    position = data.draw(st.integers(0, len(code) - 1))
    other = data.draw(st.sampled_from([c for c in alphabet if c != code[position]]))
    return code[:position] + other + code[position + 1 :]


@settings(max_examples=200, deadline=None)
@given(resident_ids(), st.data())
def test_resident_ids_pass_and_any_single_typo_fails(number, data) -> None:
    assert validate_resident_id(number).valid and is_resident_id(number)
    typo = _typo(number, string.digits + "X", data)
    assert not validate_resident_id(typo).valid
    assert not is_resident_id(typo)


@settings(max_examples=200, deadline=None)
@given(credit_codes(), st.data())
def test_credit_codes_pass_and_any_single_typo_fails(code, data) -> None:
    assert validate_credit_code(code).valid and is_credit_code(code)
    typo = _typo(code, USCC_ALPHABET, data)
    assert not validate_credit_code(typo).valid
    assert not is_credit_code(typo)


@settings(max_examples=200, deadline=None)
@given(mobiles, st.integers(-1, 1).filter(bool))
def test_mobiles_pass_and_a_digit_too_many_or_few_fails(number, change) -> None:
    assert is_phone(number)
    wrong = number + "5" if change > 0 else number[:-1]
    assert not is_phone(wrong)


def _view(form_id: str, **answers: str) -> FormView:
    form = FORMS[form_id]
    draft = Draft(
        Session(language="zh", large_text=False), form, "T", prefill_values(demo_identity())
    )
    for path, value in answers.items():
        draft.set_value(path, value)
    return FormView(draft, lambda: "zh", skip=frozenset({Widget.SIGNATURE}))


def _type(view: FormView, path: str, text: str) -> str:
    line = view.input(path)
    line.edit.setText(text)  # type: ignore[attr-defined]
    view.on_edited(path)
    return view.row(path).error_text()


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(resident_ids(), credit_codes(), mobiles, st.data())
def test_the_form_flags_a_typo_as_soon_as_the_number_is_complete(
    qapp, number, code, phone, data
) -> None:
    family = _view("person-family", **{"matter.marital_status": "married"})
    assert _type(family, "spouse.id_number", number) == ""
    assert _type(family, "spouse.id_number", _typo(number, string.digits + "X", data)) != ""
    assert _type(family, "contact.phone", phone) == ""
    assert _type(family, "contact.phone", "2" + phone[1:]) != ""
    benefit = _view("person-benefit", **{"matter.benefit_type": "unemployment"})
    assert _type(benefit, "matter.employer_credit_code", code) == ""
    typo = _typo(code, USCC_ALPHABET, data)
    assert _type(benefit, "matter.employer_credit_code", typo) != ""
    for view in (family, benefit):
        view.deleteLater()
