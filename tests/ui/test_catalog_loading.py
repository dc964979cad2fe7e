"""Opening the catalog never blocks the UI thread: a timer keeps ticking while it loads; an
updated catalog is picked up between residents."""

from __future__ import annotations

import time

from PySide6.QtCore import QTimer

from kiosk.catalog_store_reader import catalog_store_path, open_catalog
from kiosk.session import EndReason
from offline_cache.catalog_store import CatalogStore
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


def test_a_catalog_the_sync_service_updated_is_picked_up_between_residents(
    qtbot, window, kiosk_settings
):
    window.router.go(ScreenName.GUIDE)
    with qtbot.waitSignal(window.catalog.source.ready, timeout=30000):
        pass
    loaded = window.catalog.source.reader()
    store = CatalogStore(catalog_store_path(kiosk_settings))  # as the sync service would
    renamed = store.guide(store.service_rows()[0].code)
    renamed["name"] = "绵阳市测试更新事项登记"
    delta = {
        "format": "onewindow-catalog-delta",
        "format_version": 1,
        "base_version": loaded.version,
        "catalog_version": loaded.version + 1,
        "services": [renamed],
        "removed": [],
    }
    assert store.apply_update(delta, '"v-next"').accepted
    assert window.catalog.source.reader() is loaded  # nothing changes under a resident
    with qtbot.waitSignal(window.catalog.source.ready, timeout=30000):
        window.end_session(EndReason.FINISHED)
    fresh = window.catalog.source.reader()
    assert fresh.version == loaded.version + 1
    assert fresh.search("测试更新事项")[0].code == renamed["code"]
