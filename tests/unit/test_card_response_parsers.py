"""Parsers of card answers (social security records, BER-TLV, PIV objects, ID card text, APDU
transport) decode what the card should send and turn anything else into a CardError."""

from __future__ import annotations

import contextlib
import datetime as dt

import pytest
from hypothesis import given
from hypothesis import strategies as st

from devices.cardreader.apdu import ApduChannel, chained_commands, command, with_le
from devices.cardreader.errors import CardDataError, CardError, CardTimeout
from devices.cardreader.id_card_text import encode_text, parse_base_message
from devices.cardreader.identity import DocumentType, PhotoFormat, Sex
from devices.cardreader.piv import parse_certificate_object, pin_status
from devices.cardreader.social_security import (
    SocialSecurityRecords,
    decode_bcd_date,
    decode_gbk,
    identity_from_records,
    parse_record,
)
from devices.cardreader.tlv import encode_tlv, parse_tlvs, read_tlv


@given(st.integers(1, 13), st.binary(max_size=40), st.integers(0, 40))
def test_record_parser_returns_the_value_or_a_card_error(
    record: int, raw: bytes, limit: int
) -> None:
    try:
        value = parse_record(record, raw, limit)
    except CardDataError:
        return
    assert raw[0] == record
    assert len(value) == raw[1] <= limit
    assert value == raw[2 : 2 + raw[1]]


@given(st.binary(max_size=40))
def test_gbk_decoder_never_raises_anything_but_card_errors(raw: bytes) -> None:
    try:
        text = decode_gbk(0x09, raw)
    except CardDataError:
        return
    assert text.encode("gbk").startswith(text.encode("gbk"))


@given(st.text(alphabet=st.characters(min_codepoint=0x4E00, max_codepoint=0x9FA5), max_size=15))
def test_gbk_names_round_trip(name: str) -> None:
    assert decode_gbk(0x09, name.encode("gbk").ljust(30, b"\x00")) == name


@given(st.dates(dt.date(1900, 1, 1), dt.date(2099, 12, 31)))
def test_bcd_dates_round_trip(date: dt.date) -> None:
    assert decode_bcd_date(0x0D, bytes.fromhex(date.strftime("%Y%m%d"))) == date


@pytest.mark.parametrize("raw", ["20231340", "2023AB01", "202301"])
def test_impossible_bcd_dates_are_card_errors(raw: str) -> None:
    with pytest.raises(CardDataError):
        decode_bcd_date(0x0D, bytes.fromhex(raw))


def test_social_security_records_become_an_identity() -> None:
    records = SocialSecurityRecords(
        ef05={0x05: bytes.fromhex("20200501"), 0x06: bytes.fromhex("20300501"), 0x07: b"A01234567"},
        ef06={
            0x08: b"11010519491231002X",
            0x09: "王秀英".encode("gbk").ljust(30, b"\x00"),
            0x0A: b"2",
            0x0B: b"\x01",
            0x0D: bytes.fromhex("19491231"),
        },
    )
    identity = identity_from_records(records)
    assert identity.document_type is DocumentType.SOCIAL_SECURITY_CARD
    assert (identity.name, identity.number, identity.sex) == (
        "王秀英",
        "11010519491231002X",
        Sex.FEMALE,
    )
    assert identity.nation == "01"
    assert identity.valid_until == dt.date(2030, 5, 1)


@given(st.integers(0, 0xFFFF), st.binary(max_size=70000))
def test_tlv_round_trips(tag_seed: int, value: bytes) -> None:
    tag = 0x5F00 | (tag_seed & 0x7F) if tag_seed & 1 else (tag_seed & 0x1E) | 0x40
    if tag & 0x1F == 0x1F and tag < 0x100:
        tag = 0x53
    parsed_tag, parsed_value, _end = read_tlv(encode_tlv(tag, value))
    assert (parsed_tag, parsed_value) == (tag, value)


@given(st.binary(max_size=300))
def test_tlv_parser_never_crashes(data: bytes) -> None:
    with contextlib.suppress(CardDataError):
        parse_tlvs(data)


@given(st.binary(max_size=300))
def test_certificate_object_parser_turns_garbage_into_card_errors(data: bytes) -> None:
    with pytest.raises(CardDataError):
        parse_certificate_object(encode_tlv(0x53, encode_tlv(0x70, data)))


@pytest.mark.parametrize(("sw", "left"), [(0x9000, None), (0x63C3, 3), (0x63C0, 0), (0x6983, 0)])
def test_pin_status_words(sw: int, left: int | None) -> None:
    assert pin_status(sw) == left


