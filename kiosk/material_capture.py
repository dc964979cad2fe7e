"""Capturing a material's pages: the interface the materials step calls, and the demo's pages.

Real capture (document camera, scanner, the imaging pipeline with its quality checks) is the
document-capture work; it implements ``CaptureProvider``. ``SamplePageCapture`` is the demo
and test implementation: it draws clearly marked sample pages (样张) in memory.
"""

from __future__ import annotations

import io
from dataclasses import dataclass
from typing import Protocol

from PIL import Image, ImageDraw

from devices.printer.cjk_font import cjk_font
from kiosk.service_offers import MaterialRequirement

PAGE_SIZE = (827, 1169)  # A4 at 100 dpi
THUMB_MAX_PX = 240


@dataclass(frozen=True, eq=False)
class CapturedPage:
    """One captured page: JPEG bytes, a small PNG thumbnail, and the quality check's verdict."""

    jpeg: bytes
    thumbnail_png: bytes
    blank: bool = False
    unreadable: bool = False

    def __repr__(self) -> str:
        # The bytes are a picture of a personal document: keep them out of logs.
        return f"CapturedPage(<{len(self.jpeg)} bytes>, blank={self.blank})"


class CaptureProvider(Protocol):
    """Captures the pages of one material; blocking, so the UI calls it off its thread."""

    def capture(self, material: MaterialRequirement) -> list[CapturedPage]:
        """The pages captured for ``material`` (an empty list when the resident cancelled)."""
        ...


def page_from_image(image: Image.Image, *, blank: bool = False) -> CapturedPage:
    """A CapturedPage from a PIL image: JPEG for the vault, PNG thumbnail for the screens."""
    rgb = image.convert("RGB")
    full = io.BytesIO()
    rgb.save(full, format="JPEG", quality=80)
    thumb = rgb.copy()
    thumb.thumbnail((THUMB_MAX_PX, THUMB_MAX_PX))
    small = io.BytesIO()
    thumb.save(small, format="PNG")
    return CapturedPage(full.getvalue(), small.getvalue(), blank=blank)


def sample_page(title: str, page: int, pages: int) -> Image.Image:
    """A clearly fake document page titled ``title``, marked 样张 / SAMPLE."""
    image = Image.new("RGB", PAGE_SIZE, (252, 250, 244))
    draw = ImageDraw.Draw(image)
    width, height = PAGE_SIZE
    draw.rectangle((30, 30, width - 30, height - 30), outline=(60, 60, 60), width=4)
    draw.text(
        (width // 2, 140), title, font=cjk_font(44, bold=True), fill=(20, 20, 20), anchor="mm"
    )
    body = cjk_font(26)
    for row in range(14):
        top = 260 + row * 48
        draw.line((90, top, width - 90 - (row % 3) * 60, top), fill=(150, 150, 150), width=3)
    draw.text(
        (width // 2, height // 2 + 220),
        "样张 SAMPLE",
        font=cjk_font(96, bold=True),
        fill=(200, 40, 40),
        anchor="mm",
    )
    draw.text(
        (width // 2, height - 90), f"{page} / {pages}", font=body, fill=(20, 20, 20), anchor="mm"
    )
    return image


class SamplePageCapture:
    """Demo capture: ``min_pages`` sample pages per material (a blank one when asked to)."""

    def __init__(self, *, blank_codes: frozenset[str] = frozenset()) -> None:
        self._blank_codes = blank_codes

    def capture(self, material: MaterialRequirement) -> list[CapturedPage]:
        """Sample pages titled with the material's name."""
        pages = max(1, material.min_pages)
        if material.code in self._blank_codes:
            return [page_from_image(Image.new("RGB", PAGE_SIZE, "white"), blank=True)]
        return [
            page_from_image(sample_page(material.name.zh, index + 1, pages))
            for index in range(pages)
        ]
