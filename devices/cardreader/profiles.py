"""Choosing the card profile that knows a card: ATR hints first, then SELECT decides."""

from __future__ import annotations

import logging
from collections.abc import Sequence
from typing import Protocol

from devices.cardreader.apdu import ApduChannel
from devices.cardreader.errors import UnsupportedCard
from devices.cardreader.identity import Identity

log = logging.getLogger(__name__)


class CardProfile(Protocol):
    """One kind of card: how to recognise it and how to read an Identity from it."""

    name: str

    def prefers(self, atr: bytes) -> bool:
        """True if the ATR suggests this profile (only orders the SELECT attempts)."""
        ...

    def select(self, channel: ApduChannel) -> bool:
        """Select the card's application; False if the card does not have it."""
        ...

    def read(self, channel: ApduChannel) -> Identity:
        """Read the identity once the application is selected."""
        ...


def read_identity(channel: ApduChannel, atr: bytes, profiles: Sequence[CardProfile]) -> Identity:
    """Read the card with the first profile whose application the card selects."""
    ordered = sorted(profiles, key=lambda profile: not profile.prefers(atr))
    for profile in ordered:
        if profile.select(channel):
            log.info("card recognised as %s", profile.name)
            return profile.read(channel)
    log.info("no profile selects the card (ATR %s)", atr.hex(" "))
    raise UnsupportedCard(f"no profile selects the card with ATR {atr.hex()}")
