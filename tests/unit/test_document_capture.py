"""kiosk.document_capture: when auto-capture fires, the verdicts in words, the demo camera."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest

from config.schema import SimulatedScannerSettings
from devices.scanner.imaging.page_size import PageSize
from devices.scanner.imaging.pipeline import ProcessedPage
from devices.scanner.imaging.quality import QualityFlag, QualityReport
from kiosk.document_capture import (
    CameraCapture,
    ScanProblem,
    StillnessTracker,
    capture_settings,
    open_document_capture,
    scan_problem_text,
    verdict_of,
)

CORNERS = np.array([[100.0, 100.0], [500.0, 100.0], [500.0, 700.0], [100.0, 700.0]])


def _feed(tracker: StillnessTracker, frames: list[np.ndarray | None], fps: float = 25.0):
    return [tracker.update(c, i / fps) for i, c in enumerate(frames)]


def test_a_page_still_for_the_hold_time_is_due_once() -> None:
    tracker = StillnessTracker(hold_s=0.7, tolerance_px=4)
    jitter = np.random.default_rng(0).uniform(-1.5, 1.5, (40, 4, 2))
    results = _feed(tracker, [CORNERS + j for j in jitter])
    due = [i for i, (_hold, is_due) in enumerate(results) if is_due]
    assert len(due) == 1
    assert 0.68 <= due[0] / 25 <= 0.8
    assert results[5][0] < results[10][0] < 1.0  # the hold fills up meanwhile


def test_a_moving_page_is_never_due() -> None:
    tracker = StillnessTracker(hold_s=0.7, tolerance_px=4)
    frames = [CORNERS + np.array([i * 6.0, 0.0]) for i in range(60)]
    assert not any(due for _hold, due in _feed(tracker, frames))


def test_a_new_placement_is_due_again_after_the_page_was_taken_off() -> None:
    tracker = StillnessTracker(hold_s=0.2, tolerance_px=4)
    frames: list[np.ndarray | None] = [CORNERS] * 10 + [None] * 3 + [CORNERS + 50] * 10
    dues = [i for i, (_h, due) in enumerate(_feed(tracker, frames)) if due]
    assert len(dues) == 2 and dues[1] > 13


def test_a_disarmed_tracker_waits_until_the_page_moves_away() -> None:
    tracker = StillnessTracker(hold_s=0.2, tolerance_px=4)
    tracker.update(CORNERS, 0.0)  # the page is there; then it was taken by hand
    tracker.disarm()
    assert not any(due for _h, due in _feed(tracker, [CORNERS] * 20))
    tracker.arm()
    assert any(due for _h, due in _feed(tracker, [CORNERS] * 20))


def _processed(*flags: QualityFlag) -> ProcessedPage:
    report = QualityReport(frozenset(flags))
    return ProcessedPage(np.zeros((10, 10, 3), np.uint8), None, report, PageSize.A4)


def test_the_verdict_names_the_most_serious_problem_in_both_languages() -> None:
    verdict = verdict_of(_processed(QualityFlag.GLARE, QualityFlag.BLURRED))
    assert not verdict.acceptable
    assert verdict.message.en == "The picture is blurred: please retake."
    assert "重拍" in verdict.message.zh
    good = verdict_of(_processed())
    assert good.acceptable and "good to use" in good.message.en
    blank = verdict_of(_processed(QualityFlag.BLANK))
    assert blank.acceptable and "blank" in blank.message.en


@pytest.mark.parametrize("problem", list(ScanProblem))
def test_every_scan_problem_has_words_in_both_languages(problem: ScanProblem) -> None:
    text = scan_problem_text(problem)
    assert text.zh and text.en


def test_the_demo_scanner_is_a_live_camera_showing_a_sample_page(
    kiosk_settings, tmp_path: Path
) -> None:
    settings = capture_settings(kiosk_settings)
    assert isinstance(settings, SimulatedScannerSettings) and settings.source is None
    capture = open_document_capture(settings, tmp_path)
    assert isinstance(capture, CameraCapture)
    capture.start()
    try:
        found, after = 0, -1
        for _ in range(50):
            view = capture.next_view(after, timeout=2.0)
            assert view is not None, "the demo camera delivered no frame"
            after = view.frame.number
            found += view.corners is not None
            if found >= 3:
                break
        assert found >= 3, "the sample page was not detected in the demo video"
    finally:
        capture.close()


def test_no_scanner_configured_means_no_capture_device(settings_factory) -> None:
    assert capture_settings(settings_factory(devices__scanners=[])) is None
