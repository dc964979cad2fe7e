"""Glare rims, shadow rims and a finger on a light desk do not bend the page's outline.

Each frame is one the detector used to get wrong (corners more than 40 px off in a 1080p
frame, Jaccard 0.58-0.91), drawn from independent draws of the generated set with the defect
named; its corners must now be found within a few pixels.
"""

from __future__ import annotations

import numpy as np
import pytest

from benchmarks.page_detection import jaccard
from devices.scanner.imaging.geometry import order_corners
from devices.scanner.imaging.page_detection import detect_page
from tests.data.imaging.generate import compose_frame

CORNER_TOLERANCE_PX = 4.0  # one pixel of the image the page is first found in


def _corner_error(index: int, seed: int, effects: str) -> tuple[float, float]:
    """(worst corner error in frame pixels, Jaccard) of the detection on a generated frame."""
    frame, sample = compose_frame(index, seed, effects=effects.split("+"))
    found = detect_page(frame)
    assert found is not None, "no page found"
    quad = found.quad.as_array()
    error = np.abs(order_corners(quad) - order_corners(np.array(sample.corners))).max()
    return float(error), jaccard(sample, quad)


# A glare spot clipped to white next to a side: its sharp rim ran near the side and was taken
# for it (ID cards on light and low-contrast desks, an A5 page on fabric).
GLARE = [(146, 2015), (132, 2016), (34, 2015), (117, 2015)]


@pytest.mark.parametrize(("index", "seed"), GLARE)
def test_a_glare_rim_along_an_edge_is_not_taken_for_a_side(index: int, seed: int) -> None:
    error, score = _corner_error(index, seed, "glare")
    assert error <= CORNER_TOLERANCE_PX, f"corner {error:.1f} px off (Jaccard {score:.3f})"


def test_a_shadow_rim_and_a_finger_on_a_light_desk_do_not_cut_the_page() -> None:
    # The soft rim of the shadow crossed the page near its lower side, where the finger is;
    # the rim was taken for the lower side, 30 px inside the page.
    error, score = _corner_error(30, 2016, "shadow+finger")
    assert error <= CORNER_TOLERANCE_PX, f"corner {error:.1f} px off (Jaccard {score:.3f})"


def test_a_wedge_between_a_shadow_rim_and_two_sides_is_not_a_page() -> None:
    # Two sides of the lit part of the page, the shadow's rim and a sliver of a fourth line
    # made a well-supported quad with a 6 px side and a 30° corner.
    error, score = _corner_error(145, 2017, "shadow")
    assert error <= CORNER_TOLERANCE_PX, f"corner {error:.1f} px off (Jaccard {score:.3f})"


# The capture screen's motion-blurred form on fabric (tests/ui/capture_videos.py, index 6 of
# seed 7 at 1280 × 720). Every edge across the motion is a soft ramp there, like a shadow's
# rim: discounting soft ramps as such found a strip of the form (x 736-897 of a page spanning
# 452-977) instead of the page, and the auto-capture test never saw the page.
BLURRED_FORM = (6, 7, (1280, 720))
BLUR_TOLERANCE_PX = 10.0  # the ramps are ~16 px wide: a side may sit on their outer half


def test_a_motion_blurred_page_is_found_whole() -> None:
    index, seed, size = BLURRED_FORM
    frame, sample = compose_frame(index, seed, size)
    truth = order_corners(np.array(sample.corners))
    rng = np.random.default_rng(1)
    for _ in range(6):  # with sensor noise, as the camera sees it frame after frame
        noise = rng.integers(-3, 4, frame.shape, dtype=np.int16)
        noisy = np.clip(frame.astype(np.int16) + noise, 0, 255).astype(np.uint8)
        detection = detect_page(noisy)
        assert detection is not None, "no page found"
        error = float(np.abs(order_corners(detection.quad.as_array()) - truth).max())
        assert error <= BLUR_TOLERANCE_PX, f"corner {error:.1f} px off"
