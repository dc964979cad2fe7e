"""UUIDv7 ids (RFC 9562) and receipt numbers with their ISO 7064 check character."""

from __future__ import annotations

import time
from datetime import UTC, date, datetime

from hypothesis import given
from hypothesis import strategies as st

from kiosk.receipt_number import format_receipt_number, local_day, parse_receipt_number
from kiosk.uuid7 import Uuid7Generator, timestamp_ms, uuid7


def test_uuid7_has_version_7_and_the_rfc_variant() -> None:
    value = uuid7()
    assert value.version == 7
    assert value.variant == "specified in RFC 4122"
    assert abs(timestamp_ms(value) - time.time() * 1000) < 5_000


def test_ids_strictly_increase_even_within_one_millisecond_or_a_clock_step_back() -> None:
    gen = Uuid7Generator()
    stamps = [1_700_000_000_000] * 500 + [1_699_999_999_000] * 10 + [1_700_000_000_001] * 5
    ids = [gen.new(ms) for ms in stamps]
    assert ids == sorted(ids) and len(set(ids)) == len(ids)
    assert all(i.version == 7 for i in ids)


def test_ids_from_the_clock_increase_and_sort_by_time() -> None:
    ids = [uuid7() for _ in range(2000)]
    assert ids == sorted(ids) and len(set(ids)) == len(ids)


def test_receipt_number_format_and_check() -> None:
    number = format_receipt_number("MY-FC-01", date(2024, 5, 1), 12)
    assert number == "MY-FC-01-20240501-00012D"
    parsed = parse_receipt_number(number.lower())
    assert parsed is not None and parsed.sequence == 12 and parsed.terminal_id == "MY-FC-01"


def test_receipt_day_is_china_standard_time() -> None:
    assert local_day(datetime(2024, 4, 30, 16, 30, tzinfo=UTC)) == date(2024, 5, 1)


@given(
    st.integers(1, 99_999),
    st.integers(0, 22),
    st.sampled_from("0123456789ABCDEFGHJKLMNPQRSTUVWXYZ"),
)
def test_any_single_wrong_character_is_caught(sequence: int, position: int, char: str) -> None:
    number = format_receipt_number("MYFC0001", date(2024, 12, 31), sequence)
    if number[position] in (char, "-"):
        return
    typo = number[:position] + char + number[position + 1 :]
    assert parse_receipt_number(typo) is None


@given(st.integers(1, 99_999), st.integers(0, 21))
def test_adjacent_swaps_are_caught(sequence: int, position: int) -> None:
    number = format_receipt_number("MYFC0001", date(2024, 12, 31), sequence)
    a, b = number[position], number[position + 1]
    if a == b or "-" in (a, b):
        return
    swapped = number[:position] + b + a + number[position + 2 :]
    assert parse_receipt_number(swapped) is None
