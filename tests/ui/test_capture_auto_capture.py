"""Automatic capture: a still, sharp page is taken by itself; a moving or blurred one is not."""

from __future__ import annotations

from pathlib import Path

from tests.ui.capture_screen_fixture import capture_screen_fixture  # noqa: F401 (fixture)
from tests.ui.capture_videos import BLURRED_PAGE, camera_on, moving_video, still_video


def test_a_still_sharp_page_is_captured_by_itself(qtbot, screen, tmp_path: Path) -> None:
    screen.begin("Household register", camera_on(still_video(tmp_path / "still.avi")))
    qtbot.waitUntil(lambda: len(screen.pages) == 1, timeout=6000)
    page = screen.pages[0]
    assert page.verdict.acceptable
    assert screen.verdict.text() == "Clear and complete: good to use."
    assert len(screen.thumb_buttons) == 1
    assert not screen.page_view.pixmap().isNull()
    # One placement gives one page: the page lying on gives no second capture.
    qtbot.wait(1500)
    assert len(screen.pages) == 1


def test_a_moving_page_is_not_captured(qtbot, screen, tmp_path: Path) -> None:
    screen.begin("Household register", camera_on(moving_video(tmp_path / "moving.avi")))
    qtbot.waitUntil(lambda: screen.preview.frames_painted >= 10, timeout=5000)
    qtbot.wait(2500)  # more than three times the 0.7 s hold
    assert screen.preview.frames_painted >= 40, "the preview should have kept running"
    assert screen.pages == []


def test_a_blurred_still_page_is_not_kept_and_the_reason_is_shown(
    qtbot, screen, tmp_path: Path
) -> None:
    video = still_video(tmp_path / "blurred.avi", index=BLURRED_PAGE)
    screen.begin("Household register", camera_on(video))
    qtbot.waitUntil(lambda: screen.message.isVisible(), timeout=6000)
    assert "retake" in screen.message.text().lower()
    assert screen.pages == []


def test_take_picture_captures_even_while_the_page_moves(qtbot, screen, tmp_path: Path) -> None:
    screen.begin("Household register", camera_on(moving_video(tmp_path / "moving.avi")))
    qtbot.waitUntil(lambda: screen.preview.frames_painted >= 3, timeout=5000)
    assert screen.capture_button.isVisible()
    screen.capture_button.click()
    qtbot.waitUntil(lambda: len(screen.pages) == 1, timeout=5000)
    assert screen.verdict.text()  # the verdict is shown, whatever it is
