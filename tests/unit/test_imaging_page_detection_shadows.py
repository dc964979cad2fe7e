"""Pages a soft shadow joins to the lit desk, or cuts in two, are still found whole."""

from __future__ import annotations

import cv2
import numpy as np
import pytest

from benchmarks.page_detection import jaccard
from devices.scanner.imaging.geometry import order_corners
from devices.scanner.imaging.line_quads import line_quads
from devices.scanner.imaging.page_detection import detect_page
from tests.data.imaging.generate import compose_frame

# Frames of independent draws (not the set the detector was tuned on) where a shadow's rim
# joined the page to the desk or split it, and the region masks alone found none or a part.
SHADOWED = [(66, 2016, "shadow"), (92, 2016, "shadow"), (70, 2016, "shadow+finger")]


@pytest.mark.parametrize(("index", "seed", "effects"), SHADOWED)
def test_a_shadowed_page_is_found_whole(index: int, seed: int, effects: str) -> None:
    frame, sample = compose_frame(index, seed, effects=effects.split("+"))
    found = detect_page(frame)
    assert found is not None
    assert jaccard(sample, found.quad.as_array()) >= 0.95


def test_straight_edges_outline_a_card_under_a_soft_shadow() -> None:
    lightness = np.full((270, 480), 200, np.uint8)
    card = np.array([[150, 60], [330, 80], [320, 200], [140, 180]], np.int32)
    cv2.fillConvexPoly(lightness, card, 240)
    # A soft shadow over the left half of the frame, card included.
    ramp = np.clip((np.arange(480) - 220) / 40.0, 0, 1) * 0.4 + 0.6
    shaded = (lightness * ramp[None, :]).astype(np.uint8)
    quads = line_quads(shaded, 0.02 * shaded.size)
    assert len(quads)
    error = [np.abs(order_corners(q) - order_corners(card)).max() for q in quads]
    assert min(error) <= 3.0
