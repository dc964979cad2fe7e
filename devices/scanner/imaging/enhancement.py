"""Enhancement: shadows and uneven light removed, paper made white, optional black-and-white."""

from __future__ import annotations

import cv2
import numpy as np
import numpy.typing as npt

OBJECT_RATIO = 0.5  # darker than half the surrounding paper: a photo or picture, not a shadow


def estimate_background(image: npt.NDArray[np.uint8]) -> npt.NDArray[np.float32]:
    """The paper's colour at every pixel, with ink removed (closing, then a wide blur).

    Computed on a reduced copy: light varies slowly, and this keeps it fast on 300 dpi scans.
    """
    height, width = image.shape[:2]
    scale = min(1.0, 300 / max(height, width))
    small = cv2.resize(image, None, fx=scale, fy=scale, interpolation=cv2.INTER_AREA)
    # Closing (dilate then erode) with a kernel wider than a stroke replaces ink by paper.
    kernel = cv2.getStructuringElement(cv2.MORPH_ELLIPSE, (9, 9))
    paper = cv2.morphologyEx(small, cv2.MORPH_CLOSE, kernel).astype(np.float32)
    # A photo is wider than any kernel: where the closed image is far darker than the
    # brightest paper around it, it is an object to keep, not shade to remove.
    wide = max(15, max(small.shape[:2]) // 5) | 1
    around = cv2.GaussianBlur(
        cv2.dilate(paper, cv2.getStructuringElement(cv2.MORPH_RECT, (wide, wide))), (0, 0), wide / 4
    )
    dark = (paper.mean(axis=2) < OBJECT_RATIO * around.mean(axis=2))[:, :, None]
    paper = np.where(dark, around, paper).astype(np.float32)
    smooth = cv2.GaussianBlur(cv2.medianBlur(paper, 5), (0, 0), 3)
    full = cv2.resize(smooth, (width, height), interpolation=cv2.INTER_LINEAR)
    return np.maximum(full.astype(np.float32), 1.0)


def flatten_illumination(image: npt.NDArray[np.uint8]) -> npt.NDArray[np.uint8]:
    """Each channel divided by the paper's colour: shadows, gradients and colour casts go.

    Dividing per channel is also the white balance: the paper ends up neutral white.
    """
    background = estimate_background(image)
    ratio = image.astype(np.float32) / background
    # Slightly below 1 maps to white, so paper grain and noise do not stay as grey speckles.
    out = np.clip(ratio * (255.0 / 0.94), 0, 255)
    return np.asarray(out, dtype=np.uint8)


def to_black_and_white(image: npt.NDArray[np.uint8]) -> npt.NDArray[np.uint8]:
    """A text page as pure black on white (single channel), after illumination is flattened."""
    gray = cv2.cvtColor(image, cv2.COLOR_BGR2GRAY) if image.ndim == 3 else image
    _, bw = cv2.threshold(gray, 0, 255, cv2.THRESH_BINARY + cv2.THRESH_OTSU)
    return np.asarray(bw, dtype=np.uint8)


def is_text_page(image: npt.NDArray[np.uint8]) -> bool:
    """Whether a flattened page is black text on white: no colour, no photo-like grey areas.

    Strokes are thin, so grey left after an opening wider than a stroke is a photo or a
    picture; any noticeable colour (a red seal, a blue card) also keeps the page in colour.
    """
    scale = min(1.0, 800 / max(image.shape[:2]))
    small = cv2.resize(image, None, fx=scale, fy=scale, interpolation=cv2.INTER_AREA)
    hsv = cv2.cvtColor(small, cv2.COLOR_BGR2HSV)
    coloured = float(((hsv[:, :, 1] > 60) & (hsv[:, :, 2] > 60)).mean())
    value = hsv[:, :, 2]
    grey = ((value > 40) & (value < 200)).astype(np.uint8)
    kernel = cv2.getStructuringElement(cv2.MORPH_ELLIPSE, (9, 9))
    grey_areas = float(cv2.morphologyEx(grey, cv2.MORPH_OPEN, kernel).mean())
    return coloured < 0.01 and grey_areas < 0.005


def enhance(
    image: npt.NDArray[np.uint8], *, black_and_white: bool = False
) -> npt.NDArray[np.uint8]:
    """The page flattened and white-balanced; black-and-white if asked and it is a text page."""
    flat = flatten_illumination(image)
    if black_and_white and is_text_page(flat):
        bw = cv2.cvtColor(to_black_and_white(flat), cv2.COLOR_GRAY2BGR)
        return np.asarray(bw, dtype=np.uint8)
    return flat
