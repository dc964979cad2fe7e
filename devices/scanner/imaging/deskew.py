"""Deskew: a scanned page laid slightly askew on the glass, turned level by its text lines."""

from __future__ import annotations

import cv2
import numpy as np
import numpy.typing as npt

MAX_SKEW_DEG = 8.0
STEP_DEG = 0.25


def estimate_skew(image: npt.NDArray[np.uint8]) -> float:
    """The small angle (degrees, counter-clockwise positive) that levels the text lines; 0 if none.

    Rotating the ink mask and keeping the angle with the sharpest row profile (highest variance
    of row sums) is the classic projection-profile method; it needs a few lines of text.
    """
    gray = cv2.cvtColor(image, cv2.COLOR_BGR2GRAY) if image.ndim == 3 else image
    scale = min(1.0, 600 / max(gray.shape))
    small = cv2.resize(gray, None, fx=scale, fy=scale, interpolation=cv2.INTER_AREA)
    ink = cv2.adaptiveThreshold(
        small, 255, cv2.ADAPTIVE_THRESH_MEAN_C, cv2.THRESH_BINARY_INV, 25, 15
    )
    if cv2.countNonZero(ink) < 0.002 * ink.size:
        return 0.0
    height, width = ink.shape
    centre = (width / 2, height / 2)
    best_angle, best_score = 0.0, -1.0
    for angle in np.arange(-MAX_SKEW_DEG, MAX_SKEW_DEG + STEP_DEG / 2, STEP_DEG):
        rotation = cv2.getRotationMatrix2D(centre, float(angle), 1.0)
        turned = cv2.warpAffine(ink, rotation, (width, height), flags=cv2.INTER_NEAREST)
        score = float(np.var(cv2.reduce(turned, 1, cv2.REDUCE_SUM, dtype=cv2.CV_32F)))
        if score > best_score:
            best_angle, best_score = float(angle), score
    return best_angle


def deskew(image: npt.NDArray[np.uint8]) -> npt.NDArray[np.uint8]:
    """The page rotated by its estimated skew, borders filled with the page's own edge colour."""
    angle = estimate_skew(image)
    if abs(angle) < STEP_DEG:
        return image
    height, width = image.shape[:2]
    rotation = cv2.getRotationMatrix2D((width / 2, height / 2), angle, 1.0)
    turned = cv2.warpAffine(
        image, rotation, (width, height), flags=cv2.INTER_LINEAR, borderMode=cv2.BORDER_REPLICATE
    )
    return np.asarray(turned, dtype=np.uint8)
