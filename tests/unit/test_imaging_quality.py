"""Quality checks name the problem: blur, motion blur, glare, darkness, cut-off, blank."""

from __future__ import annotations

from pathlib import Path

import cv2
import numpy as np

from devices.scanner.imaging.geometry import Quad
from devices.scanner.imaging.perspective import rectify
from devices.scanner.imaging.quality import QualityFlag, check_quality
from tests.data.imaging.generate import Sample, render_document

ImagingSet = tuple[Path, list[Sample]]
CHECKED = {"blurred", "motion_blurred", "glare", "too_dark", "cut_off", "blank"}


def test_flags_match_what_was_done_to_each_frame(imaging_set: ImagingSet) -> None:
    directory, samples = imaging_set
    wrong = []
    for sample in samples:
        frame = cv2.imread(str(directory / sample.file))
        quad = Quad.from_array(sample.corners)
        report = check_quality(rectify(frame, quad), quad, (frame.shape[1], frame.shape[0]))
        if set(report.names()) & CHECKED != set(sample.expected_flags):
            wrong.append((sample.file, sample.effects, sample.expected_flags, report.names()))
    # Every effect appears several times in the set; allow one borderline case in twenty.
    assert len(wrong) <= len(samples) // 20, wrong


def _text_page() -> np.ndarray:
    page, _ = render_document("text", np.random.default_rng(5))
    return page


def test_a_clean_page_passes() -> None:
    report = check_quality(_text_page())
    assert report.flags == frozenset()
    assert report.acceptable


def test_motion_blur_is_told_apart_from_defocus() -> None:
    page = _text_page()
    kernel = np.zeros((21, 21), np.float32)
    kernel[10, :] = 1 / 21
    smeared = cv2.filter2D(page, -1, kernel)
    defocused = cv2.GaussianBlur(page, (0, 0), 3)
    assert check_quality(smeared).flags == {QualityFlag.MOTION_BLURRED}
    assert check_quality(defocused).flags == {QualityFlag.BLURRED}


def test_blank_page_is_flagged_but_still_acceptable() -> None:
    blank, _ = render_document("blank", np.random.default_rng(1))
    report = check_quality(blank)
    assert report.flags == {QualityFlag.BLANK}
    assert report.acceptable


def test_dark_page_and_glare_are_named() -> None:
    page = _text_page()
    dark = (page * 0.2).astype(np.uint8)
    assert QualityFlag.TOO_DARK in check_quality(dark).flags
    glared = page.copy()
    cv2.circle(glared, (400, 500), 120, (255, 255, 255), -1)
    assert QualityFlag.GLARE in check_quality(glared).flags


def test_page_touching_the_frame_edge_is_cut_off() -> None:
    page = _text_page()
    inside = Quad.from_array([[10, 10], [500, 10], [500, 700], [10, 700]])
    touching = Quad.from_array([[0, 10], [500, 10], [500, 700], [0, 700]])
    assert QualityFlag.CUT_OFF not in check_quality(page, inside, (1280, 720)).flags
    assert QualityFlag.CUT_OFF in check_quality(page, touching, (1280, 720)).flags
    assert check_quality(None).flags == {QualityFlag.NO_PAGE}
