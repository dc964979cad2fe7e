"""Raster images for the printer (GS v 0): a line of text drawn with PIL, or any picture."""

from __future__ import annotations

from dataclasses import dataclass

from PIL import Image, ImageDraw

from devices.printer.cjk_font import cjk_font
from devices.printer.text_width import printed_width

GS_V_0 = b"\x1dv0"
# The printer's standard font A is 12 x 24 dots; a CJK character takes two columns.
COLUMN_DOTS = 12
LINE_DOTS = 24


@dataclass(frozen=True)
class Raster:
    """A 1-bit picture as the printer takes it: rows of bytes, most significant bit leftmost."""

    width_bytes: int
    height: int
    data: bytes

    @property
    def width(self) -> int:
        """Width in dots."""
        return self.width_bytes * 8

    def command(self, scale: int = 0) -> bytes:
        """The GS v 0 command printing this picture (scale 0 normal, 3 double width+height)."""
        header = bytes(
            (scale, self.width_bytes & 0xFF, self.width_bytes >> 8, self.height & 0xFF)
        ) + bytes((self.height >> 8,))
        return GS_V_0 + header + self.data

    def to_image(self) -> Image.Image:
        """The picture as a PIL 1-bit image (black dots are 0, as PIL draws them)."""
        inverted = bytes(b ^ 0xFF for b in self.data)
        return Image.frombytes("1", (self.width, self.height), inverted)


def raster_of_image(image: Image.Image) -> Raster:
    """Threshold a picture to black and white dots, padded to whole bytes."""
    gray = image.convert("L")
    width = (gray.width + 7) // 8 * 8
    canvas = Image.new("L", (width, gray.height), 255)
    canvas.paste(gray, (0, 0))
    # PIL's mode "1" stores 1 for white; the printer wants 1 for a black dot.
    bits = canvas.point(lambda v: 255 if v < 128 else 0).convert("1")
    return Raster(width // 8, gray.height, bits.tobytes())


def text_image(text: str, bold: bool = False) -> Image.Image:
    """``text`` drawn black on white on the printer's column grid, one line of 24 dots."""
    columns = max(printed_width(text), 1)
    image = Image.new("L", (columns * COLUMN_DOTS, LINE_DOTS), 255)
    font = cjk_font(LINE_DOTS - 2, bold)
    ImageDraw.Draw(image).text((0, LINE_DOTS // 2), text, font=font, fill=0, anchor="lm")
    return image


def text_raster(text: str, bold: bool = False) -> Raster:
    """A line of text the printer's own font cannot show, as a picture of that line."""
    return raster_of_image(text_image(text, bold))
