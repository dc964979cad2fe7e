"""A slow sane_cancel must not freeze the rest of the kiosk (real SANE stack, `dfeed` backend).

python-sane calls sane_cancel() holding Python's GIL in places: 2.9.2 at the end of every
``snap()`` that is not told ``no_cancel`` (a flatbed page) and on its error paths, older builds
in ``SaneDev.cancel()`` too. A backend whose cancel blocks (a slow USB scanner, a backend joining
its reader thread) then stops every Python thread, the Qt UI thread included. `dfeed`'s
`cancel-delay` option (tests/fixtures/sane_dfeed.c) makes its sane_cancel take that many
milliseconds; a ticker thread stands in for the UI thread.
"""

from __future__ import annotations

import itertools
import threading
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from config.schema import SaneScannerSettings
from devices.scanner.base import ScanError, ScanProblem
from devices.scanner.sane_cancel import GilFreeCancel
from devices.scanner.sane_scanner import SaneScanner
from devices.scanner.sigpipe import ignore_sigpipe_again

pytestmark = pytest.mark.stack

CANCEL_DELAY_MS = 1500
LONGEST_STALL_S = 0.25  # a 10 ms ticker may be late, but never by a frozen second


@pytest.fixture
def feeder(sane_config_dir: Path) -> Iterator[list[SaneScanner]]:
    """Opened dfeed scanners, closed after the test whatever happened."""
    opened: list[SaneScanner] = []
    yield opened
    for scanner in opened:
        scanner.close()


def _open(opened: list[SaneScanner], source: str = "adf", sheets: int = 3) -> SaneScanner:
    settings = SaneScannerSettings(
        backend="sane",
        device="dfeed:0",
        resolution_dpi=75,
        source=source,  # type: ignore[arg-type]
    )
    scanner = SaneScanner(settings)
    opened.append(scanner)
    scanner.set_option("sheets", sheets)
    scanner.set_option("jam-sheet", 0)
    scanner.set_option("cancel-delay", CANCEL_DELAY_MS)
    return scanner


class Ticker:
    """A thread that notes the time every 10 ms, as the UI thread repaints."""

    def __init__(self) -> None:
        self.ticks: list[float] = []
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, name="ticker", daemon=True)

    def _run(self) -> None:
        while not self._stop.is_set():
            self.ticks.append(time.monotonic())
            time.sleep(0.01)

    def __enter__(self) -> Ticker:
        self._thread.start()
        return self

    def __exit__(self, *_: object) -> None:
        self._stop.set()
        self._thread.join(5)

    def during(self, start: float, end: float) -> list[float]:
        """The ticks between ``start`` and ``end``, with both ends as bounds."""
        return [start, *(t for t in self.ticks if start < t < end), end]


def _longest_gap(times: list[float]) -> float:
    return max(b - a for a, b in itertools.pairwise(times))


def _timed(call: object) -> tuple[float, float]:
    """Run ``call`` on its own thread; its start and end times."""
    span: list[float] = []

    def run() -> None:
        span.append(time.monotonic())
        call()  # type: ignore[operator]
        span.append(time.monotonic())

    thread = threading.Thread(target=run, name="canceller")
    thread.start()
    thread.join(30)
    assert not thread.is_alive(), "the cancel never returned"
    return span[0], span[1]


def test_other_threads_keep_running_while_the_backend_cancels(feeder: list[SaneScanner]) -> None:
    scanner = _open(feeder)
    with Ticker() as ticker:
        time.sleep(0.1)
        start, end = _timed(scanner.cancel)
        time.sleep(0.1)
    # The backend really was asked: its cancel took the delay it was set to.
    assert end - start >= CANCEL_DELAY_MS / 1000 - 0.05
    ticks = ticker.during(start, end)
    stall = _longest_gap(ticks)
    assert stall < LONGEST_STALL_S, f"other threads froze for {stall:.2f} s"
    assert len(ticks) >= 0.5 * (end - start) / 0.01  # it kept ticking all along


def test_other_threads_keep_running_while_a_flatbed_scan_ends(sane_config_dir: Path) -> None:
    opened: list[SaneScanner] = []
    scanner = _open(opened, source="flatbed")
    try:
        pages: list[object] = []
        with Ticker() as ticker:
            time.sleep(0.1)
            start, end = _timed(lambda: pages.extend(scanner.scan()))
            time.sleep(0.1)
        assert len(pages) == 1
        # Every scan ends with sane_cancel (SANE's end of the operation): the delay was taken.
        assert end - start >= CANCEL_DELAY_MS / 1000 - 0.05
        ticks = ticker.during(start, end)
        stall = _longest_gap(ticks)
        assert stall < LONGEST_STALL_S, f"other threads froze for {stall:.2f} s"
    finally:
        scanner.set_option("cancel-delay", 0)
        scanner.close()


def test_a_feeder_batch_cancelled_mid_scan_ends_and_the_next_batch_starts_full(
    feeder: list[SaneScanner],
) -> None:
    scanner = _open(feeder, sheets=3)
    pages = scanner.scan()
    first = next(pages)
    assert first.sheet == 0
    with Ticker() as ticker:
        start, end = _timed(scanner.cancel)
        ticks = ticker.during(start, end)
    assert _longest_gap(ticks) < LONGEST_STALL_S
    with pytest.raises(ScanError) as caught:
        next(pages)
    assert caught.value.problem is ScanProblem.CANCELLED
    pages.close()
    scanner.set_option("cancel-delay", 0)
    # sane_cancel reached the device: the batch ended and the feeder is full again.
    assert [p.sheet for p in scanner.scan()] == [0, 1, 2]


def test_closing_waits_for_a_cancel_still_running_on_another_thread(
    sane_config_dir: Path,
) -> None:
    scanner = _open([])  # closed here, not by the fixture
    cancelling = threading.Thread(target=scanner.cancel, name="canceller")
    cancelling.start()
    time.sleep(0.2)  # the canceller is inside the backend's sane_cancel now
    started = time.monotonic()
    scanner.close()  # SANE forbids sane_close/sane_exit while a call on the handle runs
    closed_after = time.monotonic() - started
    cancelling.join(10)
    assert not cancelling.is_alive()
    assert closed_after >= CANCEL_DELAY_MS / 1000 - 0.2 - 0.1
    # The scanner is closed for good: another cancel is harmless, a scan says so.
    scanner.cancel()
    with pytest.raises(ScanError) as caught:
        list(scanner.scan())
    assert caught.value.problem is ScanProblem.NO_DEVICE


def test_the_cancel_goes_through_libsane_on_the_devices_own_handle(sane_config_dir: Path) -> None:
    from devices.scanner import sane_runtime

    sane = sane_runtime.acquire()
    device = sane.open("dfeed:0")
    try:
        device.cancel_delay = 300
        cancel = GilFreeCancel(device)
        assert cancel.releases_gil  # python-sane's layout was recognised and checked
        started = time.monotonic()
        cancel()
        assert time.monotonic() - started >= 0.25  # it reached dfeed's sane_cancel
    finally:
        device.close()
        sane_runtime.release()
        ignore_sigpipe_again()


class _OtherLayout:
    """A python-sane whose device object is not the expected C struct."""

    def __init__(self) -> None:
        self.dev = object()
        self.cancelled = 0

    def cancel(self) -> None:
        self.cancelled += 1


def test_an_unknown_python_sane_layout_falls_back_to_its_own_cancel() -> None:
    device = _OtherLayout()
    cancel = GilFreeCancel(device)
    assert not cancel.releases_gil
    cancel()
    assert device.cancelled == 1
