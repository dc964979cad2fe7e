"""The Noto CJK font receipts are drawn with (rare characters on paper, the PNG of a receipt)."""

from __future__ import annotations

import functools
from pathlib import Path

from PIL import ImageFont

# Debian's fonts-noto-cjk; the TTC index of "Noto Sans Mono CJK SC" (half-width Latin, so a
# drawn line keeps the printer's 1:2 column grid) and of "Noto Sans CJK SC".
_FONT_FILES = {
    False: Path("/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc"),
    True: Path("/usr/share/fonts/opentype/noto/NotoSansCJK-Bold.ttc"),
}
_MONO_SC_INDEX = 7


class CjkFontMissing(RuntimeError):
    """No font with Chinese glyphs is installed (Debian package fonts-noto-cjk)."""


@functools.cache
def cjk_font(size: int, bold: bool = False) -> ImageFont.FreeTypeFont:
    """Noto Sans Mono CJK SC at ``size`` pixels; CjkFontMissing if fonts-noto-cjk is absent."""
    path = _FONT_FILES[bold]
    if not path.exists():
        path = _FONT_FILES[False]
    try:
        return ImageFont.truetype(str(path), size, index=_MONO_SC_INDEX)
    except OSError as exc:
        raise CjkFontMissing(
            f"{path} cannot be loaded: install the Debian package fonts-noto-cjk"
        ) from exc
