"""The materials step with a capture device: Capture opens the capture screen, Done brings the
pages back to the material; the demo profile's simulated scanner is a live camera picture."""

from __future__ import annotations

from pathlib import Path

from kiosk.material_capture import sample_page
from kiosk.session import SessionKeeper
from tests.ui.event_loop import settle
from tests.ui.journey_driver import at, click, fill_hukou_transfer, start
from ui.main_window import MainWindow
from ui.router import ScreenName


def _window(qtbot, settings, clock) -> MainWindow:
    keeper = SessionKeeper(settings.ui, settings.session, clock=clock)
    main = MainWindow(settings, keeper=keeper, gesture_clock=clock, live_capture=True)
    qtbot.addWidget(main, before_close_func=lambda w: w.shutdown())
    main.setGeometry(0, 0, 1920, 1080)
    main.show()
    qtbot.waitExposed(main)
    settle()
    return main


def _to_materials(qtbot, main: MainWindow):
    start(main)
    fill_hukou_transfer(qtbot, main)
    click(qtbot, main.journey.form.next_button)
    assert at(main, ScreenName.MATERIALS)
    return next(
        row
        for row in main.journey.materials.rows.values()
        if row.capture_button.isVisible() and row.material.required
    )


def test_captured_pages_come_back_to_the_material(
    qtbot, settings_factory, clock, tmp_path: Path
) -> None:
    folder = tmp_path / "scans"
    folder.mkdir()
    sample_page("户口簿", 1, 1).save(folder / "a.png")
    settings = settings_factory(devices__scanners=[{"backend": "simulated", "source": str(folder)}])
    main = _window(qtbot, settings, clock)
    row = _to_materials(qtbot, main)
    click(qtbot, row.capture_button)
    qtbot.waitUntil(lambda: at(main, ScreenName.CAPTURE), timeout=5000)
    capture = main.journey.capture_screen
    assert row.material.name.zh in capture.heading.text()
    capture.scan_button.click()
    qtbot.waitUntil(lambda: len(capture.pages) == 1, timeout=5000)
    qtbot.waitUntil(lambda: capture.scan_worker is None, timeout=5000)
    page = capture.pages[0].page
    click(qtbot, capture.done_button)
    assert at(main, ScreenName.MATERIALS)
    assert row.page_count == 1
    assert main.journey.journey.pages(row.material.code) == [page]
    assert row.capture_button.isEnabled()


def test_leaving_the_capture_screen_releases_the_device_and_keeps_nothing(
    qtbot, settings_factory, clock
) -> None:
    # The demo profile's simulated scanner without a source: the generated demo video.
    main = _window(qtbot, settings_factory(), clock)
    row = _to_materials(qtbot, main)
    click(qtbot, row.capture_button)
    qtbot.waitUntil(lambda: at(main, ScreenName.CAPTURE), timeout=10000)
    capture = main.journey.capture_screen
    qtbot.waitUntil(lambda: capture.preview.frames_painted >= 3, timeout=5000)
    click(qtbot, capture.cancel_button)
    assert at(main, ScreenName.MATERIALS)
    assert capture.source is None and capture.preview_worker is None
    assert row.page_count == 0 and row.capture_button.isEnabled()
