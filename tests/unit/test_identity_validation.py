"""Resident ID numbers and credit codes are checked as the standards say; the CLI prints JSON."""

from __future__ import annotations

import datetime as dt
import json
import subprocess
import sys

import pytest
from hypothesis import given
from hypothesis import strategies as st
from stdnum.cn import ric

from devices.cardreader.identity import Sex
from kiosk.identity import (
    IdReason,
    validate_credit_code,
    validate_resident_id,
)

TODAY = dt.date(2026, 11, 26)


@pytest.mark.parametrize(
    ("number", "birth", "sex", "region"),
    [
        ("11010519491231002X", dt.date(1949, 12, 31), Sex.FEMALE, "110105"),
        ("440524188001010014", dt.date(1880, 1, 1), Sex.MALE, "440524"),
    ],
)
def test_published_examples_are_valid(number: str, birth: dt.date, sex: Sex, region: str) -> None:
    check = validate_resident_id(number, TODAY)
    assert check.valid, check.reason
    assert (check.birth_date, check.sex, check.region_code) == (birth, sex, region)
    assert check.number == number
    assert not check.legacy


def test_lower_case_x_is_normalised_to_upper_case() -> None:
    check = validate_resident_id("11010519491231002x", TODAY)
    assert check.valid
    assert check.number == "11010519491231002X"


def test_legacy_15_digit_number_is_reported_and_converted() -> None:
    check = validate_resident_id("110105491231002", TODAY)
    assert check.valid
    assert check.legacy
    assert check.number == "11010519491231002X"


@pytest.mark.parametrize(
    ("number", "reason"),
    [
        ("", IdReason.EMPTY),
        ("1101051949123100", IdReason.LENGTH),
        ("11010519491231002Y", IdReason.FORMAT),
        ("1101051949123100AX", IdReason.FORMAT),
        ("110105194912310021", IdReason.CHECKSUM),
        ("11010519490231002X", IdReason.DATE),  # 31 February does not exist
        ("11010511490231002X", IdReason.DATE),
    ],
)
def test_invalid_numbers_say_why(number: str, reason: IdReason) -> None:
    check = validate_resident_id(number, TODAY)
    assert not check.valid
    if reason is IdReason.DATE:
        assert check.reason in (IdReason.DATE, IdReason.CHECKSUM)
    else:
        assert check.reason == reason


def _with_check(body17: str) -> str:
    return body17 + ric.calc_check_digit(body17 + "0")


def test_birth_date_in_the_future_is_refused() -> None:
    check = validate_resident_id(_with_check("11010520301231002"), TODAY)
    assert not check.valid
    assert check.reason == IdReason.FUTURE_DATE


def test_unknown_region_code_is_refused() -> None:
    check = validate_resident_id(_with_check("99990019491231002"), TODAY)
    assert not check.valid
    assert check.reason == IdReason.REGION


@given(st.integers(0, 16), st.sampled_from("0123456789X"))
def test_changing_any_character_of_a_valid_number_makes_it_invalid(
    position: int, replacement: str
) -> None:
    valid = "11010519491231002X"
    if replacement in (valid[position], "X"):
        replacement = str((int(valid[position]) + 1) % 10)
    mutated = valid[:position] + replacement + valid[position + 1 :]
    assert not validate_resident_id(mutated, TODAY).valid


@given(st.sampled_from("0123456789"))
def test_wrong_check_character_is_refused(check_char: str) -> None:
    number = "11010519491231002" + check_char
    assert not validate_resident_id(number, TODAY).valid


def test_published_credit_code_is_valid() -> None:
    check = validate_credit_code("91350100M000100Y43")
    assert check.valid
    assert check.code == "91350100M000100Y43"


@given(st.integers(0, 17), st.sampled_from("0123456789ABCDEFGHJKLMNPQRTUWXY"))
def test_changing_a_credit_code_character_makes_it_invalid(position: int, char: str) -> None:
    valid = "91350100M000100Y43"
    if char == valid[position]:
        return
    mutated = valid[:position] + char + valid[position + 1 :]
    assert not validate_credit_code(mutated).valid


@pytest.mark.parametrize("code", ["", "9135010", "91350100M000100Y4I", "91350100M000100Y44"])
def test_invalid_credit_codes_say_why(code: str) -> None:
    check = validate_credit_code(code)
    assert not check.valid
    assert check.reason


def _cli(*args: str) -> subprocess.CompletedProcess[str]:
    runner = (
        "import argparse, sys\n"
        "from kiosk.commands import identity\n"
        "parser = argparse.ArgumentParser(prog='kiosk')\n"
        "identity.register(parser.add_subparsers(dest='command', required=True))\n"
        "args = parser.parse_args(sys.argv[1:])\n"
        "sys.exit(args.handler(args))\n"
    )
    return subprocess.run(
        [sys.executable, "-c", runner, *args], capture_output=True, text=True, check=False
    )


def test_cli_check_prints_json_and_exits_zero_for_a_valid_number() -> None:
    done = _cli("identity", "check", "11010519491231002X")
    assert done.returncode == 0, done.stderr
    result = json.loads(done.stdout)
    assert result["kind"] == "resident_id"
    assert result["valid"] is True
    assert result["birth_date"] == "1949-12-31"
    assert result["sex"] == "female"


def test_cli_check_recognises_a_credit_code_and_fails_an_invalid_one() -> None:
    assert json.loads(_cli("identity", "check", "91350100M000100Y43").stdout)["kind"] == (
        "credit_code"
    )
    done = _cli("identity", "check", "110105194912310021")
    assert done.returncode == 1
    assert json.loads(done.stdout)["reason"] == "checksum"
