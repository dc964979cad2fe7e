"""Perspective correction: the page cut out of the frame and made rectangular."""

from __future__ import annotations

import cv2
import numpy as np
import numpy.typing as npt

from devices.scanner.imaging.geometry import Quad


def rectify(image: npt.NDArray[np.uint8], quad: Quad) -> npt.NDArray[np.uint8]:
    """The page inside ``quad`` warped to a rectangle at the resolution it had in the frame.

    The output keeps the page's pixel size (no upsampling), so sharpness measured on it is
    comparable between a page close to the camera and one far from it.
    """
    width, height = quad.side_lengths()
    out_w, out_h = max(8, round(width)), max(8, round(height))
    target = np.array([[0, 0], [out_w - 1, 0], [out_w - 1, out_h - 1], [0, out_h - 1]], np.float32)
    homography = cv2.getPerspectiveTransform(quad.as_array().astype(np.float32), target)
    warped = cv2.warpPerspective(
        image, homography, (out_w, out_h), flags=cv2.INTER_LINEAR, borderMode=cv2.BORDER_REPLICATE
    )
    return np.asarray(warped, dtype=np.uint8)


def crop_margin(image: npt.NDArray[np.uint8], fraction: float = 0.004) -> npt.NDArray[np.uint8]:
    """The page without a thin rim, where desk pixels can remain after warping."""
    height, width = image.shape[:2]
    dy, dx = max(1, round(height * fraction)), max(1, round(width * fraction))
    return np.ascontiguousarray(image[dy : height - dy, dx : width - dx])
