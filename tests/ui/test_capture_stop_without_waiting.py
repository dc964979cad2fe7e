"""Leaving the capture screen never waits on the UI thread for the device to stop.

A camera's grab thread takes a moment to end and a scanner answers a cancel only when it can;
the screen hands the release to its worker and returns at once. The device is still released
(and a new capture waits for that), no QThread is destroyed while running, and nothing a
stopped worker delivers late reaches the screen.
"""

from __future__ import annotations

import gc
import threading
import time
from pathlib import Path

import numpy as np
import pytest

from config.schema import Language, SaneScannerSettings
from devices.scanner.base import CameraState, Frame
from kiosk.document_capture import (
    DEVICE_RELEASES,
    CameraCapture,
    ScannerCapture,
    desk,
    open_document_capture,
)
from tests.ui.capture_screen_fixture import capture_screen_fixture  # noqa: F401 (fixture)
from ui.capture.retiring_worker import retiring_count
from ui.screens.capture_screen import CaptureScreen

STOP_TAKES_S = 0.5  # how long the slow camera's stop() blocks (a real one: ~0.4 s)
UI_BUDGET_S = 0.1  # what stop() may take on the UI thread


class SlowStoppingCamera:
    """A camera showing a plain desk whose ``stop`` blocks like a real grab thread ending."""

    def __init__(self) -> None:
        self._frame_number = 0
        self.frames_given = 0
        self._image = desk((640, 360))
        self.stopped = threading.Event()
        self.stop_threads: list[str] = []

    @property
    def state(self) -> CameraState:
        return CameraState.STOPPED if self.stopped.is_set() else CameraState.STREAMING

    def start(self) -> None:
        """Nothing to start."""

    def latest(self) -> Frame | None:
        return Frame(self._image, self._frame_number, time.monotonic())

    def wait_for_frame(self, after: int = -1, timeout: float = 1.0) -> Frame | None:
        time.sleep(0.03)
        self._frame_number += 1
        self.frames_given += 1
        return Frame(np.ascontiguousarray(self._image), self._frame_number, time.monotonic())

    def stop(self) -> None:
        self.stop_threads.append(threading.current_thread().name)
        if not self.stopped.is_set():
            time.sleep(STOP_TAKES_S)
            self.stopped.set()


def _timed_stop(screen: CaptureScreen) -> float:
    started = time.perf_counter()
    screen.stop()
    return time.perf_counter() - started


def test_stopping_the_camera_returns_at_once_and_releases_it_off_the_ui_thread(
    qtbot, screen: CaptureScreen, qtlog
) -> None:
    camera = SlowStoppingCamera()
    screen.begin("ID card", CameraCapture(camera))
    qtbot.waitUntil(lambda: screen.preview.frames_painted >= 2, timeout=5000)
    assert _timed_stop(screen) < UI_BUDGET_S
    assert not camera.stopped.is_set()  # still stopping, on the worker's thread
    assert not DEVICE_RELEASES.wait_idle(0)  # a new capture would wait for it
    qtbot.waitUntil(camera.stopped.is_set, timeout=3000)
    qtbot.waitUntil(lambda: retiring_count() == 0 and DEVICE_RELEASES.wait_idle(0), timeout=3000)
    assert threading.main_thread().name not in camera.stop_threads
    assert not [r for r in qtlog.records if "Destroyed while thread" in r.message]


def test_done_hands_the_pages_over_without_waiting(qtbot, screen: CaptureScreen) -> None:
    camera = SlowStoppingCamera()
    screen.begin("ID card", CameraCapture(camera))
    qtbot.waitUntil(lambda: screen.preview.frames_painted >= 1, timeout=5000)
    handed: list[list[object]] = []
    screen.done.connect(handed.append)
    started = time.perf_counter()
    screen.done_button.click()
    assert time.perf_counter() - started < UI_BUDGET_S
    assert handed == [[]]
    qtbot.waitUntil(lambda: retiring_count() == 0 and DEVICE_RELEASES.wait_idle(0), timeout=3000)


def test_a_screen_destroyed_while_its_camera_stops_leaves_no_running_thread_behind(
    qtbot, qtlog
) -> None:
    widget = CaptureScreen(lambda: Language.EN)
    camera = SlowStoppingCamera()
    widget.begin("ID card", CameraCapture(camera))
    qtbot.waitUntil(lambda: camera.frames_given >= 2, timeout=5000)  # the preview is running
    widget.stop()
    widget.deleteLater()
    del widget
    gc.collect()
    qtbot.waitUntil(camera.stopped.is_set, timeout=3000)
    qtbot.waitUntil(lambda: retiring_count() == 0 and DEVICE_RELEASES.wait_idle(0), timeout=3000)
    gc.collect()
    qtbot.wait(50)
    assert not [r for r in qtlog.records if "Destroyed while thread" in r.message]


def test_opening_a_device_waits_for_the_previous_one_to_be_released(
    qtbot, screen: CaptureScreen
) -> None:
    camera = SlowStoppingCamera()
    screen.begin("ID card", CameraCapture(camera))
    qtbot.waitUntil(lambda: screen.preview.frames_painted >= 1, timeout=5000)
    screen.stop()
    opened_after_release: list[bool] = []

    def reopen() -> None:
        # What open_document_capture does first, on its pool thread.
        DEVICE_RELEASES.wait_idle(5.0)
        opened_after_release.append(camera.stopped.is_set())

    thread = threading.Thread(target=reopen)
    thread.start()
    qtbot.waitUntil(lambda: bool(opened_after_release), timeout=5000)
    thread.join()
    assert opened_after_release == [True]


@pytest.mark.stack
def test_leaving_during_a_slow_scan_returns_at_once_and_drops_its_pages(
    qtbot, screen: CaptureScreen, sane_config_dir: Path
) -> None:
    settings = SaneScannerSettings(backend="sane", device="test:0", resolution_dpi=300)
    source = open_document_capture(settings)
    assert isinstance(source, ScannerCapture)
    for option, value in (
        ("read-limit", True),
        ("read-limit-size", 32768),
        ("read-delay", True),
        ("read-delay-duration", 20000),
    ):
        source.scanner.set_option(option, value)  # type: ignore[attr-defined]
    screen.begin("Household register", source)
    screen.scan_button.click()
    qtbot.wait(150)
    assert _timed_stop(screen) < UI_BUDGET_S
    qtbot.waitUntil(lambda: retiring_count() == 0 and DEVICE_RELEASES.wait_idle(0), timeout=5000)
    qtbot.wait(50)
    assert screen.pages == [] and screen.thumb_buttons == []
    # The scanner was closed: the same device opens again at once.
    again = open_document_capture(settings)
    again.close()
