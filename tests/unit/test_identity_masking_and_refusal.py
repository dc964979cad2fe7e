"""Screens show masked identities; expired documents and failing ID numbers are refused."""

from __future__ import annotations

import dataclasses
import datetime as dt

import pytest

from devices.cardreader.identity import DocumentType, Identity, IdentitySource, Sex
from devices.cardreader.simulated import DEMO_RESIDENTS
from kiosk.identity import (
    RefusalReason,
    mask_name,
    mask_resident_id,
    refusal_for,
    validate_resident_id,
)

TODAY = dt.date(2026, 11, 26)


def test_id_number_mask_keeps_first_and_last_four_and_hides_the_birth_date() -> None:
    masked = mask_resident_id("11010519491231002X")
    assert masked == "1101**********002X"
    assert "19491231" not in masked


def test_short_input_is_masked_whole() -> None:
    assert mask_resident_id("1234567") == "*******"


@pytest.mark.parametrize(
    ("name", "masked"),
    [
        ("张三", "张*"),
        ("王秀英", "王**"),
        ("欧阳娜娜", "欧阳**"),
        ("司马相如", "司马**"),
        ("诸葛亮", "诸葛*"),
        ("欧阳", "欧*"),  # a two-character name is surname + given name
        ("", ""),
    ],
)
def test_name_mask_keeps_the_surname_only(name: str, masked: str) -> None:
    assert mask_name(name) == masked


def _identity(**changes: object) -> Identity:
    base = Identity(
        source=IdentitySource.PCSC,
        document_type=DocumentType.SOCIAL_SECURITY_CARD,
        number="11010519491231002X",
        name="王秀英",
        sex=Sex.FEMALE,
        birth_date=dt.date(1949, 12, 31),
        valid_until=dt.date(2030, 1, 1),
    )
    return dataclasses.replace(base, **changes)  # type: ignore[arg-type]


def test_valid_card_is_accepted() -> None:
    assert refusal_for(_identity(), TODAY) is None


def test_expired_card_is_refused_in_plain_language() -> None:
    refusal = refusal_for(_identity(valid_until=dt.date(2026, 11, 25)), TODAY)
    assert refusal is not None
    assert refusal.reason is RefusalReason.EXPIRED
    assert "过有效期" in refusal.message_zh
    assert "expired" in refusal.message_en


def test_card_whose_id_number_fails_its_check_is_refused() -> None:
    refusal = refusal_for(_identity(number="110105194912310021"), TODAY)
    assert refusal is not None
    assert refusal.reason is RefusalReason.INVALID_ID_NUMBER
    assert refusal.message_zh and refusal.message_en


def test_minor_alone_is_refused_only_where_the_service_forbids_it() -> None:
    minor = _identity(number="110105201001010029", birth_date=dt.date(2010, 1, 1))
    assert validate_resident_id(minor.number, TODAY).valid
    assert refusal_for(minor, TODAY) is None
    refusal = refusal_for(minor, TODAY, minors_need_guardian=True)
    assert refusal is not None
    assert refusal.reason is RefusalReason.MINOR_ALONE


def test_identity_repr_never_shows_personal_data() -> None:
    identity = _identity()
    assert "王秀英" not in repr(identity)
    assert "11010519491231002X" not in str(identity)


def test_demo_residents_have_numbers_that_pass_the_check() -> None:
    names = [r.name for r in DEMO_RESIDENTS]
    assert {"张三", "李四", "王秀英"} <= set(names)
    for resident in DEMO_RESIDENTS:
        assert validate_resident_id(resident.number, TODAY).valid
        assert refusal_for(resident, TODAY) is None
