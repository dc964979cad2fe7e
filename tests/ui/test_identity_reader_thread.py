"""The card reader never blocks the UI thread: its waits and its start-up run on the worker."""

from __future__ import annotations

import itertools
import queue
import threading
import time

from PySide6.QtCore import QTimer

from devices.cardreader.events import ReaderEvent, ReaderEventKind
from tests.ui.identity_window import identity_screen, open_window
from ui.screens.identity_screen import IdentifyState


class SlowStartingReader:
    """A reader whose start-up takes 1.5 s (a serial port opening, a slow pcscd)."""

    def __init__(self) -> None:
        self.events: queue.Queue[ReaderEvent] = queue.Queue()
        self.started_on: str | None = None

    def start(self) -> None:
        self.started_on = threading.current_thread().name
        time.sleep(1.5)
        self.events.put(ReaderEvent(ReaderEventKind.READER_ADDED, "slow"))

    def stop(self) -> None:
        pass


def test_ui_keeps_ticking_while_the_reader_starts_and_waits(qtbot, kiosk_settings):
    ticks: list[float] = []
    timer = QTimer()
    timer.setInterval(20)
    timer.timeout.connect(lambda: ticks.append(time.monotonic()))
    timer.start()
    reader = SlowStartingReader()
    window = open_window(qtbot, kiosk_settings, [reader])
    screen = identity_screen(window)
    qtbot.waitUntil(lambda: screen.state() is IdentifyState.WAITING, timeout=5000)
    qtbot.wait(500)  # the worker now blocks on the empty event queue
    timer.stop()
    assert reader.started_on != threading.main_thread().name
    gaps = [later - earlier for earlier, later in itertools.pairwise(ticks)]
    assert len(ticks) > 30, f"only {len(ticks)} ticks in 2 s"
    # Generous for a loaded CI machine; a blocked UI thread would stall for the whole 1.5 s.
    assert max(gaps) < 0.75, f"the UI thread stalled for {max(gaps):.2f} s"
    started = time.monotonic()
    window.shutdown()
    assert time.monotonic() - started < 2.0, "stopping the reader worker must be prompt"
    assert not window.identity_flow.bridge.is_running()
