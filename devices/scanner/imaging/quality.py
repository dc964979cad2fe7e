"""Quality checks that name the problem: blurred, motion-blurred, glare, too dark, cut off, blank.

Sharpness is measured on the rectified page at its native resolution and per direction: the
ratio of the energy of 1-pixel differences to that of 4-pixel differences is about 1/4 across a
sharp edge and falls towards 1/16 across a blurred one, whatever the contrast. Motion blur
smears along one direction only, so the directions disagree; defocus lowers them all. The
variance of the Laplacian, by contrast, depends on resolution and content and misses motion blur.
"""

from __future__ import annotations

import enum
from dataclasses import dataclass, field

import cv2
import numpy as np
import numpy.typing as npt

from devices.scanner.imaging.geometry import Quad

SHARP_RATIO = 0.105  # below this in every direction: blurred
MOTION_ANISOTROPY = 0.8  # weakest direction blurred and this much below the strongest: motion
DARK_MEDIAN = 75
GLARE_LEVEL = 253  # on the smoothed page: clipped, not merely white paper
GLARE_MIN_FRACTION = 0.004
BLANK_INK_FRACTION = 0.0015
EDGE_MARGIN_FRACTION = 0.004


class QualityFlag(enum.Enum):
    """A problem with a captured page, named for the message the resident sees."""

    NO_PAGE = "no_page"
    CUT_OFF = "cut_off"
    BLURRED = "blurred"
    MOTION_BLURRED = "motion_blurred"
    GLARE = "glare"
    TOO_DARK = "too_dark"
    BLANK = "blank"


@dataclass(frozen=True)
class QualityReport:
    """The flags of one page and the measurements behind them."""

    flags: frozenset[QualityFlag]
    sharpness: dict[str, float] = field(default_factory=dict)
    median_brightness: float = 0.0
    glare_fraction: float = 0.0
    ink_fraction: float = 0.0

    @property
    def acceptable(self) -> bool:
        """No flag that calls for a retake (a blank page is flagged but kept)."""
        return not (self.flags - {QualityFlag.BLANK})

    def names(self) -> list[str]:
        """Flag names, sorted, for JSON output."""
        return sorted(flag.value for flag in self.flags)


def directional_sharpness(gray: npt.NDArray[np.uint8]) -> dict[str, float]:
    """Per direction (0°, 45°, 90°, 135°): energy of 1-px steps over energy of 4-px steps.

    Only pixels on edges count, so large plain areas (paper, noise) do not dilute it.
    """
    g = gray.astype(np.float32)
    result = {}
    for name, (dx, dy) in {"0": (1, 0), "45": (1, -1), "90": (0, 1), "135": (1, 1)}.items():
        near = _shifted_diff(g, dx, dy)
        far = _shifted_diff(g, 4 * dx, 4 * dy)
        size = min(near.shape[0], far.shape[0]), min(near.shape[1], far.shape[1])
        near, far = near[: size[0], : size[1]], far[: size[0], : size[1]]
        strong = far > max(12.0, float(np.percentile(far, 95)) * 0.5)
        if strong.sum() < 50:
            result[name] = float("nan")
            continue
        result[name] = float((near[strong] ** 2).sum() / max((far[strong] ** 2).sum(), 1e-6))
    return result


def _shifted_diff(g: npt.NDArray[np.float32], dx: int, dy: int) -> npt.NDArray[np.float32]:
    """|g(x + dx, y + dy) - g(x, y)| over the overlap (dx >= 0)."""
    height, width = g.shape
    if dy >= 0:
        a, b = g[0 : height - dy, 0 : width - dx], g[dy:height, dx:width]
    else:
        a, b = g[-dy:height, 0 : width - dx], g[0 : height + dy, dx:width]
    return np.asarray(np.abs(a - b), dtype=np.float32)


def check_quality(
    page: npt.NDArray[np.uint8] | None,
    quad: Quad | None = None,
    frame_size: tuple[int, int] | None = None,
) -> QualityReport:
    """Flags for a rectified ``page``; ``quad`` and ``frame_size`` (w, h) add the cut-off check."""
    if page is None:
        return QualityReport(frozenset({QualityFlag.NO_PAGE}))
    flags: set[QualityFlag] = set()
    if quad is not None and frame_size is not None and _touches_border(quad, frame_size):
        flags.add(QualityFlag.CUT_OFF)
    gray = np.asarray(cv2.cvtColor(page, cv2.COLOR_BGR2GRAY), dtype=np.uint8)
    median = float(np.median(gray))
    if median < DARK_MEDIAN:
        flags.add(QualityFlag.TOO_DARK)
    glare = _glare_fraction(page)
    if glare >= GLARE_MIN_FRACTION:
        flags.add(QualityFlag.GLARE)
    ink = _ink_fraction(gray)
    sharpness: dict[str, float] = {}
    if ink < BLANK_INK_FRACTION:
        flags.add(QualityFlag.BLANK)
    else:
        sharpness = directional_sharpness(gray)
        values = [v for v in sharpness.values() if v == v]
        if len(values) >= 3:
            strongest, weakest = max(values), min(values)
            if weakest < SHARP_RATIO and weakest / strongest < MOTION_ANISOTROPY:
                flags.add(QualityFlag.MOTION_BLURRED)
            elif strongest < SHARP_RATIO:
                flags.add(QualityFlag.BLURRED)
    return QualityReport(frozenset(flags), sharpness, median, glare, ink)


def _touches_border(quad: Quad, frame_size: tuple[int, int]) -> bool:
    width, height = frame_size
    margin = EDGE_MARGIN_FRACTION * min(width, height)
    points = quad.as_array()
    return bool(
        (points[:, 0] < margin).any()
        or (points[:, 1] < margin).any()
        or (points[:, 0] > width - 1 - margin).any()
        or (points[:, 1] > height - 1 - margin).any()
    )


def _glare_fraction(page: npt.NDArray[np.uint8]) -> float:
    """Share of the page in the largest blob of clipped white (a reflection, not paper)."""
    smooth = cv2.blur(np.asarray(page.min(axis=2), dtype=np.uint8), (5, 5))
    clipped = (smooth >= GLARE_LEVEL).astype(np.uint8)
    if not clipped.any():
        return 0.0
    count, _, stats, _ = cv2.connectedComponentsWithStats(clipped, connectivity=8)
    largest = int(stats[1:, cv2.CC_STAT_AREA].max()) if count > 1 else 0
    return largest / clipped.size


def _ink_fraction(gray: npt.NDArray[np.uint8]) -> float:
    """Share of pixels clearly darker than the paper around them (text, lines, photos)."""
    scale = min(1.0, 400 / max(gray.shape))
    small = cv2.resize(gray, None, fx=scale, fy=scale, interpolation=cv2.INTER_AREA)
    # The page's rim may hold a sliver of desk or the paper's edge shadow: not ink.
    rim_y, rim_x = max(1, small.shape[0] // 33), max(1, small.shape[1] // 33)
    small = small[rim_y:-rim_y, rim_x:-rim_x]
    background = cv2.medianBlur(small, 15)
    # Low enough for blurred or dim text still to count as ink, high above camera noise.
    ink = cv2.subtract(background, small) > max(12.0, 0.08 * float(np.median(small)))
    return float(ink.mean())
