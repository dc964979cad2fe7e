"""Staff card sign-in through the real pcscd + vpcd with virtual PIV cards and a test staff CA."""

from __future__ import annotations

from pathlib import Path

import pytest

from kiosk.staff_card import (
    CardBlocked,
    NoStaffCa,
    NotAStaffCard,
    StaffCa,
    UntrustedCard,
    WrongPin,
    load_staff_ca,
    sign_in_with_staff_card,
)
from tests.fixtures.pcsc import VirtualCardSlot
from tests.fixtures.staff_ca import IssuingStaffCa, make_staff_ca
from tests.fixtures.virtual_cards.piv_card import PivCard, make_credentials
from tests.fixtures.virtual_cards.social_security_card import SocialSecurityCard

pytestmark = pytest.mark.stack


def _trusted(staff_ca: IssuingStaffCa) -> StaffCa:
    return load_staff_ca(staff_ca.pem_file)


@pytest.mark.parametrize("kind", ["ec", "rsa"])
def test_right_pin_on_a_card_from_the_staff_ca_names_the_staff_member(
    virtual_card_slot: VirtualCardSlot, staff_ca: IssuingStaffCa, kind: str
) -> None:
    card = PivCard(staff_ca.issue(name="Li Technician", staff_id="TECH-0042", kind=kind))
    virtual_card_slot.insert(card)
    identity = sign_in_with_staff_card(virtual_card_slot.reader, "123456", _trusted(staff_ca))
    assert (identity.staff_id, identity.name) == ("TECH-0042", "Li Technician")
    assert "TECH-0042" in identity.certificate_subject
    assert "Li Technician" not in repr(identity)


def test_wrong_pin_says_how_many_tries_are_left_then_the_card_blocks(
    virtual_card_slot: VirtualCardSlot, staff_ca: IssuingStaffCa
) -> None:
    card = virtual_card_slot.insert(PivCard(staff_ca.issue(), retries=3))
    trusted = _trusted(staff_ca)
    for left in (2, 1):
        with pytest.raises(WrongPin) as wrong:
            sign_in_with_staff_card(virtual_card_slot.reader, "999999", trusted)
        assert wrong.value.retries_left == left
    with pytest.raises(CardBlocked):
        sign_in_with_staff_card(virtual_card_slot.reader, "999999", trusted)
    # Once blocked, even the right PIN is refused, and no try is spent finding that out.
    with pytest.raises(CardBlocked):
        sign_in_with_staff_card(virtual_card_slot.reader, "123456", trusted)
    assert isinstance(card, PivCard) and card.retries == 0


def test_a_card_blocked_before_it_came_says_so(
    virtual_card_slot: VirtualCardSlot, staff_ca: IssuingStaffCa
) -> None:
    virtual_card_slot.insert(PivCard(staff_ca.issue(), retries=0))
    with pytest.raises(CardBlocked):
        sign_in_with_staff_card(virtual_card_slot.reader, "123456", _trusted(staff_ca))


def test_a_piv_card_not_from_the_staff_ca_is_refused_before_its_pin_is_tried(
    virtual_card_slot: VirtualCardSlot, staff_ca: IssuingStaffCa
) -> None:
    card = virtual_card_slot.insert(PivCard(make_credentials(), retries=3))
    with pytest.raises(UntrustedCard, match="not issued by the staff CA"):
        sign_in_with_staff_card(virtual_card_slot.reader, "123456", _trusted(staff_ca))
    assert isinstance(card, PivCard) and card.retries == 3 and not card.verified


def test_a_card_from_another_ca_with_the_same_name_is_refused(
    virtual_card_slot: VirtualCardSlot, staff_ca: IssuingStaffCa, tmp_path: Path
) -> None:
    impostor = make_staff_ca(tmp_path / "other", common_name="Mianyang Staff CA (test)")
    virtual_card_slot.insert(PivCard(impostor.issue()))
    with pytest.raises(UntrustedCard):
        sign_in_with_staff_card(virtual_card_slot.reader, "123456", _trusted(staff_ca))


def test_an_expired_staff_certificate_is_refused(
    virtual_card_slot: VirtualCardSlot, staff_ca: IssuingStaffCa
) -> None:
    virtual_card_slot.insert(PivCard(staff_ca.issue(expired=True)))
    with pytest.raises(UntrustedCard, match="expired"):
        sign_in_with_staff_card(virtual_card_slot.reader, "123456", _trusted(staff_ca))


def test_a_card_that_cannot_prove_its_key_is_refused(
    virtual_card_slot: VirtualCardSlot, staff_ca: IssuingStaffCa
) -> None:
    forger = make_credentials().key
    virtual_card_slot.insert(PivCard(staff_ca.issue(), sign_with=forger))
    with pytest.raises(UntrustedCard, match="prove"):
        sign_in_with_staff_card(virtual_card_slot.reader, "123456", _trusted(staff_ca))


def test_a_residents_card_is_not_a_staff_card(
    virtual_card_slot: VirtualCardSlot, staff_ca: IssuingStaffCa
) -> None:
    virtual_card_slot.insert(SocialSecurityCard())
    with pytest.raises(NotAStaffCard):
        sign_in_with_staff_card(virtual_card_slot.reader, "123456", _trusted(staff_ca))


def test_without_a_configured_staff_ca_staff_cards_are_refused(
    virtual_card_slot: VirtualCardSlot, staff_ca: IssuingStaffCa
) -> None:
    card = virtual_card_slot.insert(PivCard(staff_ca.issue()))
    with pytest.raises(NoStaffCa, match="no staff CA is configured"):
        sign_in_with_staff_card(virtual_card_slot.reader, "123456", None)
    assert isinstance(card, PivCard) and card.retries == 3
