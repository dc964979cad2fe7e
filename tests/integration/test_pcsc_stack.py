"""PC/SC through the real stack: pyscard → pcscd → vpcd → a virtual card written in Python."""

from __future__ import annotations

import os
import subprocess
import sys
import time

import pytest
from smartcard.Exceptions import NoCardException
from smartcard.System import readers

from devices.cardreader.discovery import list_pcsc_readers
from tests.fixtures.pcsc import VIRTUAL_READERS, PcscdProcess, VirtualCardSlot, reader_has_card
from tests.fixtures.virtual_cards.fixed_data_card import (
    FIXED_AID,
    FIXED_ATR,
    FIXED_VALUE,
    FixedDataCard,
)

pytestmark = pytest.mark.stack

SELECT_FIXED_APP = [0x00, 0xA4, 0x04, 0x00, len(FIXED_AID), *FIXED_AID]
GET_DATA_5F01 = [0x00, 0xCA, 0x5F, 0x01, 0x00]


def _reader(name: str):  # type: ignore[no-untyped-def]
    return next(r for r in readers() if str(r) == name)


def test_both_virtual_readers_are_listed(pcscd: PcscdProcess) -> None:
    found = list_pcsc_readers()
    assert {r.name for r in found} >= set(VIRTUAL_READERS)
    assert {r.backend for r in found} == {"pcsc"}
    assert found.reason == ""


def test_inserted_card_shows_its_atr_and_answers_apdus(virtual_card_slot: VirtualCardSlot) -> None:
    card = virtual_card_slot.insert(FixedDataCard())
    connection = _reader(virtual_card_slot.reader).createConnection()
    connection.connect()
    try:
        assert bytes(connection.getATR()) == FIXED_ATR
        data, sw1, sw2 = connection.transmit(SELECT_FIXED_APP)
        assert (data, sw1, sw2) == ([], 0x90, 0x00)
        data, sw1, sw2 = connection.transmit(GET_DATA_5F01)
        assert (bytes(data), sw1, sw2) == (FIXED_VALUE, 0x90, 0x00)
        _, sw1, sw2 = connection.transmit([0x00, 0xB0, 0x00, 0x00, 0x00])
        assert (sw1, sw2) == (0x6D, 0x00)
    finally:
        connection.disconnect()
        connection.release()  # before pcscd stops, or pyscard's __del__ complains
    assert card.apdus[:2] == [bytes(SELECT_FIXED_APP), bytes(GET_DATA_5F01)]


def test_apdu_round_trip_avoids_the_delayed_ack_stall(virtual_card_slot: VirtualCardSlot) -> None:
    virtual_card_slot.insert(FixedDataCard())
    connection = _reader(virtual_card_slot.reader).createConnection()
    connection.connect()
    try:
        started = time.monotonic()
        for _ in range(50):
            connection.transmit(GET_DATA_5F01)
        per_apdu = (time.monotonic() - started) / 50
    finally:
        connection.disconnect()
        connection.release()
    # Delayed ACK would cost ~40 ms per APDU; TCP_QUICKACK brings it well under 10 ms.
    assert per_apdu < 0.010, f"{per_apdu * 1000:.1f} ms per APDU"


def test_card_removal_is_seen(virtual_card_slot: VirtualCardSlot) -> None:
    virtual_card_slot.insert(FixedDataCard())
    assert reader_has_card(virtual_card_slot.reader)
    virtual_card_slot.remove()
    assert not reader_has_card(virtual_card_slot.reader)
    connection = _reader(virtual_card_slot.reader).createConnection()
    try:
        with pytest.raises(NoCardException):
            connection.connect()
    finally:
        connection.release()


def test_second_reader_stays_empty_while_the_first_holds_a_card(
    virtual_card_slot: VirtualCardSlot,
) -> None:
    virtual_card_slot.insert(FixedDataCard())
    assert reader_has_card(VIRTUAL_READERS[0])
    assert not reader_has_card(VIRTUAL_READERS[1])


def test_without_pcscd_the_reader_list_is_empty_with_a_reason(tmp_path) -> None:
    # pcsc-lite finds pcscd through this socket; pointing it nowhere is "pcscd not running".
    env = {**os.environ, "PCSCLITE_CSOCK_NAME": str(tmp_path / "no-pcscd.comm")}
    script = (
        "from devices.cardreader.discovery import list_pcsc_readers\n"
        "found = list_pcsc_readers()\n"
        "print(len(found)); print(found.reason)\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", script], env=env, capture_output=True, text=True, timeout=30
    )
    assert result.returncode == 0, result.stderr
    count, reason = result.stdout.splitlines()
    assert count == "0"
    assert "pcscd does not answer" in reason
