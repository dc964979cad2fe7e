"""Social security and PIV cards read through the real pcscd + vpcd into an Identity."""

from __future__ import annotations

import datetime as dt

import pytest

from devices.cardreader.errors import (
    CardAuthenticationFailed,
    PinBlocked,
    PinRequired,
    UnsupportedCard,
    WrongPin,
)
from devices.cardreader.events import ReaderEventKind
from devices.cardreader.identity import DocumentType, Sex
from devices.cardreader.pcsc_reader import PcscCardReader, default_profiles
from devices.cardreader.piv import PinPrompt
from tests.fixtures.card_reading import wait_for_event, wait_for_outcome
from tests.fixtures.pcsc import VIRTUAL_READERS, VirtualCardSlot
from tests.fixtures.virtual_cards.fixed_data_card import FixedDataCard
from tests.fixtures.virtual_cards.piv_card import PivCard, make_credentials
from tests.fixtures.virtual_cards.social_security_card import SocialSecurityCard, holder_records

pytestmark = pytest.mark.stack


def test_social_security_card_gives_the_holders_identity(
    virtual_card_slot: VirtualCardSlot, pcsc_card_reader: PcscCardReader
) -> None:
    card = virtual_card_slot.insert(SocialSecurityCard())
    event = wait_for_outcome(pcsc_card_reader)
    assert event.error is None, event.error
    identity = event.identity
    assert identity is not None
    assert identity.document_type is DocumentType.SOCIAL_SECURITY_CARD
    assert (identity.name, identity.number) == ("王秀英", "11010519491231002X")
    assert identity.sex is Sex.FEMALE
    assert identity.nation == "01"
    assert identity.birth_date == dt.date(1949, 12, 31)
    assert identity.valid_until == dt.date(2030, 5, 1)
    assert identity.card_number == "A01234567"
    # The T=0 card answered SELECT with 61xx: the FCI was fetched with GET RESPONSE.
    assert any(apdu[1] == 0xC0 for apdu in card.apdus)


def test_card_removal_is_reported(
    virtual_card_slot: VirtualCardSlot, pcsc_card_reader: PcscCardReader
) -> None:
    virtual_card_slot.insert(SocialSecurityCard())
    wait_for_outcome(pcsc_card_reader)
    virtual_card_slot.remove()
    event = wait_for_event(pcsc_card_reader, (ReaderEventKind.CARD_REMOVED,))
    assert event.reader == VIRTUAL_READERS[0]


def test_unknown_card_is_unsupported(
    virtual_card_slot: VirtualCardSlot, pcsc_card_reader: PcscCardReader
) -> None:
    virtual_card_slot.insert(FixedDataCard())
    event = wait_for_outcome(pcsc_card_reader)
    assert isinstance(event.error, UnsupportedCard)
    assert "不支持" in event.error.message_zh


def _piv_reader(pins: list[str | None], prompts: list[PinPrompt]) -> PcscCardReader:
    def provide(prompt: PinPrompt) -> str | None:
        prompts.append(prompt)
        return pins.pop(0) if pins else None

    reader = PcscCardReader(
        reader_filter=VIRTUAL_READERS[0], profiles=default_profiles(provide), read_timeout_s=5.0
    )
    reader.start()
    return reader


@pytest.mark.parametrize("kind", ["ec", "rsa"])
def test_piv_card_with_right_pin_proves_its_key_and_names_the_staff_member(
    virtual_card_slot: VirtualCardSlot, kind: str
) -> None:
    prompts: list[PinPrompt] = []
    reader = _piv_reader(["123456"], prompts)
    try:
        virtual_card_slot.insert(PivCard(make_credentials(kind=kind)))
        event = wait_for_outcome(reader)
    finally:
        reader.stop()
    assert event.error is None, event.error
    assert event.identity is not None
    assert event.identity.document_type is DocumentType.PIV_STAFF_CARD
    assert (event.identity.name, event.identity.number) == ("Test Technician", "TECH-0042")
    assert prompts == [PinPrompt(retries_left=3)]


def test_piv_wrong_pin_shows_retries_left_then_blocks(virtual_card_slot: VirtualCardSlot) -> None:
    prompts: list[PinPrompt] = []
    reader = _piv_reader(["000000", "111111", "222222"], prompts)
    try:
        virtual_card_slot.insert(PivCard(make_credentials()))
        event = wait_for_outcome(reader)
    finally:
        reader.stop()
    assert [p.retries_left for p in prompts] == [3, 2, 1]
    assert isinstance(event.error, PinBlocked)
    assert "锁定" in event.error.message_zh


def test_piv_cancelled_pin_entry_after_a_wrong_pin(virtual_card_slot: VirtualCardSlot) -> None:
    prompts: list[PinPrompt] = []
    reader = _piv_reader(["000000"], prompts)
    try:
        virtual_card_slot.insert(PivCard(make_credentials()))
        event = wait_for_outcome(reader)
    finally:
        reader.stop()
    assert [p.retries_left for p in prompts] == [3, 2]
    assert isinstance(event.error, PinRequired)
    assert WrongPin(2).message_en == "Wrong PIN. 2 tries left."


def test_blocked_piv_card_says_so_without_asking_for_a_pin(
    virtual_card_slot: VirtualCardSlot,
) -> None:
    prompts: list[PinPrompt] = []
    reader = _piv_reader(["123456"], prompts)
    try:
        virtual_card_slot.insert(PivCard(make_credentials(), retries=0))
        event = wait_for_outcome(reader)
    finally:
        reader.stop()
    assert isinstance(event.error, PinBlocked)
    assert prompts == []


def test_piv_card_signing_with_another_key_is_caught(virtual_card_slot: VirtualCardSlot) -> None:
    forger = make_credentials().key
    reader = _piv_reader(["123456"], [])
    try:
        virtual_card_slot.insert(PivCard(make_credentials(), sign_with=forger))
        event = wait_for_outcome(reader)
    finally:
        reader.stop()
    assert isinstance(event.error, CardAuthenticationFailed)


def test_card_already_in_the_reader_at_start_is_read(virtual_card_slot: VirtualCardSlot) -> None:
    virtual_card_slot.insert(SocialSecurityCard(holder_records(name="李四", sex="1")))
    reader = PcscCardReader(reader_filter=VIRTUAL_READERS[0])
    reader.start()
    try:
        event = wait_for_outcome(reader)
    finally:
        reader.stop()
    assert event.identity is not None
    assert event.identity.name == "李四"
