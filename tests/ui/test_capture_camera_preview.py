"""The capture screen's live preview: frame rate, the page outline, a UI thread that never blocks.

The camera is OpenCV reading a generated video (a document on a desk) at 30 frames per second.
The issue asks for 15 fps or more; the machine is shared by two cores and other test runs, so
the preview is required to paint at least 15 distinct frames per second over 2 s — the
issue's own floor, with the camera delivering twice that to leave room for scheduling noise.
"""

from __future__ import annotations

import time
from pathlib import Path

import numpy as np
from PySide6.QtCore import QElapsedTimer, QTimer

from tests.ui.capture_screen_fixture import capture_screen_fixture  # noqa: F401 (fixture)
from tests.ui.capture_videos import camera_on, document_frame, moving_video, still_video
from ui.widgets.camera_preview import OUTLINE_READY, OUTLINE_SEARCHING

MIN_FPS = 15.0
MAX_UI_GAP_MS = 150  # the UI thread stays responsive: a 10 ms timer is never late by more


def test_preview_paints_at_least_15_frames_per_second(qtbot, screen, tmp_path: Path) -> None:
    screen.begin("Household register", camera_on(moving_video(tmp_path / "moving.avi")))
    qtbot.waitUntil(lambda: screen.preview.frames_painted >= 3, timeout=5000)
    start_count, start = screen.preview.frames_painted, time.monotonic()
    qtbot.wait(2000)
    fps = (screen.preview.frames_painted - start_count) / (time.monotonic() - start)
    print(f"preview: {fps:.1f} frames per second")
    assert fps >= MIN_FPS, f"preview painted {fps:.1f} frames per second"


def test_the_detected_page_is_outlined_on_the_picture(qtbot, screen, tmp_path: Path) -> None:
    camera = camera_on(still_video(tmp_path / "still.avi"))
    camera.auto_capture = False  # keep looking at the live picture
    screen.begin("ID card", camera)
    qtbot.waitUntil(lambda: screen.preview.outline_painted, timeout=5000)
    picture = screen.preview.grab().toImage()
    _, corners = document_frame()
    target = screen.preview.image_rect()
    scale = target.width() / 960  # the preview frame is 960 px wide
    colours = {OUTLINE_READY.rgb(), OUTLINE_SEARCHING.rgb()}
    for x, y in corners:  # the outline passes through each true corner of the page
        px = round(target.x() + x * (960 / 1280) * scale)
        py = round(target.y() + y * (960 / 1280) * scale)
        near = [
            picture.pixelColor(px + dx, py + dy).rgb()
            for dx in range(-6, 7)
            for dy in range(-6, 7)
            if 0 <= px + dx < picture.width() and 0 <= py + dy < picture.height()
        ]
        assert colours & set(near), f"no outline near the page corner {(x, y)}"


def test_the_ui_thread_never_blocks_while_frames_are_processed(
    qtbot, screen, tmp_path: Path
) -> None:
    screen.begin("Household register", camera_on(still_video(tmp_path / "still.avi")))
    qtbot.waitUntil(lambda: screen.preview.frames_painted >= 3, timeout=5000)
    gaps: list[int] = []
    clock = QElapsedTimer()
    clock.start()
    timer = QTimer()
    timer.setInterval(10)
    timer.timeout.connect(lambda: gaps.append(clock.restart()))
    timer.start()
    qtbot.wait(2000)  # detection on every frame, and an automatic capture, meanwhile
    timer.stop()
    assert screen.pages, "the still page should have been captured during the measurement"
    assert len(gaps) > 50
    assert max(gaps) <= MAX_UI_GAP_MS, f"the UI thread stalled {max(gaps)} ms"
    assert np.percentile(gaps, 95) <= 40
