"""Cards that break the rules end in a clear CardError through the real pcscd: never a crash,
never a hang, and the reader keeps working for the next card."""

from __future__ import annotations

import time

import pytest

from devices.cardreader.errors import (
    CardDataError,
    CardError,
    CardRemoved,
    CardStatusError,
    CardTimeout,
)
from devices.cardreader.pcsc_reader import PcscCardReader
from tests.fixtures.card_reading import wait_for_outcome
from tests.fixtures.pcsc import VirtualCardSlot
from tests.fixtures.virtual_cards.social_security_card import (
    InvalidGbkCard,
    MuteStatusCard,
    OversizedLengthCard,
    PulledMidReadCard,
    SlowCard,
    SocialSecurityCard,
    TruncatedRecordCard,
    WrongStatusWordCard,
)

pytestmark = pytest.mark.stack


@pytest.mark.parametrize(
    ("card", "error", "detail"),
    [
        (TruncatedRecordCard(), CardDataError, "truncated"),
        (OversizedLengthCard(), CardDataError, "exceeds"),
        (InvalidGbkCard(), CardDataError, "GBK"),
        (WrongStatusWordCard(), CardStatusError, "6982"),
        (MuteStatusCard(), CardDataError, "no status word"),
    ],
    ids=["truncated-record", "oversized-length", "invalid-gbk", "wrong-status-word", "no-sw"],
)
def test_malformed_card_gives_a_clear_error(
    virtual_card_slot: VirtualCardSlot,
    pcsc_card_reader: PcscCardReader,
    card: SocialSecurityCard,
    error: type[CardError],
    detail: str,
) -> None:
    virtual_card_slot.insert(card)
    event = wait_for_outcome(pcsc_card_reader)
    assert event.identity is None
    assert isinstance(event.error, error)
    assert detail in event.error.detail
    assert event.error.message_zh and event.error.message_en


def test_slow_card_times_out_instead_of_hanging(
    virtual_card_slot: VirtualCardSlot, pcsc_card_reader: PcscCardReader
) -> None:
    started = time.monotonic()
    virtual_card_slot.insert(SlowCard(delay_s=0.4))
    event = wait_for_outcome(pcsc_card_reader, timeout=6.0)
    assert isinstance(event.error, CardTimeout)
    assert time.monotonic() - started < 4.0  # read_timeout_s=2 plus one slow exchange


def test_card_pulled_mid_read_is_reported_as_removed(
    virtual_card_slot: VirtualCardSlot, pcsc_card_reader: PcscCardReader
) -> None:
    virtual_card_slot.insert(PulledMidReadCard(pull_at=6))
    event = wait_for_outcome(pcsc_card_reader)
    assert isinstance(event.error, CardRemoved)
    assert "取出" in event.error.message_zh


def test_reader_reads_a_good_card_after_a_hostile_one(
    virtual_card_slot: VirtualCardSlot, pcsc_card_reader: PcscCardReader
) -> None:
    virtual_card_slot.insert(InvalidGbkCard())
    assert wait_for_outcome(pcsc_card_reader).error is not None
    virtual_card_slot.remove()
    virtual_card_slot.insert(SocialSecurityCard())
    event = wait_for_outcome(pcsc_card_reader)
    assert event.identity is not None
