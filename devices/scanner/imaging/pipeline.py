"""The whole pipeline: a camera frame or a scan in, a finished page (and a material's PDF) out."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import cv2
import numpy as np
import numpy.typing as npt

from devices.scanner.imaging.compression import EncodedPage, compress_to_budget
from devices.scanner.imaging.deskew import deskew
from devices.scanner.imaging.enhancement import enhance
from devices.scanner.imaging.geometry import Quad
from devices.scanner.imaging.id_card_sheet import id_card_sheet
from devices.scanner.imaging.orientation import make_upright
from devices.scanner.imaging.page_detection import detect_page, smallest_page_fraction
from devices.scanner.imaging.page_size import A4_MM, A5_MM, ID1_MM, PageSize, recognise_page_size
from devices.scanner.imaging.pdf_assembly import PdfPage, assemble_pdf
from devices.scanner.imaging.perspective import crop_margin, rectify
from devices.scanner.imaging.quality import QualityReport, check_quality

DEFAULT_BUDGET_BYTES = 400_000
MM_PER_INCH = 25.4
PAPER_MM = {
    PageSize.A4: (A4_MM[1], A4_MM[0]),
    PageSize.A5: (A5_MM[1], A5_MM[0]),
    PageSize.ID1: ID1_MM,
}


@dataclass(frozen=True)
class PipelineOptions:
    """Choices per material: black-and-white text pages, and the scale when it is known."""

    black_and_white: bool = False
    pixels_per_mm: float | None = None


@dataclass(frozen=True)
class ProcessedPage:
    """A finished page: enhanced upright image, where it was in the frame, its quality and size."""

    image: npt.NDArray[np.uint8]
    quad: Quad | None
    quality: QualityReport
    page_size: PageSize


def process_capture(
    frame: npt.NDArray[np.uint8], options: PipelineOptions | None = None
) -> ProcessedPage:
    """A camera frame: detect, rectify, check, turn upright, enhance.

    With no page found the whole frame is kept (flagged ``no_page``) so the resident can retake.
    """
    options = options or PipelineOptions()
    height, width = frame.shape[:2]
    if options.pixels_per_mm is None:
        detection = detect_page(frame)
    else:
        smallest = smallest_page_fraction(width, height, options.pixels_per_mm)
        detection = detect_page(frame, smallest)
    if detection is None:
        quality = check_quality(None)
        return ProcessedPage(enhance(frame), None, quality, PageSize.OTHER)
    page = crop_margin(rectify(frame, detection.quad))
    quality = check_quality(page, detection.quad, (width, height))
    size = recognise_page_size(page.shape[1], page.shape[0], options.pixels_per_mm)
    upright = make_upright(page, allow_upside_down=size is not PageSize.ID1)
    image = enhance(upright, black_and_white=options.black_and_white)
    return ProcessedPage(image, detection.quad, quality, size)


def process_scan(
    image: npt.NDArray[np.uint8], dpi: int, options: PipelineOptions | None = None
) -> ProcessedPage:
    """A flatbed or feeder scan: the page fills the image, so deskew instead of detection."""
    options = options or PipelineOptions()
    level = deskew(image)
    quality = check_quality(level)
    size = recognise_page_size(level.shape[1], level.shape[0], dpi / MM_PER_INCH)
    upright = make_upright(level, allow_upside_down=size is not PageSize.ID1)
    enhanced = enhance(upright, black_and_white=options.black_and_white)
    return ProcessedPage(enhanced, None, quality, size)


def paper_for(page: npt.NDArray[np.uint8], size: PageSize) -> tuple[float, float]:
    """Paper (width, height) in mm a page is printed on: its own size, else A4 in its direction."""
    height, width = page.shape[:2]
    known = PAPER_MM.get(size)
    if known is not None:
        short, long = sorted(known)
    else:
        short, long = A4_MM[1], A4_MM[0]
    return (long, short) if width > height else (short, long)


def finish_page(page: ProcessedPage, budget_bytes: int = DEFAULT_BUDGET_BYTES) -> PdfPage:
    """The page compressed to its budget, ready for the PDF."""
    encoded: EncodedPage = compress_to_budget(page.image, budget_bytes)
    return PdfPage(encoded.data, paper_for(page.image, page.page_size))


def id_card_page(
    front: ProcessedPage, back: ProcessedPage, budget_bytes: int = DEFAULT_BUDGET_BYTES
) -> PdfPage:
    """Front and back of an ID card on one A4 page."""
    sheet = id_card_sheet(front.image, back.image)
    encoded = compress_to_budget(sheet, budget_bytes)
    return PdfPage(encoded.data, (A4_MM[1], A4_MM[0]))


def material_pdf(pages: Sequence[PdfPage]) -> bytes:
    """One PDF of a material's pages, in order."""
    return assemble_pdf(pages)


def as_bgr(image: npt.NDArray[np.uint8]) -> npt.NDArray[np.uint8]:
    """Gray or BGRA input as 3-channel BGR (scanners deliver gray pages)."""
    if image.ndim == 2:
        return np.asarray(cv2.cvtColor(image, cv2.COLOR_GRAY2BGR), dtype=np.uint8)
    if image.shape[2] == 4:
        return np.asarray(cv2.cvtColor(image, cv2.COLOR_BGRA2BGR), dtype=np.uint8)
    return image
