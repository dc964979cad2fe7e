"""Our event-driven reader driver (tests/fixtures/pcsc_event_vpcd.c) under the real pcscd.

pcscd learns of card movements from the driver's polling thread at once, as with a USB CCID
reader, not every 400 ms as with vpcd; a card that leaves or goes silent mid-APDU ends the
exchange with an error, never a hang; and pcscd stops its polling threads cleanly.
"""

from __future__ import annotations

import os
import signal
import socket
import statistics
import threading
import time
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from smartcard import scard

from tests.fixtures.pcsc import (
    VIRTUAL_READERS,
    PcscdProcess,
    VirtualCardSlot,
    list_reader_names,
    start_pcscd,
    stop_pcscd_process,
    wait_for_reader_state,
)
from tests.fixtures.virtual_cards.fixed_data_card import FIXED_AID, FixedDataCard
from tests.fixtures.virtual_cards.social_security_card import SocialSecurityCard
from tests.fixtures.virtual_cards.vpcd_card import SLOT_PORTS

pytestmark = pytest.mark.stack

SELECT = [0x00, 0xA4, 0x04, 0x00, len(FIXED_AID), *FIXED_AID]
RESPONSE_TIMEOUT_S = 5.0  # RESPONSE_TIMEOUT_MS in the driver
# vpcd is polled every 400 ms, so its detection times spread evenly over 0-400 ms.
VPCD_POLL_S = 0.4


class LeavesMidApduCard(FixedDataCard):
    """Closes its connection (is pulled out) when it receives an APDU, without answering."""

    def process_apdu(self, apdu: bytes) -> bytes:
        """Leave instead of answering."""
        if self._sock is not None:
            self._sock.shutdown(socket.SHUT_RDWR)
        return b""


class SilentCard(FixedDataCard):
    """Stays in the reader but never answers an APDU."""

    def process_apdu(self, apdu: bytes) -> bytes:
        """Hold the answer back until the reader has given up (and dropped the card)."""
        time.sleep(RESPONSE_TIMEOUT_S + 2.0)
        return b"\x90\x00"


def _state(context: int, reader: str) -> int:
    _, states = scard.SCardGetStatusChange(context, 0, [(reader, scard.SCARD_STATE_UNAWARE)])
    return int(states[0][1]) & ~int(scard.SCARD_STATE_CHANGED)


def _wait_for_change(context: int, reader: str, state: int, present: bool) -> None:
    """Block in SCardGetStatusChange until the reader shows (or no longer shows) a card."""
    deadline = time.monotonic() + 5.0
    while bool(state & scard.SCARD_STATE_PRESENT) != present:
        if time.monotonic() > deadline:
            raise AssertionError(f"pcscd never reported present={present} for {reader}")
        hresult, states = scard.SCardGetStatusChange(context, 5000, [(reader, state)])
        assert hresult in (scard.SCARD_S_SUCCESS, scard.SCARD_E_TIMEOUT)
        state = int(states[0][1]) & ~scard.SCARD_STATE_CHANGED


@pytest.fixture(autouse=True)
def _session_uses_our_driver(pcscd: PcscdProcess) -> None:
    """These tests are about our driver: over vpcd a silent card would hang them."""
    if pcscd.driver != "event-vpcd":
        pytest.fail("run these tests without PCSC_TEST_DRIVER=vpcd", pytrace=False)


@pytest.fixture
def context(pcscd: PcscdProcess) -> Iterator[int]:
    """A PC/SC context for raw pyscard calls, released after the test."""
    hresult, ctx = scard.SCardEstablishContext(scard.SCARD_SCOPE_USER)
    assert hresult == scard.SCARD_S_SUCCESS
    yield ctx
    scard.SCardReleaseContext(ctx)


