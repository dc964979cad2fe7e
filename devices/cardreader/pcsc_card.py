"""One card in one PC/SC reader: connect, transmit through pyscard's scard layer, disconnect."""

from __future__ import annotations

import logging
import time
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from typing import Any

from smartcard import scard

from devices.cardreader.apdu import ApduChannel
from devices.cardreader.errors import CardDataError, CardError, CardRemoved, ReaderUnavailable
from devices.cardreader.identity import Identity
from devices.cardreader.profiles import CardProfile, read_identity

log = logging.getLogger(__name__)

CARD_GONE = {
    scard.SCARD_W_REMOVED_CARD,
    scard.SCARD_E_NO_SMARTCARD,
    scard.SCARD_W_RESET_CARD,
    scard.SCARD_E_NOT_TRANSACTED,
    scard.SCARD_E_READER_UNAVAILABLE,
    scard.SCARD_E_UNKNOWN_READER,
}
SERVICE_GONE = {
    scard.SCARD_E_NO_SERVICE,
    scard.SCARD_E_SERVICE_STOPPED,
    scard.SCARD_E_INVALID_HANDLE,
    scard.SCARD_F_COMM_ERROR,
    scard.SCARD_E_NO_READERS_AVAILABLE,
}
# SCardStatus card states of pcsc-lite (pyscard does not export them).
PCSC_ABSENT = 0x0002
PCSC_PRESENT = 0x0004
REMOVAL_CHECK_S = 0.6  # pcscd polls readers without an event thread (vpcd) every 400 ms
CARD_MUTE = {scard.SCARD_W_UNRESPONSIVE_CARD, scard.SCARD_W_UNPOWERED_CARD}


def pcsc_error(what: str, hresult: int) -> CardError:
    """The CardError for a failed PC/SC call."""
    detail = f"{what}: {scard.SCardGetErrorMessage(hresult)} (0x{hresult & 0xFFFFFFFF:08X})"
    if hresult in CARD_GONE:
        return CardRemoved(detail)
    if hresult in SERVICE_GONE:
        return ReaderUnavailable(detail)
    if hresult in CARD_MUTE:
        return CardDataError(detail)
    return CardError(detail)


@contextmanager
def connected_card(
    reader: str,
    *,
    exclusive: bool = False,
    sharing_wait_s: float = 0.0,
    context: Any | None = None,
) -> Iterator[tuple[Any, int, bytes]]:
    """A connection to the card in ``reader``: (card handle, protocol, ATR); reset on exit.

    ``exclusive``: no other connection can use or reset the card meanwhile; another one
    holding it is waited for up to ``sharing_wait_s``. ``context``: an established PC/SC
    context to connect through, left open; without one, a context is made for this connection.
    """
    own_context = context is None
    if own_context:
        hresult, context = scard.SCardEstablishContext(scard.SCARD_SCOPE_USER)
        if hresult != scard.SCARD_S_SUCCESS:
            raise pcsc_error("establish context", hresult)
    share = scard.SCARD_SHARE_EXCLUSIVE if exclusive else scard.SCARD_SHARE_SHARED
    try:
        deadline = time.monotonic() + sharing_wait_s
        while True:
            hresult, card, protocol = scard.SCardConnect(
                context, reader, share, scard.SCARD_PROTOCOL_T0 | scard.SCARD_PROTOCOL_T1
            )
            if hresult != scard.SCARD_E_SHARING_VIOLATION or time.monotonic() > deadline:
                break
            time.sleep(0.05)  # another connection (the identity reader) finishes its read
        if hresult != scard.SCARD_S_SUCCESS:
            raise pcsc_error("connect", hresult)
        try:
            hresult, _, _, _, atr = scard.SCardStatus(card)
            if hresult != scard.SCARD_S_SUCCESS:
                raise pcsc_error("status", hresult)
            yield card, protocol, bytes(atr)
        finally:
            # Reset: a PIN verified on this card must not stay valid for the next one to connect.
            scard.SCardDisconnect(card, scard.SCARD_RESET_CARD)
    finally:
        if own_context:
            scard.SCardReleaseContext(context)


def _raise_if_removed(card: Any) -> None:
    """After an answer without status word: CardRemoved if the card has left the reader.

    A card pulled mid-exchange can give an empty answer before pcscd's next poll notices
    the removal, so the state is checked for a short while.
    """
    deadline = time.monotonic() + REMOVAL_CHECK_S
    while True:
        hresult, _, state, _, _ = scard.SCardStatus(card)
        if hresult != scard.SCARD_S_SUCCESS:
            raise pcsc_error("status after an empty answer", hresult)
        if state & PCSC_ABSENT or not state & PCSC_PRESENT:
            raise CardRemoved("card left the reader during an exchange")
        if time.monotonic() > deadline:
            return
        time.sleep(0.02)


def transmitter(card: Any, protocol: int) -> Callable[[bytes], bytes]:
    """Send one APDU to a connected card; a lost card or reader becomes a CardError."""
    pci = scard.SCARD_PCI_T0 if protocol == scard.SCARD_PROTOCOL_T0 else scard.SCARD_PCI_T1

    def transmit(apdu: bytes) -> bytes:
        hresult, response = scard.SCardTransmit(card, pci, list(apdu))
        if hresult != scard.SCARD_S_SUCCESS:
            raise pcsc_error("transmit", hresult)
        if len(response) < 2:
            _raise_if_removed(card)
        return bytes(response)

    return transmit


def read_card(
    reader: str,
    profiles: Sequence[CardProfile],
    timeout_s: float = 5.0,
    context: Any | None = None,
) -> Identity:
    """Read the Identity of the card in ``reader`` (through ``context`` if given); every
    failure is a CardError."""
    deadline = time.monotonic() + timeout_s
    with connected_card(reader, context=context) as (card, protocol, atr):
        channel = ApduChannel(transmitter(card, protocol), deadline=deadline)
        return read_identity(channel, atr, profiles)
