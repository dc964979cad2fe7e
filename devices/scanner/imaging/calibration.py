"""The overhead camera's scale at the platen, measured once on a sheet of known size.

A4 and A5 have the same proportions, so a photo alone cannot tell them apart; a fixed document
camera sees the platen at one scale, and knowing it (millimetres per frame pixel) turns a
page's size in pixels into its real size. A technician lays a sheet of known paper (A4) on the
platen and runs ``kiosk imaging calibrate IMAGE --page a4`` on a frame of it.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import numpy.typing as npt

from devices.scanner.imaging.geometry import Quad
from devices.scanner.imaging.page_detection import detect_page
from devices.scanner.imaging.page_size import A4_MM, A5_MM, ID1_MM, PageSize

PAGE_MM: dict[PageSize, tuple[float, float]] = {
    PageSize.A4: A4_MM,
    PageSize.A5: A5_MM,
    PageSize.ID1: ID1_MM,
}
RATIO_TOLERANCE = 0.06  # the measured proportions may differ this much from the paper's
MIN_DETECTION_SCORE = 0.6  # a calibration sheet lies on a plain platen: its edges are clear


class CalibrationError(ValueError):
    """The image cannot calibrate the scale; the message says why, for the technician."""


@dataclass(frozen=True)
class ScaleCalibration:
    """The measured scale, and the sheet it was measured on (corners in image pixels)."""

    mm_per_pixel: float
    page: PageSize
    quad: Quad

    @property
    def pixels_per_mm(self) -> float:
        """The same scale the other way round, as the page-size check takes it."""
        return 1.0 / self.mm_per_pixel


def calibrate_scale(image: npt.NDArray[np.uint8], page: PageSize = PageSize.A4) -> ScaleCalibration:
    """The camera's millimetres per pixel from a frame showing one sheet of ``page`` paper.

    Both pairs of opposite sides are measured and each gives a scale; their mean is kept.
    Raises CalibrationError when no sheet is found clearly, or its proportions are not
    ``page``'s (another paper, or a sheet partly hidden).
    """
    if page not in PAGE_MM:
        raise CalibrationError(f"no known size for {page.value} paper")
    detection = detect_page(image)
    if detection is None or detection.score < MIN_DETECTION_SCORE:
        raise CalibrationError(
            "no sheet found clearly: lay one sheet flat on the empty platen, all of it in view"
        )
    width_px, height_px = detection.quad.side_lengths()
    long_px, short_px = max(width_px, height_px), min(width_px, height_px)
    long_mm, short_mm = sorted(PAGE_MM[page], reverse=True)
    ratio, expected = long_px / short_px, long_mm / short_mm
    if abs(ratio - expected) / expected > RATIO_TOLERANCE:
        raise CalibrationError(
            f"the sheet found is {ratio:.2f}:1, not {page.value} ({expected:.2f}:1): "
            "use one whole, uncovered sheet of that paper"
        )
    mm_per_pixel = (long_mm / long_px + short_mm / short_px) / 2
    return ScaleCalibration(mm_per_pixel, page, detection.quad)
