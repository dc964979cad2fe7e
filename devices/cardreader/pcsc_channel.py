"""An APDU channel to the card in one PC/SC reader, held open for a multi-step exchange.

``read_card`` reads an identity in one go; a staff sign-in (certificate, PIN, key proof) needs
the same connection for several steps, held exclusively: the identity reader, which reads every
inserted card, must not reset the card between VERIFY and GENERAL AUTHENTICATE. The card is
reset when the channel closes, so a verified PIN never outlives the sign-in.
"""

from __future__ import annotations

import time
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

from smartcard import scard

from devices.cardreader.apdu import ApduChannel
from devices.cardreader.pcsc_card import connected_card, transmitter

SHARING_RETRY_S = 3.0  # the identity reader may be reading the same card for a moment


@contextmanager
def card_channel(reader: str, timeout_s: float = 10.0) -> Iterator[tuple[ApduChannel, bytes]]:
    """(channel, ATR) for the card in ``reader``, held exclusively; failures are CardErrors."""
    with connected_card(reader, exclusive=True, sharing_wait_s=SHARING_RETRY_S) as (
        card,
        protocol,
        atr,
    ):
        deadline = time.monotonic() + timeout_s
        yield ApduChannel(transmitter(card, protocol), deadline=deadline), atr


@contextmanager
def _reader_names(name_filter: str) -> Iterator[tuple[Any, list[str]]]:
    """(PC/SC context, reader names matching ``name_filter``); no names if pcscd is absent."""
    hresult, context = scard.SCardEstablishContext(scard.SCARD_SCOPE_USER)
    if hresult != scard.SCARD_S_SUCCESS:
        yield None, []
        return
    try:
        hresult, names = scard.SCardListReaders(context, [])
        found = (
            [str(n) for n in names if name_filter in n] if hresult == scard.SCARD_S_SUCCESS else []
        )
        yield context, found
    finally:
        scard.SCardReleaseContext(context)


def readers_with_card(name_filter: str = "") -> list[str]:
    """PC/SC readers (matching ``name_filter``) that hold a card now; empty if pcscd is absent."""
    with _reader_names(name_filter) as (context, names):
        if not names:
            return []
        hresult, states = scard.SCardGetStatusChange(
            context, 0, [(name, scard.SCARD_STATE_UNAWARE) for name in names]
        )
        if hresult != scard.SCARD_S_SUCCESS:
            return []
        return [name for name, event, _ in states if event & scard.SCARD_STATE_PRESENT]


def list_readers(name_filter: str = "") -> list[str]:
    """PC/SC reader names (matching ``name_filter``); empty if pcscd is absent."""
    with _reader_names(name_filter) as (_, names):
        return names
