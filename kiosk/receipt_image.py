"""The receipt drawn as a picture (PNG for docs and tests), from the same layout as the paper."""

from __future__ import annotations

from pathlib import Path

import qrcode
from PIL import Image, ImageDraw
from qrcode.constants import ERROR_CORRECT_M

from devices.printer.cjk_font import cjk_font
from kiosk.receipt import Receipt, RuleBlock, TextBlock, display_width, receipt_layout

COLUMN_PX = 12  # the printer's 12 x 24 dot font, at one pixel per dot
LINE_PX = 30
MARGIN_PX = 16


def receipt_image(receipt: Receipt, columns: int = 48) -> Image.Image:
    """The receipt as the printer would lay it out, on white, 12 px per column."""
    width = columns * COLUMN_PX + 2 * MARGIN_PX
    parts: list[Image.Image] = []
    for block in receipt_layout(receipt, columns):
        if isinstance(block, TextBlock):
            parts.append(_text(block, width))
        elif isinstance(block, RuleBlock):
            rule = Image.new("L", (width, LINE_PX // 2), 255)
            middle = LINE_PX // 4
            ImageDraw.Draw(rule).line((MARGIN_PX, middle, width - MARGIN_PX, middle), fill=0)
            parts.append(rule)
        else:
            code = qrcode.QRCode(border=2, box_size=6, error_correction=ERROR_CORRECT_M)
            code.add_data(block.payload)
            code.make(fit=True)
            picture = code.make_image().get_image().convert("L")
            holder = Image.new("L", (width, picture.height), 255)
            holder.paste(picture, ((width - picture.width) // 2, 0))
            parts.append(holder)
    height = sum(part.height for part in parts) + 2 * MARGIN_PX
    page = Image.new("L", (width, height), 255)
    top = MARGIN_PX
    for part in parts:
        page.paste(part, (0, top))
        top += part.height
    return page


def _text(block: TextBlock, width: int) -> Image.Image:
    scale = 2 if block.double else 1
    line = Image.new("L", (width, LINE_PX * scale), 255)
    text_width = display_width(block.text) * COLUMN_PX * scale
    left = (width - text_width) // 2 if block.center else MARGIN_PX
    font = cjk_font(22 * scale, bold=block.bold)
    ImageDraw.Draw(line).text(
        (left, LINE_PX * scale // 2), block.text, font=font, fill=0, anchor="lm"
    )
    return line


def save_receipt_png(receipt: Receipt, path: Path, columns: int = 48) -> Path:
    """Write the receipt's PNG to ``path``."""
    receipt_image(receipt, columns).save(path, format="PNG")
    return path
