"""Quadrilaterals: the page's four corners, ordered and measured."""

from __future__ import annotations

import math
from dataclasses import dataclass

import cv2
import numpy as np
import numpy.typing as npt

FloatArray = npt.NDArray[np.float64]


@dataclass(frozen=True)
class Quad:
    """Four corners in image pixels, ordered top-left, top-right, bottom-right, bottom-left."""

    points: tuple[tuple[float, float], ...]

    @classmethod
    def from_array(cls, array: npt.ArrayLike) -> Quad:
        """A quad from any 4×2 array of corners, reordered TL, TR, BR, BL."""
        return cls(tuple((float(x), float(y)) for x, y in order_corners(np.asarray(array))))

    def as_array(self) -> FloatArray:
        """The corners as a 4×2 float array (TL, TR, BR, BL)."""
        return np.array(self.points, dtype=np.float64)

    def area(self) -> float:
        """Area in square pixels (shoelace formula)."""
        return polygon_area(self.as_array())

    def side_lengths(self) -> tuple[float, float]:
        """Mean width and mean height of the quad in pixels."""
        p = self.as_array()
        width = (np.linalg.norm(p[1] - p[0]) + np.linalg.norm(p[2] - p[3])) / 2
        height = (np.linalg.norm(p[3] - p[0]) + np.linalg.norm(p[2] - p[1])) / 2
        return float(width), float(height)

    def scaled(self, factor: float) -> Quad:
        """The same quad in an image resized by ``factor``."""
        return Quad(tuple((x * factor, y * factor) for x, y in self.points))

    def to_list(self) -> list[list[float]]:
        """JSON-friendly corners, rounded to a tenth of a pixel."""
        return [[round(x, 1), round(y, 1)] for x, y in self.points]


def order_corners(points: npt.NDArray[np.generic]) -> FloatArray:
    """Order 4 points TL, TR, BR, BL around their centre, starting at the top-left one.

    Sorting by angle (not by x+y) keeps the order right for pages turned near 45°. Plain
    Python on four points: the detector calls this for every candidate, and numpy's per-call
    overhead was most of its cost.
    """
    p = [(float(x), float(y)) for x, y in np.asarray(points, dtype=np.float64).reshape(4, 2)]
    cx, cy = sum(x for x, _ in p) / 4, sum(y for _, y in p) / 4
    # Image y points down: increasing angle is clockwise.
    clockwise = sorted(p, key=lambda q: math.atan2(q[1] - cy, q[0] - cx))
    start = min(range(4), key=lambda i: clockwise[i][0] + clockwise[i][1])
    return np.array(clockwise[start:] + clockwise[:start], dtype=np.float64)


def polygon_area(points: FloatArray) -> float:
    """Absolute area of a simple polygon (shoelace; plain Python: polygons here are small)."""
    p = np.asarray(points, dtype=np.float64).reshape(-1, 2).tolist()
    twice = sum(x0 * y1 - y0 * x1 for (x0, y0), (x1, y1) in zip(p, p[1:] + p[:1], strict=True))
    return abs(twice) / 2


def is_convex(points: FloatArray) -> bool:
    """Whether the closed polygon turns the same way at every corner."""
    return bool(cv2.isContourConvex(points.astype(np.float32).reshape(-1, 1, 2)))


def line_intersection(a: FloatArray, b: FloatArray) -> FloatArray | None:
    """Intersection of two lines given as (vx, vy, x0, y0); None if (nearly) parallel."""
    va, pa, vb, pb = a[:2], a[2:], b[:2], b[2:]
    det = va[0] * -vb[1] - va[1] * -vb[0]
    if abs(det) < 1e-9:
        return None
    diff = pb - pa
    t = (diff[0] * -vb[1] - diff[1] * -vb[0]) / det
    return np.asarray(pa + t * va, dtype=np.float64)
