"""Assembling a material's pages into one PDF with img2pdf: JPEG data embedded, never re-encoded."""

from __future__ import annotations

import io
from collections.abc import Sequence
from dataclasses import dataclass

import img2pdf
import pikepdf  # img2pdf's own dependency: merges PDFs without touching the images

MM_PER_INCH = 25.4
POINTS_PER_INCH = 72.0


@dataclass(frozen=True)
class PdfPage:
    """One page: its JPEG bytes and the paper size (width, height in mm) it is printed on."""

    jpeg: bytes
    size_mm: tuple[float, float]


def assemble_pdf(pages: Sequence[PdfPage]) -> bytes:
    """One PDF holding every page in order, each image filling its paper size."""
    if not pages:
        raise ValueError("a PDF needs at least one page")
    # img2pdf takes one layout for a whole call: pages of different paper sizes are
    # converted one by one and merged.
    if len({page.size_mm for page in pages}) == 1:
        return _convert([page.jpeg for page in pages], pages[0].size_mm)
    merged = pikepdf.Pdf.new()
    for page in pages:
        single = pikepdf.Pdf.open(io.BytesIO(_convert([page.jpeg], page.size_mm)))
        merged.pages.extend(single.pages)
    out = io.BytesIO(b"")
    merged.save(out)
    return out.getvalue()


def _convert(jpegs: list[bytes], size_mm: tuple[float, float]) -> bytes:
    width_pt = img2pdf.mm_to_pt(size_mm[0])
    height_pt = img2pdf.mm_to_pt(size_mm[1])
    layout = img2pdf.get_layout_fun((width_pt, height_pt), None, fit=img2pdf.FitMode.into)
    result = img2pdf.convert(jpegs, layout_fun=layout)
    if result is None:
        raise ValueError("img2pdf produced no document")
    return bytes(result)
