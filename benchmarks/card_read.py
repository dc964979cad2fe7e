"""Card inserted -> Identity ready, over the real pcscd with a quick-ACK virtual card.

Our stack (PcscCardReader: monitor thread, queue, worker, profiles, T=0 handling) against the
same APDU sequence sent with raw pyscard calls (one SCardGetStatusChange wait, connect,
transmit, disconnect) on the same reader in the same run. Both include pcscd's detection of
the insertion, which this script also prints on its own (insert -> SCARD_STATE_PRESENT with
raw pyscard), next to the part that is ours (detected -> Identity).

The reader is our event-driven driver (tests/fixtures/pcsc_event_vpcd.c, the tests' default).
pcscd learns of a card either from the driver's own polling thread
(TAG_IFD_POLLING_THREAD_WITH_TIMEOUT: libccid waits on a USB CCID reader's interrupt endpoint;
our driver waits in poll() on its TCP sockets) or, when the driver has none, by calling
IFDHICCPresence every PCSCLITE_STATUS_POLL_RATE, a constant compiled into pcscd (400 ms in
pcsc-lite 1.9.9). vsmartcard's vpcd has none, so over vpcd an insertion waited up to 400 ms
before anyone could see the card, and the p95 target (300 ms including detection) was out of
reach: p95 ~399 ms, of which our part was 19 ms. Our driver reports the card within a few
milliseconds, as a real CCID reader does. ``--driver vpcd`` measures over vpcd again.

Insertions happen at a random moment of a 400 ms cycle (what a person does against a polled
reader), so the two drivers are measured on the same schedule. Stack and raw reads run in
alternating blocks (``--block``, default 10), so load from other jobs falls on both alike.

Run: flock /tmp/pcscd.lock .venv/bin/python benchmarks/card_read.py [--reads 50] [--driver vpcd]
"""

from __future__ import annotations

import argparse
import random
import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from smartcard import scard

from devices.cardreader.events import ReaderEventKind
from devices.cardreader.pcsc_reader import PcscCardReader
from tests.fixtures.pcsc import (
    VIRTUAL_READERS,
    start_pcscd,
    stop_pcscd_process,
    wait_for_reader_state,
)
from tests.fixtures.virtual_cards.social_security_card import SocialSecurityCard
from tests.fixtures.virtual_cards.vpcd_card import SLOT_PORTS

READER = VIRTUAL_READERS[0]
# pcscd polls vpcd every 400 ms; a person inserts a card at a random moment of that cycle.
POLL_CYCLE_S = 0.4
TARGET_P95_S = 0.3  # issue 3: insert -> Identity p95 < 300 ms including pcscd's detection
TARGET_RATIO = 1.2  # our stack against raw pyscard, insert -> ready (median)


def p95(values: list[float]) -> float:
    """95th percentile (nearest rank)."""
    ordered = sorted(values)
    return ordered[max(0, round(0.95 * len(ordered)) - 1)]


def bench_stack(reads: int, phases: list[float]) -> tuple[list[float], list[float], list[bytes]]:
    """Insert -> IDENTITY_READ through PcscCardReader: (total times, read-only times, APDUs)."""
    reader = PcscCardReader(reader_filter=READER)
    reader.start()
    # The reader has found "Virtual PCD 00 00" and waits for a card, as at a kiosk in service.
    while reader.events.get(timeout=5).kind is not ReaderEventKind.READER_ADDED:
        pass
    time.sleep(0.1)
    times: list[float] = []
    read_times: list[float] = []
    apdus: list[bytes] = []
    try:
        for phase in phases[:reads]:
            card = SocialSecurityCard()
            time.sleep(phase)
            started = time.perf_counter()
            card.insert(SLOT_PORTS[0])
            detected = started
            while True:
                event = reader.events.get(timeout=5)
                if event.kind is ReaderEventKind.CARD_INSERTED:
                    detected = time.perf_counter()
                if event.kind is ReaderEventKind.IDENTITY_READ:
                    break
                if event.kind is ReaderEventKind.READ_FAILED:
                    raise RuntimeError(f"read failed: {event.error}")
            done = time.perf_counter()
            times.append(done - started)
            read_times.append(done - detected)
            apdus = list(card.apdus)
            card.remove()
            wait_for_reader_state(READER, card=False)
    finally:
        reader.stop()
    return times, read_times, apdus


