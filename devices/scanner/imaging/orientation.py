"""Orientation: turning a page by quarter turns so its text lines run horizontally, top up.

Limits: horizontal versus vertical lines is decided reliably by projection profiles (text
lines make the row profile of a correctly turned page strongly periodic). Up versus down is a
heuristic — Chinese glyphs have no ascenders to tell — using how text lines are set: they start
flush left and end ragged right. When that does not decide (a framed page, a centred layout, a
table) the page is left as it is, since turning a right-way-up page over is the worse mistake;
a card is never turned upside down (its layout varies too much).
"""

from __future__ import annotations

import cv2
import numpy as np
import numpy.typing as npt

MIN_INK_FRACTION = 0.003


def _ink(image: npt.NDArray[np.uint8]) -> npt.NDArray[np.uint8]:
    gray = cv2.cvtColor(image, cv2.COLOR_BGR2GRAY) if image.ndim == 3 else image
    scale = min(1.0, 500 / max(gray.shape))
    small = cv2.resize(gray, None, fx=scale, fy=scale, interpolation=cv2.INTER_AREA)
    ink = cv2.adaptiveThreshold(small, 1, cv2.ADAPTIVE_THRESH_MEAN_C, cv2.THRESH_BINARY_INV, 21, 15)
    return np.asarray(ink, dtype=np.uint8)


def _line_score(ink: npt.NDArray[np.uint8]) -> float:
    """How strongly the rows alternate between ink and gaps (normalised row-profile variance)."""
    rows = ink.sum(axis=1).astype(np.float64)
    mean = float(rows.mean())
    return float(rows.std() / mean) if mean > 0 else 0.0


def quarter_turns(image: npt.NDArray[np.uint8], *, allow_upside_down: bool = True) -> int:
    """Clockwise quarter turns (0-3) that make the page's text upright."""
    ink = _ink(image)
    if ink.mean() < MIN_INK_FRACTION:
        return 0
    horizontal = _line_score(ink) >= _line_score(np.ascontiguousarray(ink.T))
    turns = 0 if horizontal else 1
    if turns:
        ink = np.ascontiguousarray(np.rot90(ink, -1))
    if allow_upside_down and _looks_upside_down(ink):
        turns += 2
    return turns % 4


def _looks_upside_down(ink: npt.NDArray[np.uint8]) -> bool:
    width = ink.shape[1]
    rows_with_ink = np.nonzero(ink.sum(axis=1) > 0.01 * width)[0]
    if len(rows_with_ink) < 10:
        return False
    # Where lines start and end: flush left means many lines start at the same column.
    starts, ends = [], []
    for row in ink[rows_with_ink]:
        columns = np.nonzero(row)[0]
        starts.append(columns[0])
        ends.append(columns[-1])
    # Lines start flush left and end ragged right; upside down it is the other way round. The
    # ink's weight is no cue: Chinese official documents carry their red seal at the bottom.
    left_ragged = float(np.std(starts))
    right_ragged = float(np.std(ends))
    return right_ragged + 2 < left_ragged


def make_upright(
    image: npt.NDArray[np.uint8], *, allow_upside_down: bool = True
) -> npt.NDArray[np.uint8]:
    """The page turned by ``quarter_turns``."""
    turns = quarter_turns(image, allow_upside_down=allow_upside_down)
    return np.ascontiguousarray(np.rot90(image, -turns)) if turns else image
