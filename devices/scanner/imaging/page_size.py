"""Page-size recognition (A4, A5, ID-1 card) from the rectified page's proportions and scale."""

from __future__ import annotations

import enum

ISO_RATIO = 2**0.5  # A4 and A5 share it: only the physical size tells them apart
ID1_MM = (85.6, 53.98)
A4_MM = (297.0, 210.0)
A5_MM = (210.0, 148.0)


class PageSize(enum.Enum):
    """Paper sizes a counter expects; OTHER for anything else."""

    A4 = "A4"
    A5 = "A5"
    ID1 = "ID-1"
    OTHER = "other"


def recognise_page_size(
    width_px: float, height_px: float, pixels_per_mm: float | None = None, tolerance: float = 0.06
) -> PageSize:
    """The paper size of a page ``width_px`` × ``height_px``.

    With ``pixels_per_mm`` (a scanner's dpi / 25.4, or a fixed document camera's calibration)
    the long side decides between A4 and A5. Without it an ISO-proportioned page is taken for
    A4, by far the most common paper at a counter.
    """
    long_side, short_side = max(width_px, height_px), min(width_px, height_px)
    if short_side <= 0:
        return PageSize.OTHER
    ratio = long_side / short_side
    id1_ratio = ID1_MM[0] / ID1_MM[1]
    if abs(ratio - id1_ratio) / id1_ratio <= tolerance:
        if pixels_per_mm is None or abs(long_side / pixels_per_mm - ID1_MM[0]) < 0.2 * ID1_MM[0]:
            return PageSize.ID1
        return PageSize.OTHER
    if abs(ratio - ISO_RATIO) / ISO_RATIO > tolerance:
        return PageSize.OTHER
    if pixels_per_mm is None:
        return PageSize.A4
    long_mm = long_side / pixels_per_mm
    for size, (mm, _) in ((PageSize.A4, A4_MM), (PageSize.A5, A5_MM)):
        if abs(long_mm - mm) <= 0.12 * mm:
            return size
    return PageSize.OTHER
