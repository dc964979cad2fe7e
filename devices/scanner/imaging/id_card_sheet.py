"""An ID card's front and back on one A4 page, at true size, as counters expect (身份证复印件)."""

from __future__ import annotations

import cv2
import numpy as np
import numpy.typing as npt

from devices.scanner.imaging.page_size import A4_MM, ID1_MM

MM_PER_INCH = 25.4


def id_card_sheet(
    front: npt.NDArray[np.uint8], back: npt.NDArray[np.uint8], dpi: int = 300
) -> npt.NDArray[np.uint8]:
    """A white portrait A4 page with the front in the upper half and the back in the lower half.

    Each side is scaled to 85.6 × 54 mm (turned landscape first if it came portrait) and
    centred in its half, like a photocopy made on a copier's ID-card mode.
    """
    px_per_mm = dpi / MM_PER_INCH
    page_w, page_h = round(A4_MM[1] * px_per_mm), round(A4_MM[0] * px_per_mm)
    card_w, card_h = round(ID1_MM[0] * px_per_mm), round(ID1_MM[1] * px_per_mm)
    sheet = np.full((page_h, page_w, 3), 255, np.uint8)
    for index, side in enumerate((front, back)):
        if side.ndim == 2:
            side = np.asarray(cv2.cvtColor(side, cv2.COLOR_GRAY2BGR), dtype=np.uint8)
        if side.shape[0] > side.shape[1]:
            side = np.ascontiguousarray(np.rot90(side))
        card = np.asarray(
            cv2.resize(side, (card_w, card_h), interpolation=cv2.INTER_AREA), dtype=np.uint8
        )
        x = (page_w - card_w) // 2
        y = page_h // 4 + index * page_h // 2 - card_h // 2
        sheet[y : y + card_h, x : x + card_w] = card
        cv2.rectangle(sheet, (x, y), (x + card_w - 1, y + card_h - 1), (200, 200, 200), 1)
    return sheet
