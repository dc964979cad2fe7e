"""The platform checks the form schemas' formats as the terminal does: central (which imports
nothing of the kiosk) and kiosk.form_formats give the same verdict on every value tried, valid
and near-miss, so a platform never refuses what a terminal let a resident submit."""

from __future__ import annotations

import datetime as dt
import random

import pytest
from hypothesis import given
from hypothesis import strategies as st
from stdnum.cn import ric

from central import form_schemas as central_formats
from kiosk import form_formats as kiosk_formats
from tests.form_samples import bank_card, credit_code, resident_id

FORMATS = (
    kiosk_formats.RESIDENT_ID,
    kiosk_formats.PHONE,
    kiosk_formats.CREDIT_CODE,
    kiosk_formats.BANK_ACCOUNT,
    "date",
    "uuid",
)
CENTRAL = central_formats.format_checker()
KIOSK = kiosk_formats.format_checker()


def _with_check(body: str) -> str:
    return body + ric.calc_check_digit(body + "0")


def _near_misses(value: str, rng: random.Random) -> list[str]:
    """The value, and versions of it a typo, a copy-paste or a tamperer would make."""
    position = rng.randrange(len(value))
    changed = str((int(value[position]) + 1) % 10) if value[position].isdigit() else "0"
    return [
        value,
        value[:position] + changed + value[position + 1 :],
        value.lower(),
        " " + value,
        value[:-1],
        value + "0",
        value.replace("0", "０"),  # a full-width digit
    ]


def _candidates() -> list[str]:
    rng = random.Random(20261126)
    tomorrow = dt.date.today() + dt.timedelta(days=2)
    specials = [
        "11010519491231002X",  # a valid number ending in X
        _with_check("510703" + tomorrow.strftime("%Y%m%d") + "123"),  # born in the future
        _with_check("999999199001011234"[:17]),  # no such county
        _with_check("51070318400101123"),  # born before 1850
        "510703900101123",  # a legacy 15-digit number
        "13812345678",
        "0816-2345678",
        "08162345678",
        "12812345678",
        "6217000000000000001",
        "1234567890",
        "2024-02-30",
        "2024-02-29",
        "not-a-uuid",
        "0b6f3b1c-9d2a-4c11-8f7e-2a1d9c6b5e40",
        "",
    ]
    values = list(specials)
    for _ in range(40):
        for value in (resident_id(rng), credit_code(rng), bank_card(rng)):
            values += _near_misses(value, rng)
    return values


@pytest.mark.parametrize("name", FORMATS)
def test_central_and_the_kiosk_agree_on_every_candidate(name: str) -> None:
    verdicts = {v: KIOSK.conforms(v, name) for v in _candidates()}
    disagree = {v for v, ok in verdicts.items() if CENTRAL.conforms(v, name) != ok}
    assert disagree == set()
    # Both verdicts occur: the candidates really test the format.
    assert set(verdicts.values()) == {True, False}


@given(st.one_of(st.text(max_size=24), st.integers(), st.none(), st.booleans()))
def test_central_and_the_kiosk_agree_on_arbitrary_input(value: object) -> None:
    for name in FORMATS:
        assert CENTRAL.conforms(value, name) == KIOSK.conforms(value, name), name
