"""Card inserted -> Identity ready, over the real pcscd + vpcd with a quick-ACK virtual card.

Our stack (PcscCardReader: monitor thread, queue, worker, profiles, T=0 handling) against the
same APDU sequence sent with raw pyscard calls (one SCardGetStatusChange wait, connect,
transmit, disconnect) in the same run. Both include pcscd's detection of the insertion.

Why the p95 target (300 ms including detection) is out of reach over vpcd: pcscd learns of a
card either from the driver's own polling thread (TAG_IFD_POLLING_THREAD_WITH_TIMEOUT: libccid
waits on the reader's USB interrupt endpoint, so a real CCID reader reports an insertion at once)
or, when the driver has none, by calling IFDHICCPresence every PCSCLITE_STATUS_POLL_RATE, a
constant compiled into pcscd (400 ms in pcsc-lite 1.9.9: ``mov $0x61a80`` before SYS_USleep in
EHStatusHandlerThread). vpcd (vsmartcard 3.3) answers only the ATR, thread-safety and slot-count
tags of IFDHGetCapabilities, so pcscd polls it; no pcscd option (-d, --force-reader-polling …)
nor reader.conf key (FRIENDLYNAME, DEVICENAME, LIBPATH, CHANNELID) changes the rate. An
insertion at a random moment therefore waits up to 400 ms before anyone can see the card; this
script prints that detection time on its own (insert -> SCARD_STATE_PRESENT with raw pyscard)
next to the totals, and the part that is ours (detected -> Identity).

Run: flock /tmp/pcscd.lock .venv/bin/python benchmarks/card_read.py [--reads 50]
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


def p95(values: list[float]) -> float:
    """95th percentile (nearest rank)."""
    ordered = sorted(values)
    return ordered[max(0, round(0.95 * len(ordered)) - 1)]


def bench_stack(reads: int, phases: list[float]) -> tuple[list[float], list[float], list[bytes]]:
    """Insert -> IDENTITY_READ through PcscCardReader: (total times, read-only times, APDUs)."""
    reader = PcscCardReader(reader_filter=READER)
    reader.start()
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
    args = parser.parse_args()
    rng = random.Random(args.seed)  # noqa: S311  (insertion timing, not crypto)
    phases = [rng.uniform(0, POLL_CYCLE_S) for _ in range(args.reads)]
    pcscd = start_pcscd(Path(tempfile.mkdtemp(prefix="bench-pcscd-")))
    try:
        ours, ours_read, apdus = bench_stack(args.reads, phases)
        raw, raw_read = bench_raw(args.reads, phases, apdus)
    finally:
        stop_pcscd_process(pcscd.process)
    ms = 1000.0
    print(f"APDUs per read: {len(apdus)}; reads: {args.reads}; insertion at a random phase")
    rows = [
        ("stack, insert -> Identity", ours),
        ("raw,   insert -> last APDU", raw),
        ("stack, detected -> Identity", ours_read),
        ("raw,   detected -> last APDU", raw_read),
    ]
    detection = [total - read for total, read in zip(raw, raw_read, strict=True)]
    rows.append(("pcscd, insert -> card present", detection))
    for label, values in rows:
        print(
            f"{label:30s} median {statistics.median(values) * ms:7.1f} ms"
            f"  p95 {p95(values) * ms:7.1f} ms"
        )
    ratio = statistics.median(ours) / statistics.median(raw)
    print(f"ratio stack/raw, insert -> ready (median): {ratio:.2f}x  (target <= 1.2x)")
    print(f"ratio stack/raw, p95: {p95(ours) / p95(raw):.2f}x")
    print(f"p95 insert -> Identity incl. detection: {p95(ours) * ms:.1f} ms  (target < 300 ms)")
    print(
        f"pcscd detection over vpcd: min {min(detection) * ms:.1f}  max {max(detection) * ms:.1f}"
        f" ms (polling every {POLL_CYCLE_S * ms:.0f} ms; see the docstring)"
    )
    print(f"p95 detected -> Identity (our part): {p95(ours_read) * ms:.1f} ms")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