def bench_raw(
    reads: int, phases: list[float], apdus: list[bytes]
) -> tuple[list[float], list[float]]:
    """Insert -> the same APDUs answered, with raw pyscard calls: (total, read-only) times."""
    _, context = scard.SCardEstablishContext(scard.SCARD_SCOPE_USER)
    times: list[float] = []
    read_times: list[float] = []
    try:
        for phase in phases[:reads]:
            _, states = scard.SCardGetStatusChange(
                context, 0, [(READER, scard.SCARD_STATE_UNAWARE)]
            )
            state = states[0][1] & ~scard.SCARD_STATE_CHANGED
            card = SocialSecurityCard()
            time.sleep(phase)
            started = time.perf_counter()
            card.insert(SLOT_PORTS[0])
            while not state & scard.SCARD_STATE_PRESENT:
                _, states = scard.SCardGetStatusChange(context, 5000, [(READER, state)])
                state = states[0][1] & ~scard.SCARD_STATE_CHANGED
            detected = time.perf_counter()
            _, handle, _protocol = scard.SCardConnect(
                context, READER, scard.SCARD_SHARE_SHARED, scard.SCARD_PROTOCOL_T0
            )
            for apdu in apdus:
                hresult, _ = scard.SCardTransmit(handle, scard.SCARD_PCI_T0, list(apdu))
                if hresult != scard.SCARD_S_SUCCESS:
                    raise RuntimeError(scard.SCardGetErrorMessage(hresult))
            scard.SCardDisconnect(handle, scard.SCARD_RESET_CARD)
            done = time.perf_counter()
            times.append(done - started)
            read_times.append(done - detected)
            card.remove()
            wait_for_reader_state(READER, card=False)
    finally:
        scard.SCardReleaseContext(context)
    return times, read_times


def main() -> int:
    """Run both measurements and print median, p95 and the ratio."""
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--reads", type=int, default=50)
    parser.add_argument("--seed", type=int, default=467)
    parser.add_argument("--block", type=int, default=10, help="reads per alternating block")
    parser.add_argument(
        "--driver",
        choices=["event-vpcd", "vpcd"],
        default="event-vpcd",
        help="the reader driver: ours (event-driven, default) or vsmartcard's vpcd (polled)",
    )
    args = parser.parse_args()
    rng = random.Random(args.seed)  # noqa: S311  (insertion timing, not crypto)
    phases = [rng.uniform(0, POLL_CYCLE_S) for _ in range(args.reads)]
    pcscd = start_pcscd(Path(tempfile.mkdtemp(prefix="bench-pcscd-")), driver=args.driver)
    try:
        # Alternating blocks of reads, so that load from other jobs on this shared machine
        # falls on both sides alike.
        ours, ours_read, raw, raw_read = [], [], [], []
        apdus: list[bytes] = []
        for block in range(0, args.reads, args.block):
            chunk = phases[block : block + args.block]
            times, read_times, apdus = bench_stack(len(chunk), chunk)
            ours += times
            ours_read += read_times
            times, read_times = bench_raw(len(chunk), chunk, apdus)
            raw += times
            raw_read += read_times
    finally:
        stop_pcscd_process(pcscd.process)
    ms = 1000.0
    print(
        f"reader {READER!r}, driver {args.driver}; APDUs per read: {len(apdus)}; "
        f"reads: {args.reads} in alternating blocks of {args.block}; "
        f"insertion at a random phase of {POLL_CYCLE_S * ms:.0f} ms"
    )
    detection = [total - read for total, read in zip(raw, raw_read, strict=True)]
    rows = [
        ("stack, insert -> Identity", ours),
        ("raw,   insert -> last APDU", raw),
        ("stack, detected -> Identity", ours_read),
        ("raw,   detected -> last APDU", raw_read),
        ("pcscd, insert -> card present", detection),
    ]
    for label, values in rows:
        print(
            f"{label:30s} median {statistics.median(values) * ms:7.1f} ms"
            f"  p95 {p95(values) * ms:7.1f} ms"
        )
    ratio = statistics.median(ours) / statistics.median(raw)
    verdict = "met" if ratio <= TARGET_RATIO else "MISSED"
    print(
        f"ratio stack/raw, insert -> ready (median): {ratio:.2f}x"
        f"  (target <= {TARGET_RATIO}x: {verdict})"
    )
    print(f"ratio stack/raw, p95: {p95(ours) / p95(raw):.2f}x")
    verdict = "met" if p95(ours) < TARGET_P95_S else "MISSED"
    print(
        f"p95 insert -> Identity incl. detection: {p95(ours) * ms:.1f} ms"
        f"  (target < {TARGET_P95_S * ms:.0f} ms: {verdict})"
    )
    print(
        f"pcscd detection ({args.driver}): min {min(detection) * ms:.1f}"
        f"  max {max(detection) * ms:.1f} ms"
    )
    print(f"p95 detected -> Identity (our part): {p95(ours_read) * ms:.1f} ms")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
