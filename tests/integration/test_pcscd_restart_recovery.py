"""pcscd stopped and started again while the kiosk runs: the reader comes back by itself."""

from __future__ import annotations

import time
from collections.abc import Callable

import pytest

from devices.cardreader.events import ReaderEventKind
from devices.cardreader.pcsc_monitor import Backoff
from devices.cardreader.pcsc_reader import PcscCardReader
from tests.fixtures.card_reading import wait_for_event, wait_for_outcome
from tests.fixtures.pcsc import VIRTUAL_READERS, PcscdProcess, VirtualCardSlot
from tests.fixtures.virtual_cards.social_security_card import SocialSecurityCard

pytestmark = pytest.mark.stack


def test_reader_recovers_after_pcscd_restart(
    virtual_card_slot: VirtualCardSlot,
    restart_pcscd: Callable[[], PcscdProcess],
) -> None:
    reader = PcscCardReader(
        reader_filter=VIRTUAL_READERS[0], backoff=Backoff(first_s=0.05, max_s=0.2)
    )
    reader.start()
    try:
        wait_for_event(reader, (ReaderEventKind.READER_ADDED,))
        contexts_before = reader.monitor.contexts_established
        restart_pcscd()
        wait_for_event(reader, (ReaderEventKind.SERVICE_LOST,), timeout=10)
        wait_for_event(reader, (ReaderEventKind.SERVICE_RESTORED,), timeout=10)
        assert reader.monitor.contexts_established > contexts_before
        virtual_card_slot.insert(SocialSecurityCard())
        event = wait_for_outcome(reader)
        assert event.identity is not None, event.error
        assert event.identity.name == "王秀英"
    finally:
        started = time.monotonic()
        reader.stop()
        assert time.monotonic() - started < 1.0


def test_monitor_keeps_trying_while_pcscd_is_down_and_stops_promptly(
    pcscd: PcscdProcess, restart_pcscd: Callable[[], PcscdProcess]
) -> None:
    from tests.fixtures.pcsc import stop_pcscd_process

    reader = PcscCardReader(reader_filter=VIRTUAL_READERS[0], backoff=Backoff(0.05, 0.2))
    reader.start()
    try:
        wait_for_event(reader, (ReaderEventKind.READER_ADDED,))
        stop_pcscd_process(pcscd.process)
        wait_for_event(reader, (ReaderEventKind.SERVICE_LOST,), timeout=10)
        time.sleep(0.5)  # several failed attempts to reach pcscd
        assert reader.monitor.running
    finally:
        started = time.monotonic()
        reader.stop()
        assert time.monotonic() - started < 1.0
    # restart_pcscd's teardown starts pcscd again for the following tests.
