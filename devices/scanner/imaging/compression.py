"""Compression to a size budget: the best JPEG quality that fits, shrinking only if none does."""

from __future__ import annotations

from dataclasses import dataclass

import cv2
import numpy as np
import numpy.typing as npt

MIN_QUALITY = 35
MAX_QUALITY = 92


class CompressionError(ValueError):
    """The image cannot be made to fit the budget at any usable quality and size."""


@dataclass(frozen=True)
class EncodedPage:
    """A JPEG and how it was made."""

    data: bytes
    quality: int
    width: int
    height: int


def _encode(image: npt.NDArray[np.uint8], quality: int) -> bytes:
    ok, buffer = cv2.imencode(".jpg", image, [cv2.IMWRITE_JPEG_QUALITY, quality])
    if not ok:
        raise CompressionError("the JPEG encoder refused the image")
    return bytes(buffer.tobytes())


def compress_to_budget(image: npt.NDArray[np.uint8], budget_bytes: int) -> EncodedPage:
    """The highest-quality JPEG of ``image`` no larger than ``budget_bytes`` (binary search).

    If even the lowest quality is too large the page is scaled down by steps of 0.8 — a smaller
    sharp page reads better than a blocky one.
    """
    if budget_bytes < 2_000:
        raise CompressionError(f"a budget of {budget_bytes} bytes is too small for a page")
    current = image
    for _ in range(8):
        low, high = MIN_QUALITY, MAX_QUALITY
        best: bytes | None = None
        best_quality = 0
        while low <= high:
            mid = (low + high) // 2
            data = _encode(current, mid)
            if len(data) <= budget_bytes:
                best, best_quality, low = data, mid, mid + 1
            else:
                high = mid - 1
        if best is not None:
            height, width = current.shape[:2]
            return EncodedPage(best, best_quality, width, height)
        smaller = cv2.resize(current, None, fx=0.8, fy=0.8, interpolation=cv2.INTER_AREA)
        current = np.asarray(smaller, dtype=np.uint8)
    raise CompressionError(f"the page does not fit in {budget_bytes} bytes")