@pytest.mark.parametrize("slot", [0, 1], ids=VIRTUAL_READERS)
def test_insertion_and_removal_are_seen_at_once(context: int, slot: int) -> None:
    reader = VIRTUAL_READERS[slot]
    wait_for_reader_state(reader, card=False)
    inserted: list[float] = []
    removed: list[float] = []
    for _ in range(7):
        card = FixedDataCard()
        state = _state(context, reader)
        started = time.perf_counter()
        card.insert(SLOT_PORTS[slot])
        _wait_for_change(context, reader, state, present=True)
        inserted.append(time.perf_counter() - started)
        state = _state(context, reader)
        started = time.perf_counter()
        card.remove()
        _wait_for_change(context, reader, state, present=False)
        removed.append(time.perf_counter() - started)
    # A polled driver would spread these over its whole 400 ms cycle.
    for times in (inserted, removed):
        assert statistics.median(times) < 0.1, times
        assert max(times) < VPCD_POLL_S * 0.75, times


def test_a_card_swap_is_seen_as_a_removal_and_an_insertion(
    virtual_card_slot: VirtualCardSlot, context: int
) -> None:
    reader = virtual_card_slot.reader
    first, second = FixedDataCard(), SocialSecurityCard()
    first.insert(SLOT_PORTS[0])
    wait_for_reader_state(reader, card=True)
    before = _state(context, reader)
    second.insert(SLOT_PORTS[0])  # connects while the first card is still in the reader
    try:
        first.remove()  # and is pulled out at once: pcscd must not take B for A
        deadline = time.monotonic() + 2.0
        while True:
            _, states = scard.SCardGetStatusChange(
                context, 0, [(reader, scard.SCARD_STATE_UNAWARE)]
            )
            _, state, atr = states[0]
            # pcsc-lite counts card events in the high word of the reader state
            if state & scard.SCARD_STATE_PRESENT and (state >> 16) >= (before >> 16) + 2:
                break
            assert time.monotonic() < deadline, "the second card was never seen as new"
            time.sleep(0.01)
        assert bytes(atr) == second.atr
    finally:
        second.remove()


def test_card_leaving_mid_apdu_gives_an_error_not_a_hang(
    virtual_card_slot: VirtualCardSlot, context: int
) -> None:
    virtual_card_slot.insert(LeavesMidApduCard())
    hresult, handle, _protocol = scard.SCardConnect(
        context, virtual_card_slot.reader, scard.SCARD_SHARE_SHARED, scard.SCARD_PROTOCOL_T0
    )
    assert hresult == scard.SCARD_S_SUCCESS
    try:
        started = time.monotonic()
        hresult, response = scard.SCardTransmit(handle, scard.SCARD_PCI_T0, SELECT)
        assert time.monotonic() - started < 1.0
        assert hresult != scard.SCARD_S_SUCCESS
        assert response == []
    finally:
        scard.SCardDisconnect(handle, scard.SCARD_LEAVE_CARD)
    wait_for_reader_state(virtual_card_slot.reader, card=False, timeout=0.5)


def test_silent_card_times_out_and_is_dropped(
    virtual_card_slot: VirtualCardSlot, context: int
) -> None:
    card = virtual_card_slot.insert(SilentCard())
    _, handle, _ = scard.SCardConnect(
        context, virtual_card_slot.reader, scard.SCARD_SHARE_SHARED, scard.SCARD_PROTOCOL_T0
    )
    try:
        started = time.monotonic()
        hresult, _ = scard.SCardTransmit(handle, scard.SCARD_PCI_T0, SELECT)
        elapsed = time.monotonic() - started
    finally:
        scard.SCardDisconnect(handle, scard.SCARD_LEAVE_CARD)
    assert hresult != scard.SCARD_S_SUCCESS
    assert RESPONSE_TIMEOUT_S - 0.5 < elapsed < RESPONSE_TIMEOUT_S + 1.5
    # The reader gave up on the card: pcscd shows it empty, the card sees its connection closed.
    wait_for_reader_state(virtual_card_slot.reader, card=False, timeout=0.5)
    card.remove()


