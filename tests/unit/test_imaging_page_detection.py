"""Page detection on the generated ground-truthed set, scored the SmartDoc 2015 way."""

from __future__ import annotations

import statistics
from pathlib import Path

import cv2
import numpy as np
import pytest

from benchmarks.page_detection import baseline_detector, jaccard
from devices.scanner.imaging.geometry import Quad, order_corners
from devices.scanner.imaging.page_detection import detect_page
from tests.data.imaging.generate import Sample

ImagingSet = tuple[Path, list[Sample]]


@pytest.fixture(scope="module")
def scores(imaging_set: ImagingSet) -> dict[str, list[tuple[Sample, float, float]]]:
    """(sample, our Jaccard, baseline Jaccard) per desk kind, cut-off pages left out."""
    directory, samples = imaging_set
    by_desk: dict[str, list[tuple[Sample, float, float]]] = {}
    for sample in samples:
        if "cut_off" in sample.effects:
            continue
        frame = cv2.imread(str(directory / sample.file))
        found = detect_page(frame)
        ours = jaccard(sample, None if found is None else found.quad.as_array())
        base = jaccard(sample, baseline_detector(frame))
        by_desk.setdefault(sample.background, []).append((sample, ours, base))
        by_desk.setdefault("all", []).append((sample, ours, base))
    return by_desk


def test_pages_are_found_accurately_on_every_desk(
    scores: dict[str, list[tuple[Sample, float, float]]],
) -> None:
    overall = statistics.mean(ours for _, ours, _ in scores["all"])
    assert overall >= 0.95, f"mean Jaccard {overall:.3f}"
    for desk in ("wood", "fabric", "dark", "light"):
        mean = statistics.mean(ours for _, ours, _ in scores[desk])
        assert mean >= 0.88, f"{desk}: mean Jaccard {mean:.3f}"


def test_low_contrast_desks_beat_the_classic_detector(
    scores: dict[str, list[tuple[Sample, float, float]]],
) -> None:
    ours = statistics.mean(o for _, o, _ in scores["low_contrast"])
    base = statistics.mean(b for _, _, b in scores["low_contrast"])
    assert ours >= 0.85, f"low contrast: mean Jaccard {ours:.3f}"
    assert ours > base + 0.3, f"ours {ours:.3f} vs baseline {base:.3f}"


def test_id_cards_are_found_with_their_rounded_corners(
    scores: dict[str, list[tuple[Sample, float, float]]],
) -> None:
    cards = [ours for sample, ours, _ in scores["all"] if sample.kind.startswith("id_")]
    assert cards, "the set holds ID cards"
    assert statistics.median(cards) >= 0.95


def test_corners_come_top_left_clockwise_even_at_45_degrees() -> None:
    diamond = np.array([[100, 0], [200, 100], [100, 200], [0, 100]], float)
    rotated = np.roll(diamond, 2, axis=0)
    ordered = order_corners(rotated)
    assert [tuple(p) for p in ordered] == [tuple(p) for p in order_corners(diamond)]
    quad = Quad.from_array([[10, 90], [10, 10], [90, 10], [90, 90]])
    assert quad.points == ((10, 10), (90, 10), (90, 90), (10, 90))


def test_a_plain_desk_has_no_page() -> None:
    rng = np.random.default_rng(1)
    desk = np.clip(rng.normal(120, 3, (720, 1280, 3)), 0, 255).astype(np.uint8)
    assert detect_page(desk) is None