def test_unexpected_pin_status_word_is_a_card_error() -> None:
    with pytest.raises(CardError):
        pin_status(0x6A80)


ID_FIELDS = {
    "name": "张三",
    "sex": "1",
    "nation": "01",
    "birth": "19800101",
    "address": "四川省绵阳市涪城区演示路1号",
    "number": "510703198001019912",
    "authority": "绵阳市公安局涪城区分局",
    "valid_from": "20200101",
    "valid_until": "长期",
}


def _base_message(text: bytes, photo: bytes = b"\x00" * 1024) -> bytes:
    return len(text).to_bytes(2, "big") + len(photo).to_bytes(2, "big") + text + photo


def test_id_card_text_block_is_split_into_fields() -> None:
    identity = parse_base_message(_base_message(encode_text(ID_FIELDS)))
    assert identity.name == "张三"
    assert identity.sex is Sex.MALE
    assert identity.birth_date == dt.date(1980, 1, 1)
    assert identity.address == ID_FIELDS["address"]
    assert identity.issuing_authority == ID_FIELDS["authority"]
    assert identity.valid_until is None  # 长期: long-term validity
    assert identity.photo_format is PhotoFormat.WLT
    assert identity.photo is not None and len(identity.photo) == 1024


@given(st.binary(min_size=0, max_size=1400))
def test_id_card_parser_turns_garbage_into_card_errors(data: bytes) -> None:
    with contextlib.suppress(CardDataError):
        parse_base_message(data)


@given(st.binary(min_size=256, max_size=256))
def test_id_card_parser_never_crashes_on_any_text_block(text: bytes) -> None:
    with contextlib.suppress(CardDataError):
        parse_base_message(_base_message(text))


def _scripted(*answers: bytes):  # type: ignore[no-untyped-def]
    sent: list[bytes] = []
    queue = list(answers)

    def transmit(apdu: bytes) -> bytes:
        sent.append(apdu)
        return queue.pop(0)

    return transmit, sent


def test_61xx_is_collected_with_get_response() -> None:
    transmit, sent = _scripted(b"\x61\x03", b"abc\x61\x02", b"de\x90\x00")
    response = ApduChannel(transmit).send(command(0, 0xA4, 4, 0, b"x"))
    assert response.ok and response.data == b"abcde"
    assert sent[1] == bytes.fromhex("00C0000003")
    assert sent[2] == bytes.fromhex("00C0000002")


def test_6cxx_resends_with_the_right_le() -> None:
    transmit, sent = _scripted(b"\x6c\x14", b"x" * 20 + b"\x90\x00")
    response = ApduChannel(transmit).send(bytes.fromhex("00B2080400"))
    assert response.data == b"x" * 20
    assert sent[1] == bytes.fromhex("00B2080414")


def test_response_without_status_word_is_a_card_error() -> None:
    transmit, _ = _scripted(b"\x90")
    with pytest.raises(CardDataError):
        ApduChannel(transmit).send(bytes.fromhex("00B2080400"))


def test_a_card_announcing_data_forever_is_stopped() -> None:
    with pytest.raises(CardDataError):
        ApduChannel(lambda apdu: b"\x61\x00").send(bytes.fromhex("00B2080400"))


def test_deadline_ends_a_slow_exchange() -> None:
    now = [0.0]

    def transmit(apdu: bytes) -> bytes:
        now[0] += 1.0
        return b"\x61\x01"

    with pytest.raises(CardTimeout):
        ApduChannel(transmit, deadline=2.5, clock=lambda: now[0]).send(b"\x00\xb2\x01\x04\x00")


@given(st.binary(min_size=4, max_size=4), st.binary(max_size=255), st.integers(0, 255))
def test_with_le_sets_only_le(header: bytes, data: bytes, le: int) -> None:
    apdu = header + (bytes((len(data),)) + data if data else b"")
    changed = with_le(apdu, le)
    assert changed[:-1] == apdu[: len(changed) - 1]
    assert changed[-1] == le


@given(st.binary(max_size=1000))
def test_chained_commands_carry_all_data(data: bytes) -> None:
    apdus = chained_commands(0x00, 0x87, 0x07, 0x9A, data, le=256)
    assert all(a[0] == 0x10 for a in apdus[:-1]) and apdus[-1][0] == 0x00
    assert b"".join(a[5 : 5 + a[4]] if len(a) > 5 else b"" for a in apdus) == data