def test_the_other_reader_keeps_working_while_one_card_is_silent(
    virtual_card_slot: VirtualCardSlot, context: int
) -> None:
    silent = virtual_card_slot.insert(SilentCard())
    other = VirtualCardSlot(VIRTUAL_READERS[1], SLOT_PORTS[1])
    _, silent_handle, _ = scard.SCardConnect(
        context, virtual_card_slot.reader, scard.SCARD_SHARE_SHARED, scard.SCARD_PROTOCOL_T0
    )
    stuck = threading.Thread(
        target=scard.SCardTransmit, args=(silent_handle, scard.SCARD_PCI_T0, SELECT), daemon=True
    )
    stuck.start()
    try:
        time.sleep(0.2)  # the silent exchange is under way
        started = time.monotonic()
        other.insert(FixedDataCard())
        # a second context: pcsc-lite serialises the calls made on one context
        _, hctx = scard.SCardEstablishContext(scard.SCARD_SCOPE_USER)
        _, handle, _ = scard.SCardConnect(
            hctx, other.reader, scard.SCARD_SHARE_SHARED, scard.SCARD_PROTOCOL_T0
        )
        hresult, response = scard.SCardTransmit(handle, scard.SCARD_PCI_T0, SELECT)
        scard.SCardDisconnect(handle, scard.SCARD_LEAVE_CARD)
        scard.SCardReleaseContext(hctx)
        assert hresult == scard.SCARD_S_SUCCESS and response[-2:] == [0x90, 0x00]
        assert time.monotonic() - started < 1.0
    finally:
        other.remove()
        stuck.join(timeout=RESPONSE_TIMEOUT_S + 2.0)
        scard.SCardDisconnect(silent_handle, scard.SCARD_LEAVE_CARD)
        silent.remove()
    assert not stuck.is_alive()


def test_pcscd_stops_the_polling_threads_cleanly(
    restart_pcscd: Callable[[], PcscdProcess], pcscd: PcscdProcess, tmp_path: Path
) -> None:
    """SIGINT makes pcscd remove its readers (SIGTERM exits at once): each polling thread,
    one waiting on a card's socket and one on the listening socket, must stop on request."""
    stop_pcscd_process(pcscd.process)  # restart_pcscd brings the session's pcscd back after
    own = start_pcscd(tmp_path / "own", debug=True)
    card = FixedDataCard()
    try:
        assert set(list_reader_names()) == set(VIRTUAL_READERS)
        card.insert(SLOT_PORTS[0])
        wait_for_reader_state(VIRTUAL_READERS[0], card=True)
        time.sleep(0.2)  # both polling threads are back in poll()
        started = time.monotonic()
        os.kill(own.pid, signal.SIGINT)
        own.process.wait(timeout=10)
        stop_s = time.monotonic() - started
    finally:
        stop_pcscd_process(own.process)
        card.remove()
    log = own.log_file.read_text(errors="replace")
    assert "Preparing for suicide" in log
    assert "at_exit() cleaning" in log, log[-3000:]
    assert log.count("Using the reader polling thread") == 2
    assert log.count("Request stopping of polling thread") == 2, log[-3000:]
    assert log.count("Thread stomped.") == 2
    assert "Killing polling thread" not in log
    assert "Waiting polling thread" not in log
    # pcscd's main loop notices the signal within its 1 s select() timeout
    assert stop_s < 2.5, log[-3000:]


def test_vpcd_readers_still_work(
    restart_pcscd: Callable[[], PcscdProcess], pcscd: PcscdProcess, tmp_path: Path
) -> None:
    """The Debian vpcd driver stays usable (start_pcscd(driver="vpcd"), PCSC_TEST_DRIVER)."""
    stop_pcscd_process(pcscd.process)  # restart_pcscd brings the session's pcscd back after
    own = start_pcscd(tmp_path / "own", driver="vpcd")
    card = FixedDataCard()
    try:
        assert set(list_reader_names()) == set(VIRTUAL_READERS)
        card.insert(SLOT_PORTS[1])
        wait_for_reader_state(VIRTUAL_READERS[1], card=True)
    finally:
        card.remove()
        stop_pcscd_process(own.process)
    assert not (tmp_path / "own" / "driver").exists()  # /etc/reader.conf.d/vpcd, not our driver
