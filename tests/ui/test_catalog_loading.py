"""Opening the catalog never blocks the UI thread: a timer keeps ticking while it loads."""

from __future__ import annotations

import time

from PySide6.QtCore import QTimer

from kiosk.catalog_store_reader import open_catalog
from ui.router import ScreenName

TICK_MS = 10


def test_the_ui_thread_keeps_ticking_while_the_catalog_loads(qtbot, window, kiosk_settings):
    open_catalog(kiosk_settings)  # seed the store first: what is timed is every start-up's load
    ticks: list[float] = []
    timer = QTimer()
    timer.setInterval(TICK_MS)
    timer.timeout.connect(lambda: ticks.append(time.monotonic()))
    timer.start()
    started = time.monotonic()
    window.router.go(ScreenName.GUIDE)  # entering the search screen starts the load
    assert window.catalog.source.is_loading()
    assert window.catalog.search.status.text() == "正在载入服务事项…"
    with qtbot.waitSignal(window.catalog.source.ready, timeout=30000):
        pass
    took = time.monotonic() - started
    timer.stop()
    gaps = [b - a for a, b in zip([started, *ticks], ticks, strict=False)]
    # Loading on the UI thread would show as one gap as long as the whole load.
    assert len(ticks) >= 10
    assert max(gaps) < took / 2
    assert window.catalog.source.reader() is not None
    assert not window.catalog.search.status.isVisible()
